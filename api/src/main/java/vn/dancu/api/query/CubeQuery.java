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
 * @param refDates   the partitions summed: one reference date, or the months of a year for a flow cube
 * @param year       the calendar year asked for with {@code period=YYYY}; null when a single date was asked for
 */
public record CubeQuery(
        String cube,
        List<String> dimensions,
        List<String> measures,
        Map<String, Set<String>> filters,
        List<LocalDate> refDates,
        Integer year,
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
        if (refDates.isEmpty()) {
            throw new IllegalArgumentException("a query needs at least one reference date");
        }
        requireNonNull(geography, "geography is null");
        requireNonNull(level, "level is null");
        requireNonNull(language, "language is null");
    }

    /** The last reference date: the one of a stock, the end of a period. */
    public LocalDate refDate()
    {
        return refDates.get(refDates.size() - 1);
    }

    /** The same query with other dimensions, filters and measures (indicators derive their tables this way). */
    public CubeQuery with(List<String> newDimensions, Map<String, Set<String>> newFilters, List<String> newMeasures)
    {
        return new CubeQuery(cube, newDimensions, newMeasures, newFilters, refDates, year, geography, level, language);
    }
}
