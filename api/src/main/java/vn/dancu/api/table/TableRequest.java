package vn.dancu.api.table;

import vn.dancu.api.query.GeographyDimension;
import vn.dancu.api.query.DateExpression;
import vn.dancu.api.query.PeriodExpression;
import vn.dancu.api.query.QueryRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A table of the table builder as typed values, read at the edge ({@link TableRequestParser}): well formed, not yet
 * checked against the cube.
 *
 * @param rows    the variables of the rows, outermost first: dimensions of the cube as the query API names them,
 *                {@link TableService#PERIOD} and {@link TableService#AGE_CUSTOM}
 * @param columns the variables of the columns, outermost first
 * @param filters the values kept of a variable, or of a dimension that is not a variable (then summed over them)
 * @param bands   the custom age bands of {@link TableService#AGE_CUSTOM}; empty when it is not a variable
 * @param measure the measure shown; empty for the cube's counted measure
 * @param dates   reference dates ({@code date=}, comma-separated; a day, a period's end or relative to the data such as
 *                {@code LATEST}), as written; empty for periods or the default
 * @param periods periods ({@code period=}, comma-separated; fixed or relative to the data such as {@code LAST_5_YEARS}),
 *                as written, so that a saved table follows each new version; empty for dates or the default
 */
public record TableRequest(
        String cube,
        List<String> rows,
        List<String> columns,
        List<QueryRequest.Filter> filters,
        List<AgeBand> bands,
        Optional<String> measure,
        List<DateExpression> dates,
        List<PeriodExpression> periods,
        GeographyDimension.Geography geography,
        Optional<GeographyDimension.Level> level,
        String language)
{
    public TableRequest
    {
        requireNonNull(cube, "cube is null");
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        filters = List.copyOf(filters);
        bands = List.copyOf(bands);
        requireNonNull(measure, "measure is null");
        dates = List.copyOf(dates);
        periods = List.copyOf(periods);
        requireNonNull(geography, "geography is null");
        requireNonNull(level, "level is null");
        requireNonNull(language, "language is null");
    }

    /** Every variable, rows first. */
    public List<String> variables()
    {
        List<String> all = new java.util.ArrayList<>(rows);
        all.addAll(columns);
        return all;
    }

    /** The table's parameters as a query string, {@code format} left out: what a link, a bookmark or a saved table holds. */
    public String queryString()
    {
        List<String> parts = new ArrayList<>();
        parts.add("cube=" + encode(cube()));
        if (!rows().isEmpty()) {
            parts.add("rows=" + encode(String.join(",", rows())));
        }
        if (!columns().isEmpty()) {
            parts.add("cols=" + encode(String.join(",", columns())));
        }
        for (QueryRequest.Filter filter : filters()) {
            parts.add("filter=" + encode(filter.dimension() + ":" + String.join(",", filter.codes())));
        }
        if (!bands().isEmpty()) {
            parts.add("ageBands=" + encode(String.join(",", bands().stream().map(AgeBand::code).toList())));
        }
        measure().ifPresent(measure -> parts.add("measure=" + encode(measure)));
        if (!dates().isEmpty()) {
            parts.add("date=" + encode(String.join(",", dates().stream().map(DateExpression::text).toList())));
        }
        if (!periods().isEmpty()) {
            parts.add("period=" + encode(String.join(",", periods().stream().map(PeriodExpression::text).toList())));
        }
        if (geography() == GeographyDimension.Geography.ASOF) {
            parts.add("geo=asof");
        }
        level().ifPresent(level -> parts.add("level=" + level.code()));
        if (!language().equals("vi")) {
            parts.add("lang=" + language());
        }
        return String.join("&", parts);
    }

    private static String encode(String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%2C", ",").replace("%3A", ":").replace("%2F", "/");
    }
}
