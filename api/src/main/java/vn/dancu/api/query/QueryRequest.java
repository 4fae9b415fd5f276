package vn.dancu.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A cube question as typed values, read at the edge ({@link QueryRequestParser}) before any cube is looked at: every
 * value here is well formed, but not yet checked against the cube (its dimensions, codes and dates).
 *
 * @param dimensions the asked dimension names, in order (a level name such as {@code district} stands for the
 *                   geography at that level)
 * @param measures   the asked measures; empty for all of the cube's
 * @param filters    the filters in the order given
 * @param level      the asked level; empty for the default (communes), or for the level a dimension name implies
 * @param date       the asked reference date (a day, a period's end or one relative to the data); empty for the latest or a period
 * @param period     the asked period of flows (fixed or relative to the data); empty for a date or the default
 */
public record QueryRequest(
        List<String> dimensions,
        List<String> measures,
        List<Filter> filters,
        GeographyDimension.Geography geography,
        Optional<GeographyDimension.Level> level,
        Optional<DateExpression> date,
        Optional<PeriodExpression> period,
        String language)
{
    public QueryRequest
    {
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        measures = List.copyOf(requireNonNull(measures, "measures is null"));
        filters = List.copyOf(requireNonNull(filters, "filters is null"));
        requireNonNull(geography, "geography is null");
        requireNonNull(level, "level is null");
        requireNonNull(date, "date is null");
        requireNonNull(period, "period is null");
        requireNonNull(language, "language is null");
    }

    /** One {@code filter=dimension:code[,code…]}: the dimension named and the codes kept, without repeats. */
    public record Filter(String dimension, Set<String> codes)
    {
        public Filter
        {
            requireNonNull(dimension, "dimension is null");
            codes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(requireNonNull(codes, "codes is null")));
        }
    }
}
