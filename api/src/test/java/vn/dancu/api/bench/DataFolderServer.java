package vn.dancu.api.bench;

import io.javalin.Javalin;
import vn.dancu.api.ApiConfig;
import vn.dancu.api.ApiServer;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.DemoAccounts;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.RateLimits;
import vn.dancu.api.access.ServerFiles;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.access.TrustedProxies;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.disclosure.PatternStore;
import vn.dancu.api.indicator.IndicatorService;
import vn.dancu.api.query.FirstViewWarmUp;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.report.ReportQueries;
import vn.dancu.api.report.ReportService;
import vn.dancu.api.saved.CubeExportRenderer;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.api.state.StateDatabase;
import vn.dancu.api.state.files.ServerState;
import vn.dancu.api.subscription.MyReports;
import vn.dancu.api.table.SavedTableBuilderRenderer;
import vn.dancu.api.table.TableService;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The api server over a data folder the engine published, wired as {@code ./dancu serve --data DIR --demo-accounts}
 * wires it (app's {@code ServeCommand.start}, which the api module's tests cannot call): published cubes with a
 * 512 MiB slice cache, disclosure patterns kept in {@code server/disclosure-patterns}, the embedded state database,
 * the demo accounts (created when missing), the audit log as the server writes it (hash chain, background writer,
 * 64 MiB segments), report workbooks, saved tables and subscriptions, a 256 MiB response cache, and the first view's
 * disclosure patterns computed in the background once the server listens.
 *
 * <p>Two differences, both for the load generator's sake: the rate limits are off (as with {@code --rate-limit 0
 * --account-rate-limit 0 --login-rate-limit 0}: 64 clients on one loopback address would otherwise be answered 429 at
 * the 51st request per second), and the statisticians' SQL engine process is not started (as with {@code --no-sql}: it
 * is a JVM of its own, off the dashboard's path).
 */
final class DataFolderServer implements AutoCloseable
{
    final Javalin server;
    final CubeManifest manifest;
    final Area area;
    /** Communes of the area on the map of 2025 (what the dashboard's default geography {@code geo=2025} shows). */
    final List<String> communes;

    private DataFolderServer(Javalin server, CubeManifest manifest, Area area, List<String> communes)
    {
        this.server = server;
        this.manifest = manifest;
        this.area = area;
        this.communes = communes;
    }

    /** Wires the server and starts it on {@code port} of 127.0.0.1 (0: any free port); returns once it listens. */
    /** @param warmUp whether the server computes the first view and every disclosure pattern in the background, as {@code serve} does */
    static DataFolderServer start(Path data, int port, boolean warmUp)
    {
        DataLayout layout = new DataLayout(data.toString());
        Clock clock = Clock.systemUTC();
        Path serverFolder = Path.of(layout.server());
        try {
            ServerFiles.ownerOnlyFolder(serverFolder);
            ServerFiles.ownerOnlyFolder(serverFolder.resolve(AuditLog.FOLDER));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PublishedCubes published = new PublishedCubes(layout, CubeCatalog.builtIn(), 512L << 20);
        Area area = Area.parse(published.manifest().area());
        StateDatabase state = ServerState.embedded(serverFolder);
        SettingsStore settings = new SettingsStore(state);
        QueryService queries = new QueryService(published, area, new DisclosureControl(() -> settings.current().suppressionThreshold(),
                PatternStore.inFolder(serverFolder.resolve("disclosure-patterns"))));
        AccountStore accounts = new AccountStore(state, new PasswordHasher(), clock);
        List<String> communes = area.communes(area.catalogue(), Reorganisation2025.EFFECTIVE_DATE).stream().map(AdminUnit::code).toList();
        DemoAccounts.ensure(accounts, communes);
        if (settings.current().targets().isEmpty()) {
            settings.replace(settings.current().withExampleTargets(java.time.LocalDate.of(published.manifest().extractDate().getYear() + 1, 12, 31),
                    communes.size() > 1 ? communes.get(1) : null));
        }
        AuditLog audit = new AuditLog(serverFolder.resolve(AuditLog.FOLDER), AuditLog.Options.server(), clock);
        ReportService reports = new ReportService(queries, ReportQueries.of(queries), clock);
        MyReports myReports = MyReports.create(state, queries,
                new SavedTableBuilderRenderer(new TableService(queries), new CubeExportRenderer(queries, ApiServer.json())), Optional.of(reports), audit,
                username -> accounts.find(username).filter(account -> !account.disabled()).map(account -> account.caller("subscription")),
                serverFolder, Optional.empty(), Duration.ofSeconds(60), clock).closing(state);
        ApiServer.Dependencies dependencies = new ApiServer.Dependencies(queries, new IndicatorService(queries), accounts,
                new ApiTokens(state, clock), new Sessions(state, clock), audit, settings, clock, null, reports, myReports);
        Javalin server = ApiServer.create(dependencies, new ApiConfig(port, null, 256L << 20, RateLimits.none(), TrustedProxies.none()));
        server.start("127.0.0.1", port);
        if (warmUp) {
            new FirstViewWarmUp(queries).startInBackground();
        }
        return new DataFolderServer(server, published.manifest(), area, communes);
    }

    String base()
    {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close()
    {
        server.stop();
    }
}
