package vn.dancu.api.table;

import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import io.javalin.validation.Validator;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.query.GeographyDimension;
import vn.dancu.api.query.DateExpression;
import vn.dancu.api.query.PeriodExpression;
import vn.dancu.api.query.QueryRequest;
import vn.dancu.api.query.QueryRequestParser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of {@code GET /api/v1/tables} read into a typed {@link TableRequest} with Javalin's validators, before
 * any cube is looked at (as {@link QueryRequestParser} reads a cube question). Each problem is a 400 naming the
 * parameter: a {@link ValidationException} or an {@link ApiException}.
 */
public final class TableRequestParser
{
    public static final List<String> PARAMETERS = List.of("cube", "rows", "cols", "filter", "ageBands", "measure", "date", "period", "geo", "level",
            "lang", "format");
    /** At most this many dates or periods in one table. */
    public static final int MAX_TIMES = 24;

    private TableRequestParser() {}

    /** Reads a map of parameters (the server's own callers: saved tables, subscriptions); every problem is an {@link ApiException}. */
    public static TableRequest parse(Map<String, List<String>> parameters)
    {
        try {
            return parse(QueryRequestParser.of(parameters));
        }
        catch (ValidationException e) {
            throw ApiException.of(e);
        }
    }

    public static TableRequest parse(QueryRequestParser.Parameters parameters)
    {
        for (String name : parameters.names()) {
            if (!PARAMETERS.contains(name)) {
                throw ApiException.badParameter(name, "unknown parameter", PARAMETERS);
            }
        }
        String cube = single(parameters, "cube").check(value -> value != null, "missing; name a cube, e.g. population_stock").get();
        String language = choice(parameters, "lang", QueryRequestParser.LANGUAGES).orElse("vi");
        GeographyDimension.Geography geography = choice(parameters, "geo", QueryRequestParser.GEOGRAPHIES)
                .map(code -> code.equals("2025") ? GeographyDimension.Geography.Y2025 : GeographyDimension.Geography.ASOF)
                .orElse(GeographyDimension.Geography.Y2025);
        Optional<GeographyDimension.Level> level = choice(parameters, "level", QueryRequestParser.LEVELS)
                .map(code -> GeographyDimension.Level.valueOf(code.toUpperCase(Locale.ROOT)));
        List<String> rows = list(parameters, "rows");
        List<String> columns = list(parameters, "cols");
        if (rows.isEmpty() && columns.isEmpty()) {
            throw ApiException.badParameter("rows", "missing; give the variables of the rows (rows=unit,ageCustom) and of the columns (cols=sex)", List.of());
        }
        Optional<String> measure = Optional.ofNullable(single(parameters, "measure").getOrNull());
        List<AgeBand> bands = Optional.ofNullable(single(parameters, AgeBand.PARAMETER).getOrNull()).map(AgeBand::parseAll).orElse(List.of());
        List<DateExpression> dates = new ArrayList<>();
        for (String item : items(parameters, "date")) {
            dates.add(DateExpression.parse("date", item));
        }
        List<PeriodExpression> periods = new ArrayList<>();
        for (String item : items(parameters, "period")) {
            periods.add(PeriodExpression.parse("period", item));
        }
        if (!dates.isEmpty() && !periods.isEmpty()) {
            throw ApiException.badParameter("period", "give either date or period, not both", List.of());
        }
        if (dates.size() > MAX_TIMES || periods.size() > MAX_TIMES) {
            throw ApiException.badParameter(dates.isEmpty() ? "period" : "date", "at most " + MAX_TIMES + " in one table", List.of());
        }
        if (dates.stream().map(DateExpression::text).distinct().count() < dates.size() || periods.stream().map(PeriodExpression::text).distinct().count() < periods.size()) {
            throw ApiException.badParameter(dates.isEmpty() ? "period" : "date", "a value is given twice", List.of());
        }
        return new TableRequest(cube, rows, columns, filters(parameters), bands, measure, dates, periods, geography, level, language);
    }


    private static Validator<String> single(QueryRequestParser.Parameters parameters, String name)
    {
        List<String> values = parameters.values(name);
        if (values.size() > 1) {
            throw ApiException.badParameter(name, "given " + values.size() + " times; give it once", List.of());
        }
        return parameters.validator(name);
    }

    private static Optional<String> choice(QueryRequestParser.Parameters parameters, String name, List<String> allowed)
    {
        return Optional.ofNullable(single(parameters, name)
                .check(value -> value == null || allowed.contains(value), new ValidationError<>("'" + first(parameters, name) + "' is not allowed",
                        Map.of("allowed", allowed)))
                .getOrNull());
    }

    private static String first(QueryRequestParser.Parameters parameters, String name)
    {
        List<String> values = parameters.values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The comma-separated items of a parameter given at most once. */
    private static List<String> items(QueryRequestParser.Parameters parameters, String name)
    {
        String value = single(parameters, name).getOrNull();
        if (value == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            if (item.isBlank()) {
                throw ApiException.badParameter(name, "'" + value + "' has an empty item; give values separated by commas", List.of());
            }
            items.add(item.strip());
        }
        return items;
    }

    private static List<String> list(QueryRequestParser.Parameters parameters, String name)
    {
        List<String> items = items(parameters, name);
        if (new LinkedHashSet<>(items).size() < items.size()) {
            throw ApiException.badParameter(name, "a variable is listed twice", List.of());
        }
        return items;
    }

    private static List<QueryRequest.Filter> filters(QueryRequestParser.Parameters parameters)
    {
        List<QueryRequest.Filter> filters = new ArrayList<>();
        for (String filter : parameters.values("filter")) {
            int colon = filter.indexOf(':');
            if (colon <= 0 || colon == filter.length() - 1) {
                throw ApiException.badParameter("filter", "'" + filter + "' is not of the form variable:value[,value…]", List.of());
            }
            List<String> items = Arrays.asList(filter.substring(colon + 1).split(",", -1));
            if (items.stream().anyMatch(String::isBlank)) {
                throw ApiException.badParameter("filter", "'" + filter + "' has an empty value; give variable:value[,value…]", List.of());
            }
            filters.add(new QueryRequest.Filter(filter.substring(0, colon).strip(), new LinkedHashSet<>(items.stream().map(String::strip).toList())));
        }
        return filters;
    }
}
