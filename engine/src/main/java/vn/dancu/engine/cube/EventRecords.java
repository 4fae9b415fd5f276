package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The event records of a snapshot's period ({@link EventFacts#birthRecords}, {@link EventFacts#deathRecords},
 * {@link EventFacts#moveRecords}: events from the period start joined with their persons), derived once per build and
 * shared by the flow cubes, the projection and change detection, which would otherwise each join the events with
 * every person again.
 */
public record EventRecords(Dataset<Row> births, Dataset<Row> deaths, Dataset<Row> moves)
{
    public EventRecords
    {
        requireNonNull(births, "births is null");
        requireNonNull(deaths, "deaths is null");
        requireNonNull(moves, "moves is null");
    }

    /** The records of the events from the snapshot's period start (nothing is computed until a source reads them). */
    public static EventRecords of(CuratedSnapshot snapshot)
    {
        return of(snapshot, snapshot.persons(), snapshot.residenceSpells());
    }

    /**
     * The records of the events from the snapshot's period start, joined with {@code persons} (at least {@code pid,
     * sex, birth_date}) and {@code spells} (at least {@code pid, commune_code, valid_from, valid_to}): the build passes
     * the persons and spells it already holds partitioned by {@code pid}, so that only the events are shuffled.
     */
    public static EventRecords of(CuratedSnapshot snapshot, Dataset<Row> persons, Dataset<Row> spells)
    {
        Dataset<Row> events = snapshot.events().where(col("event_date").geq(lit(snapshot.periodStart())));
        return new EventRecords(
                EventFacts.birthRecords(events, persons, spells),
                EventFacts.deathRecords(events, persons),
                EventFacts.moveRecords(events, persons));
    }

    /** The same records, kept by Spark once computed (memory, else disk) until {@link #unpersist}. */
    public EventRecords persist()
    {
        return new EventRecords(births.persist(StorageLevel.MEMORY_AND_DISK()), deaths.persist(StorageLevel.MEMORY_AND_DISK()),
                moves.persist(StorageLevel.MEMORY_AND_DISK()));
    }

    public void unpersist()
    {
        births.unpersist();
        deaths.unpersist();
        moves.unpersist();
    }

    /** Records dated on or after {@code day}. */
    public static Dataset<Row> from(Dataset<Row> records, LocalDate day)
    {
        return records.where(col("event_date").geq(lit(day)));
    }
}
