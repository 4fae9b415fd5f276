package vn.dancu.api.query;

import io.javalin.validation.Validation;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import io.javalin.validation.Validator;
import vn.dancu.api.error.ApiException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The first stage of a cube question: its parameters read into a typed {@link QueryRequest} with Javalin's validators,
 * before any cube is looked at. Each problem is a 400 naming the parameter (a {@link ValidationException}, which the
 * server answers in the API's one error shape, or an {@link ApiException}); the allowed values travel in the
 * validation error's {@code allowed} argument.
 */
public final class QueryRequestParser
{
    public static final List<String> PARAMETERS = List.of("dims", "measures", "filter", "date", "period", "geo", "level", "lang", "format");
    public static final List<String> LANGUAGES = List.of("vi", "en");
    public static final List<String> GEOGRAPHIES = List.of("2025", "asof");
    public static final List<String> LEVELS = List.of("commune", "district", "province", "area");
    private static final Validation VALIDATION = new Validation();

    private QueryRequestParser() {}

    /** Where the parser finds each parameter: a Javalin validator of its one value, and all of its values. */
    public interface Parameters
    {
        /** A validator of the parameter's value (null when absent), as {@code ctx.queryParamAsClass(name, String.class)}. */
        Validator<String> validator(String name);

        List<String> values(String name);

        Set<String> names();
    }

    /** Parameters from a map of names to values (repeated parameters have several); blank values count as absent. */
    public static Parameters of(Map<String, List<String>> parameters)
    {
        return new Parameters()
        {
            @Override
            public Validator<String> validator(String name)
            {
                List<String> values = values(name);
                return VALIDATION.validator(name, String.class, values.isEmpty() ? null : values.get(0));
            }

            @Override
            public List<String> values(String name)
            {
                return parameters.getOrDefault(name, List.of()).stream().filter(value -> !value.isBlank()).map(String::strip).toList();
            }

            @Override
            public Set<String> names()
            {
                return parameters.keySet();
            }
        };
    }

    /** Reads a map of parameters (the server's own callers: series, reports, indicators); every problem is an {@link ApiException}. */
    public static QueryRequest parse(Map<String, List<String>> parameters)
    {
        try {
            return parse(of(parameters));
        }
        catch (ValidationException e) {
            throw ApiException.of(e);
        }
    }

    /** Reads the parameters of a cube question; a problem is a {@link ValidationException} or an {@link ApiException}. */
    public static QueryRequest parse(Parameters parameters)
    {
        for (String name : parameters.names()) {
            if (!PARAMETERS.contains(name)) {
                throw ApiException.badParameter(name, "unknown parameter", PARAMETERS);
            }
        }
        String language = choice(parameters, "lang", LANGUAGES).orElse("vi");
        GeographyDimension.Geography geography = choice(parameters, "geo", GEOGRAPHIES)
                .map(code -> code.equals("2025") ? GeographyDimension.Geography.Y2025 : GeographyDimension.Geography.ASOF)
                .orElse(GeographyDimension.Geography.Y2025);
        Optional<GeographyDimension.Level> level = choice(parameters, "level", LEVELS)
                .map(code -> GeographyDimension.Level.valueOf(code.toUpperCase(Locale.ROOT)));
        Optional<DateExpression> date = Optional.ofNullable(single(parameters, "date").getOrNull()).map(text -> DateExpression.parse("date", text));
        Optional<String> periodText = Optional.ofNullable(single(parameters, "period").getOrNull());
        if (periodText.isPresent() && date.isPresent()) {
            throw ApiException.badParameter("period", "give either date or period, not both", List.of());
        }
        Optional<PeriodExpression> period = periodText.map(text -> PeriodExpression.parse("period", text));
        if (period.isPresent() && !period.get().single()) {
            throw ApiException.badParameter("period", "'" + periodText.get() + "' names several periods; a query answers one period"
                    + " (the table builder /api/v1/tables takes several)", List.of());
        }
        return new QueryRequest(list(parameters, "dims"), list(parameters, "measures"), filters(parameters), geography, level, date, period, language);
    }

    /** The validator of a parameter given at most once. */
    private static Validator<String> single(Parameters parameters, String name)
    {
        List<String> values = parameters.values(name);
        if (values.size() > 1) {
            throw ApiException.badParameter(name, "given " + values.size() + " times; give it once", List.of());
        }
        return parameters.validator(name);
    }

    /** A parameter whose value is one of a list. */
    private static Optional<String> choice(Parameters parameters, String name, List<String> allowed)
    {
        // A validator computes its errors once, when first read, and runs its checks on an absent value too.
        return Optional.ofNullable(single(parameters, name)
                .check(value -> value == null || allowed.contains(value), new ValidationError<>("'" + raw(parameters, name) + "' is not allowed", Map.of("allowed", allowed)))
                .getOrNull());
    }

    /** The value as given, for messages. */
    private static String raw(Parameters parameters, String name)
    {
        List<String> values = parameters.values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The items of a comma-separated parameter (it may be repeated); an empty item ({@code dims=unit,,sex}) is refused. */
    private static List<String> list(Parameters parameters, String name)
    {
        List<String> items = new ArrayList<>();
        for (String value : parameters.values(name)) {
            for (String item : value.split(",", -1)) {
                if (item.isBlank()) {
                    throw ApiException.badParameter(name, "'" + value + "' has an empty item; give names separated by commas", List.of());
                }
                items.add(item.strip());
            }
        }
        return items;
    }

    private static List<QueryRequest.Filter> filters(Parameters parameters)
    {
        List<QueryRequest.Filter> filters = new ArrayList<>();
        for (String filter : parameters.values("filter")) {
            int colon = filter.indexOf(':');
            if (colon <= 0 || colon == filter.length() - 1) {
                throw ApiException.badParameter("filter", "'" + filter + "' is not of the form dimension:code[,code…]", List.of());
            }
            List<String> items = Arrays.asList(filter.substring(colon + 1).split(",", -1));
            if (items.stream().anyMatch(String::isBlank)) {
                throw ApiException.badParameter("filter", "'" + filter + "' has an empty code; give dimension:code[,code…]", List.of());
            }
            filters.add(new QueryRequest.Filter(filter.substring(0, colon), new LinkedHashSet<>(items)));
        }
        return filters;
    }
}
