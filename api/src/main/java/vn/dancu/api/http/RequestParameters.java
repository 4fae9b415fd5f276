package vn.dancu.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import vn.dancu.api.error.ApiException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What every API request's parameters must be, checked before any controller reads them:
 * <ul>
 *   <li>readable: a malformed percent-encoding ({@code dims=%ZZ}) would otherwise be dropped silently;</li>
 *   <li>not empty: leave a parameter out for its default;</li>
 *   <li>given once, except the lists {@code dims}, {@code measures}, {@code filter} and {@code ids}, which may repeat
 *   (a repeated {@code date} would otherwise answer for one date and ignore the other);</li>
 *   <li>a parameter of the route: the OpenAPI description lists each route's parameters, and a parameter it does not
 *   list (a misspelt one) is refused rather than ignored.</li>
 * </ul>
 * Each problem is a 400 naming the parameter.
 */
public final class RequestParameters
{
    /** Parameters whose repetitions add up (comma-separated lists, repeatable filters). */
    public static final Set<String> REPEATABLE = Set.of("dims", "measures", "filter", "ids");
    private static final String BASE = "/api/v1";

    /** A route of the OpenAPI description: its method, its path as a pattern, and its query parameters. */
    private record Route(String method, Pattern path, List<String> parameters) {}

    private final List<Route> routes;

    private RequestParameters(List<Route> routes)
    {
        this.routes = List.copyOf(routes);
    }

    /** The routes and parameters of an OpenAPI 3 description (its paths are relative to {@code /api/v1}). */
    public static RequestParameters fromOpenApi(byte[] openApi, ObjectMapper json)
    {
        requireNonNull(openApi, "openApi is null");
        JsonNode paths;
        try {
            paths = json.readTree(openApi).get("paths");
        }
        catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI description is not JSON", e);
        }
        List<Route> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = paths.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Pattern path = Pattern.compile(Pattern.quote(BASE + entry.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            for (Iterator<Map.Entry<String, JsonNode>> operations = entry.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                List<String> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    if ("query".equals(parameter.path("in").asText())) {
                        parameters.add(parameter.path("name").asText());
                    }
                }
                routes.add(new Route(operation.getKey().toUpperCase(Locale.ROOT), path, parameters));
            }
        }
        return new RequestParameters(routes);
    }

    /** A before-handler: a 400 naming the parameter for the first problem found. */
    public void check(Context ctx)
    {
        List<String> declared = routes.stream()
                .filter(route -> route.method().equals(ctx.method().name()) && route.path().matcher(ctx.path()).matches())
                .findFirst().map(Route::parameters).orElse(null);
        check(ctx.queryString(), declared);
    }

    /** @param declared the route's parameters, or null for a path the description does not know (it will answer 404) */
    static void check(String query, List<String> declared)
    {
        if (query == null || query.isEmpty()) {
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), "query");
            if (name.isBlank()) {
                throw ApiException.badParameter("query", "a parameter has no name ('" + pair + "')", List.of());
            }
            if (declared != null && !declared.contains(name)) {
                throw ApiException.badParameter(name, "unknown parameter", declared);
            }
            String value = decode(equals < 0 ? "" : pair.substring(equals + 1), name);
            if (value.isBlank()) {
                throw ApiException.badParameter(name, "empty; give a value or leave the parameter out for its default", List.of());
            }
            int count = counts.merge(name, 1, Integer::sum);
            if (count > 1 && !REPEATABLE.contains(name)) {
                throw ApiException.badParameter(name, "given more than once; give it once", List.of());
            }
        }
    }

    private static String decode(String text, String parameter)
    {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw ApiException.badParameter(parameter, "'" + text + "' is not valid percent-encoding", List.of());
        }
    }
}
