package vn.dancu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Role;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.indicator.IndicatorService;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.api.state.StateDatabase;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.DataLayout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real server on a free port over published fixtures, with accounts and API tokens for each role (cheap password
 * hashes: tests need not spend 19 MiB per login), and a small HTTP client.
 */
public final class TestServer implements AutoCloseable
{
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public final Javalin server;
    public final AccountStore accounts;
    public final ApiTokens tokens;
    public final AuditLog audit;
    public final SettingsStore settings;
    /** The server's state database (embedded H2 in the server folder), closed with the server. */
    public final StateDatabase state;
    public final QueryService queries;
    private final Map<Role, String> tokenByRole = new LinkedHashMap<>();

    private TestServer(Path data, Area area, CubeCatalog catalog)
    {
        this(new DataLayout(data.toString()), Path.of(new DataLayout(data.toString()).server()), area, catalog);
    }

    private TestServer(DataLayout layout, Path serverFolder, Area area, CubeCatalog catalog)
    {
        Clock clock = Clock.systemUTC();
        // As a server opens it: migrated, and the JSON files of older versions imported the first time.
        state = vn.dancu.api.state.files.ServerState.embedded(serverFolder);
        settings = new SettingsStore(state);
        queries = new QueryService(new PublishedCubes(layout, catalog, 64L << 20), area,
                new DisclosureControl(() -> settings.current().suppressionThreshold()));
        accounts = new AccountStore(state, new PasswordHasher(1024, 1), clock);
        tokens = new ApiTokens(state, clock);
        audit = new AuditLog(serverFolder);
        server = ApiServer.create(new ApiServer.Dependencies(queries, new IndicatorService(queries), accounts, tokens, new Sessions(state, clock),
                audit, settings, clock), new ApiConfig(0, null, 16L << 20)).start(0);
    }

    /** A server over the cubes of {@code descriptors} (file names without .json) published in {@code data}. */
    public static TestServer start(Path data, Area area, String... descriptors)
    {
        Map<String, CubeDescriptor> cubes = new LinkedHashMap<>();
        for (String name : descriptors) {
            CubeDescriptor descriptor = CubeCatalog.builtInFile(name + ".json");
            cubes.put(descriptor.name(), descriptor);
        }
        return new TestServer(data, area, new CubeCatalog(cubes, Map.of()));
    }

    /**
     * A server over every built-in cube published in {@code layout}, with its accounts, tokens and audit log in
     * {@code serverFolder} (so that a data folder's own accounts are left alone).
     */
    public static TestServer over(DataLayout layout, Path serverFolder, Area area)
    {
        return new TestServer(layout, serverFolder, area, CubeCatalog.builtIn());
    }

    /** An API token of an account with this role (and scope), created on first use. */
    public String token(Role role)
    {
        return tokenByRole.computeIfAbsent(role, r -> {
            String username = "test-" + r.code();
            if (accounts.find(username).isEmpty()) {
                accounts.create(username, null, r, Set.of(), "password-of-" + username);
            }
            return tokens.issue(username, "tests", Duration.ofDays(1)).text();
        });
    }

    public String scopedToken(Role role, Set<String> scope)
    {
        String username = ("scoped-" + role.code() + "-" + String.join("-", scope)).toLowerCase(java.util.Locale.ROOT);
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, null, role, scope, "password-of-" + username);
        }
        return tokens.issue(username, "tests", Duration.ofDays(1)).text();
    }

    public String url(String path)
    {
        return "http://localhost:" + server.port() + path;
    }

    public HttpResponse<String> get(String path, String... headers)
    {
        return send(HttpRequest.newBuilder(URI.create(url(path))).headers(headers(headers)).GET().build());
    }

    public HttpResponse<String> get(String path, Role role)
    {
        return get(path, "Authorization", "Bearer " + token(role));
    }

    public HttpResponse<byte[]> getBytes(String path, String... headers)
    {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url(path))).headers(headers(headers)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public HttpResponse<String> send(String method, String path, String body, String... headers)
    {
        return send(HttpRequest.newBuilder(URI.create(url(path))).headers(headers(headers)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String[] headers(String[] headers)
    {
        return headers.length == 0 ? new String[] {"Accept", "application/json"} : headers;
    }

    private static HttpResponse<String> send(HttpRequest request)
    {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response)
    {
        try {
            return JSON.readTree(response.body());
        }
        catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** The rows of a query answer as "field | field | …" lines. */
    public static List<String> rows(JsonNode body, String... fields)
    {
        List<String> rows = new java.util.ArrayList<>();
        for (JsonNode row : body.get("rows")) {
            List<String> values = new java.util.ArrayList<>();
            for (String field : fields) {
                values.add(row.get(field).isNull() ? "null" : row.get(field).asText());
            }
            rows.add(String.join(" | ", values));
        }
        return rows;
    }

    public static String title(HttpResponse<String> response)
    {
        return json(response).get("title").asText();
    }

    @Override
    public void close()
    {
        server.stop();
        state.close();
    }
}
