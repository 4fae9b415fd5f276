package vn.dancu.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;

/** Turns a chunk's clean register into the rows to write, injecting faults at the options' bad rate. */
final class FaultInjector
{
    private FaultInjector() {}

    static ChunkOutput inject(RegisterPlan plan, ChunkRegister register)
    {
        List<OutputRow> persons = new ArrayList<>(register.persons().size());
        for (PersonRecord person : register.persons()) {
            persons.add(OutputRow.clean(RegisterColumns.values(person)));
        }
        List<OutputRow> events = new ArrayList<>(register.events().size());
        for (EventRecord event : register.events()) {
            events.add(OutputRow.clean(RegisterColumns.values(event)));
        }
        return new ChunkOutput(persons, events, register.residentsAtEnd());
    }
}
