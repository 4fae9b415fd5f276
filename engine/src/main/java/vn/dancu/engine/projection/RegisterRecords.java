package vn.dancu.engine.projection;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Area;
import vn.dancu.engine.cube.BuildInputs;
import vn.dancu.engine.cube.CuratedSnapshot;
import vn.dancu.engine.cube.ResidenceSegments;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * The records of a curated snapshot a projection reads, as the cube builder derives them (the same residence
 * segments and event records the other cubes count).
 *
 * @param segments     {@code commune_code, sex, birth_date, start_date, end_date}
 * @param deathRecords {@code event_date, commune_code, sex, birth_date}
 * @param moveRecords  {@code event_date, commune_code, flow, other_commune_code, sex, birth_date}
 * @param birthRecords {@code event_date, commune_code, sex, mother_birth_date}
 * @param successors   {@code old_code, new_code}
 */
public record RegisterRecords(Dataset<Row> segments, Dataset<Row> deathRecords, Dataset<Row> moveRecords, Dataset<Row> birthRecords,
        Dataset<Row> successors, AdminCatalogue catalogue, LocalDate periodStart, LocalDate periodEnd, LocalDate reformDate)
{
    public RegisterRecords
    {
        requireNonNull(segments, "segments is null");
        requireNonNull(deathRecords, "deathRecords is null");
        requireNonNull(moveRecords, "moveRecords is null");
        requireNonNull(birthRecords, "birthRecords is null");
        requireNonNull(successors, "successors is null");
        requireNonNull(catalogue, "catalogue is null");
        requireNonNull(periodStart, "periodStart is null");
        requireNonNull(periodEnd, "periodEnd is null");
        requireNonNull(reformDate, "reformDate is null");
    }

    public static RegisterRecords of(BuildInputs inputs)
    {
        CuratedSnapshot snapshot = inputs.snapshot();
        return new RegisterRecords(
                ResidenceSegments.exposureSegments(inputs.residentSpells()),
                inputs.events().deaths(),
                inputs.events().moves(),
                inputs.events().births(),
                snapshot.successors(),
                Area.parse(snapshot.area()).catalogue(),
                snapshot.periodStart(), snapshot.periodEnd(), inputs.reformDate());
    }

    /** The Lexis tables' settings for a geography. */
    public LexisTables.Units units(UnitGeography geography)
    {
        return new LexisTables.Units(geography, successors, reformDate);
    }
}
