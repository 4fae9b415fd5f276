package vn.dancu.engine.ingest;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What validation checks records against.
 *
 * @param extractDate      the extract's date: no birth after it; residents' communes must be in force on it
 * @param idProvinceCodes  the 3-digit province codes of ID numbers (Circular 07/2016/TT-BCA)
 * @param ethnicityCodes   the 54 ethnic-group codes
 * @param communes         whether a code is a commune of the area on a date: the commune calendar of
 *                         {@link ReferenceTables#communeCalendar}, collected once for every check
 * @param lastDayBeforeReform the day a {@code former_commune_code} must be in force on (30/06/2025)
 */
public record RegisterReference(LocalDate extractDate, List<String> idProvinceCodes, List<String> ethnicityCodes,
        CommuneValidity communes, LocalDate lastDayBeforeReform)
{
    public RegisterReference
    {
        requireNonNull(extractDate, "extractDate is null");
        idProvinceCodes = List.copyOf(idProvinceCodes);
        ethnicityCodes = List.copyOf(ethnicityCodes);
        requireNonNull(communes, "communes is null");
        requireNonNull(lastDayBeforeReform, "lastDayBeforeReform is null");
    }
}
