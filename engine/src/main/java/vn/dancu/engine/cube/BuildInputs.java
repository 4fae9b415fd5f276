package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * A curated snapshot with what several fact sources derive from it alike.
 *
 * @param residentSpells residence spells with their person's attributes ({@link ResidenceSegments#residentSpells},
 *                       possibly with the {@code pid} too), which the job may keep cached for the sources that share it
 * @param events         the event records of the period ({@link EventRecords}), which the job may keep cached too
 * @param reformDate     the first day of the 2025 administrative units
 */
public record BuildInputs(CuratedSnapshot snapshot, Dataset<Row> residentSpells, EventRecords events, LocalDate reformDate)
{
    public BuildInputs
    {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(residentSpells, "residentSpells is null");
        requireNonNull(events, "events is null");
        requireNonNull(reformDate, "reformDate is null");
    }

    /** Inputs whose event records are derived from the snapshot as they are read (nothing cached). */
    public BuildInputs(CuratedSnapshot snapshot, Dataset<Row> residentSpells, LocalDate reformDate)
    {
        this(snapshot, residentSpells, EventRecords.of(snapshot), reformDate);
    }

    /**
     * The resident spells that last beyond {@code day} (open, or ending after it): the only ones that can count on
     * {@code day} or later, so a source producing facts from {@code day} on reads these and not the whole history.
     */
    public Dataset<Row> residentSpellsEndingAfter(LocalDate day)
    {
        return residentSpells.where(col("valid_to").isNull().or(col("valid_to").gt(lit(day))));
    }
}
