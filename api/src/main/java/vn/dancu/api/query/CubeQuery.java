package vn.dancu.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A validated query of one cube over one reference date or one period.
 *
 * @param dimensions query dimension names of the result rows, in order
 * @param filters    query dimension name → codes kept
 * @param refDates   the partitions summed: one reference date, or the months of a period for a flow cube (none when
 *                   the period had no event at all)
 * @param period     the period asked for with {@code period=} (a year, a quarter, months), cut to the days the data
 *                   cover; null when a single date was asked for
 */
public record CubeQuery(
        String cube,
        List<String> dimensions,
        List<String> measures,
        Map<String, Set<String>> filters,
        List<LocalDate> refDates,
        QueryPeriod period,
        GeographyDimension.Geography geography,
        GeographyDimension.Level level,
        String language)
{
    public CubeQuery
    {
        requireNonNull(cube, "cube is null");
        dimensions = List.copyOf(dimensions);
        measures = List.copyOf(measures);
        filters = Map.copyOf(filters);
        refDates = List.copyOf(refDates);
        if (refDates.isEmpty() && period == null) {
            throw new IllegalArgumentException("a query needs a reference date or a period");
        }
        requireNonNull(geography, "geography is null");
        requireNonNull(level, "level is null");
        requireNonNull(language, "language is null");
    }

    /**
     * A query of one calendar year's partitions ({@code period=YYYY}), the data's coverage taken from the partitions
     * themselves; null {@code year} for a single date.
     */
    public CubeQuery(String cube, List<String> dimensions, List<String> measures, Map<String, Set<String>> filters, List<LocalDate> refDates,
            Integer year, GeographyDimension.Geography geography, GeographyDimension.Level level, String language)
    {
        this(cube, dimensions, measures, filters, refDates, year == null ? null : QueryPeriod.year(year)
                .clip(refDates.get(0).withDayOfMonth(1), refDates.get(refDates.size() - 1)).orElseThrow(), geography, level, language);
    }

    /** The calendar year of the period asked for; null for a single date. */
    public Integer year()
    {
        return period == null ? null : period.year();
    }

    /** The last reference date: the one of a stock, the last day of a period's data. */
    public LocalDate refDate()
    {
        return period != null ? period.to() : refDates.get(refDates.size() - 1);
    }

    /** The first day the query covers: a period's first day with data, else its (single) reference date. */
    public LocalDate firstDate()
    {
        return period != null ? period.from() : refDates.get(0);
    }

    /** The same query with other dimensions, filters and measures (indicators derive their tables this way). */
    public CubeQuery with(List<String> newDimensions, Map<String, Set<String>> newFilters, List<String> newMeasures)
    {
        return new CubeQuery(cube, newDimensions, newMeasures, newFilters, refDates, period, geography, level, language);
    }
}
