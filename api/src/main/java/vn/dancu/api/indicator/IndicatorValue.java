package vn.dancu.api.indicator;

import java.time.LocalDate;

/**
 * One indicator for one unit.
 *
 * @param value       null when withheld or unavailable
 * @param numerator   the count (or sum) on top of the formula; null for the median age or when withheld
 * @param denominator the count (person-years, population…) under it; null for counts
 * @param refDate     the stock's reference date (for a year of flows: its last day with data)
 * @param year        the calendar year of flows, or null
 * @param status      {@code ok}, {@code suppressed} (numerator or denominator withheld by disclosure control) or
 *                    {@code unavailable} (no data, or a zero denominator; {@code note} says which)
 */
public record IndicatorValue(
        String indicator,
        String label,
        String unit,
        String unitLabel,
        Double value,
        Double numerator,
        Double denominator,
        String formula,
        String measureUnit,
        int decimals,
        LocalDate refDate,
        Integer year,
        String status,
        String note)
{
}
