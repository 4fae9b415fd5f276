package vn.dancu.engine.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What validation checks records against.
 *
 * @param extractDate      the extract's date: no birth after it; residents' communes must be in force on it
 * @param idProvinceCodes  the 3-digit province codes of ID numbers (Circular 07/2016/TT-BCA)
 * @param ethnicityCodes   the 54 ethnic-group codes
 * @param communeCalendar  the area's communes over time: {@code code}, {@code valid_from} (inclusive, null = since
 *                         ever), {@code valid_to} (exclusive, null = still in force); see {@link ReferenceTables}
 * @param lastDayBeforeReform the day a {@code former_commune_code} must be in force on (30/06/2025)
 */
public record RegisterReference(LocalDate extractDate, List<String> idProvinceCodes, List<String> ethnicityCodes,
        Dataset<Row> communeCalendar, LocalDate lastDayBeforeReform)
{
    public RegisterReference
    {
        requireNonNull(extractDate, "extractDate is null");
        idProvinceCodes = List.copyOf(idProvinceCodes);
        ethnicityCodes = List.copyOf(ethnicityCodes);
        requireNonNull(communeCalendar, "communeCalendar is null");
        requireNonNull(lastDayBeforeReform, "lastDayBeforeReform is null");
    }
}
