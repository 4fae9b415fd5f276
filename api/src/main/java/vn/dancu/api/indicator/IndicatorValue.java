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
 * @param lower       the 95 % interval's lower bound, for rates built from counts of events ({@link Reliability}); else null
 * @param upper       its upper bound
 * @param lowReliability true when the rate rests on too few events to be read as a level (the rule of {@link Reliability})
 * @param partial     for a year of flows: the data cover only part of the year (rates are then annualised by the
 *                    person-years of the days covered; {@code coverage} says which months)
 * @param coverage    the months a partial year covers, as a reader says them ({@code T1–T11/2026}); null for a whole year or a stock
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
        String note,
        Double lower,
        Double upper,
        Boolean lowReliability,
        boolean partial,
        String coverage)
{
    /** A value of a stock or of a whole year, without an interval. */
    public IndicatorValue(String indicator, String label, String unit, String unitLabel, Double value, Double numerator, Double denominator,
            String formula, String measureUnit, int decimals, LocalDate refDate, Integer year, String status, String note)
    {
        this(indicator, label, unit, unitLabel, value, numerator, denominator, formula, measureUnit, decimals, refDate, year, status, note,
                null, null, null, false, null);
    }

    /** The same value with its 95 % interval (rounded one decimal further than the value) and reliability. */
    public IndicatorValue withInterval(Reliability.Interval interval)
    {
        if (!"ok".equals(status)) {
            return this;
        }
        return new IndicatorValue(indicator, label, unit, unitLabel, value, numerator, denominator, formula, measureUnit, decimals, refDate, year,
                status, note, rounded(interval.lower()), Double.isInfinite(interval.upper()) ? null : rounded(interval.upper()), interval.low(),
                partial, coverage);
    }

    /** The same value marked as of a year the data cover only in part. */
    public IndicatorValue covering(String months)
    {
        return new IndicatorValue(indicator, label, unit, unitLabel, value, numerator, denominator, formula, measureUnit, decimals, refDate, year,
                status, note, lower, upper, lowReliability, true, months);
    }

    private double rounded(double bound)
    {
        return IndicatorService.round(bound, decimals + 1);
    }
}
