package vn.dancu.api.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import vn.dancu.api.ApiConfig;
import vn.dancu.api.ApiServer;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.DemoAccounts;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.indicator.IndicatorService;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.report.ReportQueries;
import vn.dancu.api.report.ReportService;
import vn.dancu.api.saved.CubeExportRenderer;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.api.state.StateDatabase;
import vn.dancu.api.table.SavedTableBuilderRenderer;
import vn.dancu.api.table.TableService;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
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
import java.util.Optional;

/**
 * A real server over a data folder with the state database, the demo accounts (an API token each), reports, saved
 * tables and subscriptions, a version watcher checking every 100 ms, and optionally an SMTP server. Closing it stops
 * everything, as a server's stop does; a new harness on the same folder is a restart.
 */
public final class MyReportsHarness
        implements AutoCloseable
{
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public final Javalin server;
    final AuditLog audit;
    final StateDatabase database;
    final AccountStore accounts;
    public final Map<String, String> tokens = new LinkedHashMap<>();

    public MyReportsHarness(Path data, Optional<MailSettings> mail)
    {
        Clock clock = Clock.systemUTC();
        DataLayout layout = new DataLayout(data.toString());
        Path serverFolder = Path.of(layout.server());
        database = vn.dancu.api.state.files.ServerState.embedded(serverFolder);
        SettingsStore settings = new SettingsStore(database);
        QueryService queries = new QueryService(new PublishedCubes(layout, CubeCatalog.builtIn(), 16L << 20), Area.konray(),
                new DisclosureControl(() -> settings.current().suppressionThreshold()));
        accounts = new AccountStore(database, new PasswordHasher(1024, 1), clock);
        DemoAccounts.ensure(accounts, List.of("23479", "23485", "23497"));
        ApiTokens apiTokens = new ApiTokens(database, clock);
        for (DemoAccounts.Demo demo : DemoAccounts.ALL) {
            tokens.put(demo.username(), apiTokens.issue(demo.username(), "tests", Duration.ofDays(1)).text());
        }
        audit = new AuditLog(serverFolder);
        ReportService reports = new ReportService(queries, ReportQueries.of(queries), clock);
        // As ./dancu serve wires it: tables of the table builder, and cube-export queries.
        MyReports myReports = MyReports.create(database, queries, new SavedTableBuilderRenderer(new TableService(queries),
                new CubeExportRenderer(queries, ApiServer.json())), Optional.of(reports), audit,
                username -> accounts.find(username).filter(account -> !account.disabled()).map(account -> account.caller("subscription")),
                serverFolder, mail, Duration.ofMillis(100), clock);
        server = ApiServer.create(new ApiServer.Dependencies(queries, new IndicatorService(queries), accounts, apiTokens, new Sessions(database, clock), audit,
                settings, clock, null, reports, myReports), new ApiConfig(0, null, 16L << 20)).start(0);
    }

    public HttpResponse<String> send(String user, String method, String path, String body)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Bearer " + tokens.get(user));
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public HttpResponse<byte[]> bytes(String user, String path)
    {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Authorization", "Bearer " + tokens.get(user)).GET().build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
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

    public static String title(HttpResponse<String> response)
    {
        return json(response).get("title").asText();
    }

    @Override
    public void close()
    {
        server.stop();
        database.close();
    }
}
