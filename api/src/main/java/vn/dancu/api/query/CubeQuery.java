package vn.dancu.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A validated query of one cube at one reference date.
 *
 * @param dimensions query dimension names of the result rows, in order
 * @param filters    query dimension name → codes kept
 */
public record CubeQuery(
        String cube,
        List<String> dimensions,
        List<String> measures,
        Map<String, Set<String>> filters,
        LocalDate refDate,
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
        requireNonNull(refDate, "refDate is null");
        requireNonNull(geography, "geography is null");
        requireNonNull(level, "level is null");
        requireNonNull(language, "language is null");
    }
}
