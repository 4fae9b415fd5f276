package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * A curated snapshot with what several fact sources derive from it alike.
 *
 * @param residentSpells residence spells with their person's attributes ({@link ResidenceSegments#residentSpells}),
 *                       which the job may keep cached for the sources that share it
 * @param reformDate     the first day of the 2025 administrative units
 */
public record BuildInputs(CuratedSnapshot snapshot, Dataset<Row> residentSpells, LocalDate reformDate)
{
    public BuildInputs
    {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(residentSpells, "residentSpells is null");
        requireNonNull(reformDate, "reformDate is null");
    }
}
