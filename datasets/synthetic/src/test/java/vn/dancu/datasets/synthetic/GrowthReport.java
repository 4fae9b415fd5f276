package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.geo.Area;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/** Diagnostic: growth over the burn-in and over the period, from the simulation (not a test). Args: area persons. */
public final class GrowthReport
{
    public static void main(String[] args)
    {
        GeneratorOptions options = GeneratorOptions.defaults(Path.of("/tmp/generator/unused"), LocalDate.of(2026, 11, 27))
                .withArea(Area.parse(args[0]), args.length > 1 ? Long.parseLong(args[1]) : null).withSeed(args.length > 2 ? Long.parseLong(args[2]) : 1);
        RegisterPlan plan = RegisterPlan.of(options);
        long constructed = 0;
        long atStart = 0;
        long atEnd = 0;
        long planned = 0;
        java.util.Map<EventType, Long> counts = new java.util.EnumMap<>(EventType.class);
        for (ChunkPlan chunk : plan.chunks) {
            planned += chunk.initialPersons();
            constructed += Math.max(1, Math.round(chunk.initialPersons() * plan.burnInShrink));
            ChunkRegister register = new ChunkSimulation(plan, chunk).run();
            atEnd += register.residentsAtEnd();
            register.simulatedEvents().forEach(event -> counts.merge(event.type(), 1L, Long::sum));
            for (SimulatedPerson person : register.people()) {
                if (person.birthDay <= plan.startDay && person.exitDay > plan.startDay) {
                    boolean entered = false;
                    for (ChunkSimulation.SimulatedEvent event : register.simulatedEvents()) {
                        if (event.person() == person.index && (event.type() == EventType.MOVE_IN || event.type() == EventType.BIRTH)) {
                            entered = true;
                        }
                    }
                    if (!entered) {
                        atStart++;
                    }
                }
            }
        }
        double years = RegisterPlan.BURN_IN_YEARS;
        double personYears = 10 * Math.sqrt((double) atStart * atEnd);
        System.out.println("period events per 1000 person-years: " + counts.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", 1000.0 * e.getValue() / personYears)).toList());
        double period = (plan.endDay - plan.startDay) / DemographicModel.DAYS_PER_YEAR;
        System.out.printf(Locale.ROOT, "%s: constructed %,d, planned at start %,d, at start %,d (burn-in growth %.4f/yr), at end %,d (period growth %.4f/yr)%n",
                args[0], constructed, planned, atStart, Math.log((double) atStart / constructed) / years, atEnd, Math.log((double) atEnd / atStart) / period);
    }
}
