package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/** The curated tables of one snapshot, as read for a build, with the period it covers. */
public record CuratedSnapshot(
        String snapshotId,
        LocalDate periodStart,
        LocalDate periodEnd,
        LocalDate extractDate,
        String area,
        Dataset<Row> persons,
        Dataset<Row> events,
        Dataset<Row> residenceSpells,
        Dataset<Row> households)
{
    public CuratedSnapshot
    {
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(periodStart, "periodStart is null");
        requireNonNull(periodEnd, "periodEnd is null");
        requireNonNull(extractDate, "extractDate is null");
        requireNonNull(area, "area is null");
    }
}
