package vn.dancu.datasets.synthetic;

import java.util.List;

/** A chunk's rows in file order, faults injected, and how many of its persons are resident at the period end. */
record ChunkOutput(List<OutputRow> persons, List<OutputRow> events, int residentsAtEnd)
{
    ChunkOutput
    {
        persons = List.copyOf(persons);
        events = List.copyOf(events);
    }
}
