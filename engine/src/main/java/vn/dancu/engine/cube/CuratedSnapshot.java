package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The curated tables of one snapshot, as read for a build, with the period it covers.
 *
 * @param quality           the ingest's quality measures ({@code commune_code, indicator, value}); empty when the
 *                          snapshot has none
 * @param quarantineRecords the records quarantined by the ingest run ({@code record_type, reason_code}); empty when none
 * @param successors        {@code old_code, new_code}: every commune before 01/07/2025 and its successor, from the
 *                          reference catalogue of the snapshot's area
 * @param households        the households resident at the extract date as the ingest wrote them
 *                          ({@link vn.dancu.engine.ingest.RegisterCuration#households}: {@code household_pid,
 *                          commune_code, size}); empty when the snapshot has none, and then derived from the persons
 *                          and spells by the same function
 */
public record CuratedSnapshot(
        String snapshotId,
        LocalDate periodStart,
        LocalDate periodEnd,
        LocalDate extractDate,
        String area,
        Dataset<Row> persons,
        Dataset<Row> events,
        Dataset<Row> residenceSpells,
        Dataset<Row> quality,
        Dataset<Row> quarantineRecords,
        Dataset<Row> successors,
        Optional<Dataset<Row>> households)
{
    public CuratedSnapshot
    {
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(periodStart, "periodStart is null");
        requireNonNull(periodEnd, "periodEnd is null");
        requireNonNull(extractDate, "extractDate is null");
        requireNonNull(area, "area is null");
        requireNonNull(households, "households is null");
        if (periodEnd.isBefore(periodStart)) {
            throw new IllegalArgumentException("snapshot " + snapshotId + ": period end " + periodEnd + " is before its start " + periodStart);
        }
    }

    /** Index of the last month whose last day lies in the period. */
    public int lastMonth()
    {
        int month = Calendar.monthIndex(periodEnd);
        return periodEnd.equals(periodEnd.withDayOfMonth(periodEnd.lengthOfMonth())) ? month : month - 1;
    }
}
