package vn.dancu.api.saved;

import vn.dancu.api.error.ApiException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A saved table's query string, checked when it is saved: at most {@value #MAX_LENGTH} characters, readable as a URL
 * query string ({@code name=value} pairs joined by {@code &}, percent-encoded), with one {@code cube}. What the other
 * parameters mean is the table builder's business: they are kept as written.
 */
public record SavedTableQuery(String text, Map<String, List<String>> parameters)
{
    public static final int MAX_LENGTH = 4000;

    public SavedTableQuery
    {
        requireNonNull(text, "text is null");
        parameters = Map.copyOf(parameters);
    }

    /** Reads a query string; each problem is a 400 naming {@code field} (the JSON field it came in). */
    public static SavedTableQuery parse(String field, String text)
    {
        if (text == null || text.isBlank()) {
            throw ApiException.badParameter(field, "missing; give the table's URL query string, e.g. cube=population_stock&dims=commune,sex", List.of());
        }
        String query = text.strip();
        if (query.startsWith("?")) {
            query = query.substring(1);
        }
        if (query.length() > MAX_LENGTH) {
            throw ApiException.badParameter(field, "is " + query.length() + " characters long; at most " + MAX_LENGTH, List.of());
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                throw ApiException.badParameter(field, "is not a URL query string: an empty item between '&'", List.of());
            }
            int equals = pair.indexOf('=');
            String name = decode(field, equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(field, pair.substring(equals + 1));
            if (name.isBlank()) {
                throw ApiException.badParameter(field, "is not a URL query string: '" + pair + "' has no parameter name", List.of());
            }
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        List<String> cube = parameters.getOrDefault("cube", List.of());
        if (cube.isEmpty() || cube.get(0).isBlank()) {
            throw ApiException.badParameter(field, "has no cube parameter; a saved table names its cube, e.g. cube=population_stock", List.of());
        }
        if (cube.size() > 1) {
            throw ApiException.badParameter(field, "gives cube " + cube.size() + " times; give it once", List.of());
        }
        return new SavedTableQuery(query, parameters);
    }

    public String cube()
    {
        return parameters.get("cube").get(0);
    }

    private static String decode(String field, String text)
    {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw ApiException.badParameter(field, "is not a URL query string: '" + text + "' is not valid percent-encoding", List.of());
        }
    }
}
