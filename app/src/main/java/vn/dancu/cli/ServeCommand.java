package vn.dancu.cli;

import io.javalin.Javalin;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
import vn.dancu.api.sql.SqlAuditLog;
import vn.dancu.api.sql.SqlEngineProcess;
import vn.dancu.api.sql.SqlService;
import vn.dancu.model.sql.SqlLimits;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.api.state.StateDatabase;
import vn.dancu.api.saved.CubeExportRenderer;
import vn.dancu.api.table.TableService;
import vn.dancu.api.table.SavedTableBuilderRenderer;
import vn.dancu.api.subscription.MyReports;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard and the API from the published cubes (no Spark for dashboard queries).")
public final class ServeCommand implements Callable<Integer>
{
    @Mixin
    DataOption data;

    @Option(names = "--port", paramLabel = "P", defaultValue = "7070", description = "HTTP port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--web-dir", paramLabel = "DIR", description = "Serve the dashboard from this folder instead of the built-in copy (to edit it live)")
    Path webDirectory;

    @Option(names = "--demo-accounts", description = "Create the documented demo accounts (published passwords: for demonstrations only)")
    boolean demoAccounts;

    @Mixin
    ServeOptions serve;

    @Mixin
    SqlServerOptions sql;

    @Override
    public Integer call() throws InterruptedException
    {
        Javalin server = start(data.layout(), port, webDirectory, demoAccounts, sql, serve, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    static Javalin start(DataLayout layout, int port, Path webDirectory)
    {
        return start(layout, port, webDirectory, false, SqlServerOptions.defaults(), ServeOptions.defaults(), System.out);
    }

    /**
     * Starts the server on {@code options.bind} (127.0.0.1 unless told otherwise) and prints the address it really
     * listens on; with {@code demoAccounts}, first creates the demo accounts that are missing. With SQL, the SQL engine
     * process starts in the background once the server listens, and stops with the server.
     */
    static Javalin start(DataLayout layout, int port, Path webDirectory, boolean demoAccounts, SqlServerOptions sqlOptions, ServeOptions options,
            PrintStream out)
    {
        if (port < 0 || port > 65535) {
            throw new Dancu.CommandFailure("--port must be between 0 and 65535, was " + port, 2);
        }
        java.time.Duration deliveryCheck = options.deliveries.check();
        java.util.Optional<vn.dancu.api.subscription.MailSettings> mail = options.deliveries.mail();
        Path cubes = Path.of(layout.cubes());
        if (!Files.exists(cubes.resolve(DataLayout.POINTER))) {
            throw new Dancu.CommandFailure("no published cubes in " + cubes + ": create them with ./dancu build (after ./dancu generate"
                    + " and ./dancu ingest), or run ./dancu demo --data " + Path.of(layout.root()), 2);
        }
        RateLimits rateLimits = options.rateLimits();
        SqlLimits sqlLimits = sqlOptions.limits();
        TrustedProxies proxies = options.proxies();
        AuditLog.Options auditOptions = options.audit();
        Clock clock = Clock.systemUTC();
        Path serverFolder = Path.of(layout.server());
        Path sqlAudit = serverFolder.resolve(AuditLog.FOLDER).resolve("sql-audit.jsonl");
        Path sqlEngineLog = serverFolder.resolve("sql-engine.log");
        try {
            // The server's state (accounts, tokens, settings, audit) is its owner's alone: folders 0700, files 0600.
            ServerFiles.ownerOnlyFolder(serverFolder);
            ServerFiles.ownerOnlyFolder(serverFolder.resolve(AuditLog.FOLDER));
            ServerFiles.openOwnerOnly(sqlAudit, StandardOpenOption.WRITE).close();
            ServerFiles.openOwnerOnly(sqlEngineLog, StandardOpenOption.WRITE).close();
        }
        catch (IOException e) {
            throw new Dancu.CommandFailure("cannot prepare the server folder " + serverFolder + ": " + e.getMessage(), 1);
        }
        PublishedCubes published = new PublishedCubes(layout, CubeCatalog.builtIn(), 512L << 20);
        Area area = Area.parse(published.manifest().area());
        // Accounts, tokens, settings: the state database (embedded, or --state-db), closed when the server stops.
        StateDatabase state = options.state.open(layout);
        SettingsStore settings = new SettingsStore(state);
        // Patterns kept across restarts: a server started again on the same version answers its first visitors at once.
        QueryService queries = new QueryService(published, area, new DisclosureControl(() -> settings.current().suppressionThreshold(),
                PatternStore.inFolder(serverFolder.resolve("disclosure-patterns"))));
        AccountStore accounts = new AccountStore(state, new PasswordHasher(), clock);
        if (demoAccounts) {
            List<String> communes = area.communes(area.catalogue(), Reorganisation2025.EFFECTIVE_DATE).stream().map(AdminUnit::code).toList();
            for (DemoAccounts.Demo demo : DemoAccounts.ensure(accounts, communes)) {
                out.println("demo account " + demo.username() + " / " + demo.password() + " (" + demo.role().code()
                        + (demo.scope().isEmpty() ? "" : ", communes " + demo.scope()) + ") — published password: demonstrations only");
            }
            // Example Decision 06 targets (labelled as examples on the page), due at the end of the year after the extract's,
            // until an admin sets real ones.
            if (settings.current().targets().isEmpty()) {
                settings.replace(settings.current().withExampleTargets(java.time.LocalDate.of(published.manifest().extractDate().getYear() + 1, 12, 31),
                        communes.size() > 1 ? communes.get(1) : null));
            }
        }
        else if (accounts.isEmpty()) {
            out.println("no accounts yet: create the first admin with ./dancu accounts create --data " + layout.root()
                    + " --username <name> --role admin (anonymous visitors see the public summaries)");
        }
        AuditLog audit = new AuditLog(serverFolder.resolve(AuditLog.FOLDER), auditOptions, clock);
        // The statisticians' SQL runs in a process of its own (its own heap, lower priority), never in the server's JVM.
        SqlService sql = sqlOptions.enabled
                ? new SqlService(sqlLimits, new SqlAuditLog(sqlAudit, clock), new SqlEngineProcess(sqlOptions.launch(layout, sqlEngineLog), clock))
                : null;
        ReportService reports = new ReportService(queries, ReportQueries.of(queries), clock);
        // Saved tables and subscriptions ("Báo cáo của tôi") in the state database, delivered at each new cube version.
        MyReports myReports = MyReports.create(state, queries,
                new SavedTableBuilderRenderer(new TableService(queries),
                        new CubeExportRenderer(queries, ApiServer.json())), java.util.Optional.of(reports), audit,
                username -> accounts.find(username).filter(account -> !account.disabled()).map(account -> account.caller("subscription")),
                serverFolder, mail, deliveryCheck, clock).closing(state);
        ApiServer.Dependencies dependencies = new ApiServer.Dependencies(queries, new IndicatorService(queries), accounts,
                new ApiTokens(state, clock), new Sessions(state, clock), audit, settings, clock, sql, reports, myReports);
        Javalin server = ApiServer.create(dependencies, new ApiConfig(port, webDirectory, 256L << 20, rateLimits, proxies));
        try {
            // The state database closes with the deliveries (MyReports.closing), after their watcher, when the server stops.
            server.start(options.bind, port);
        }
        catch (RuntimeException e) {
            audit.close();
            myReports.close();
            throw new Dancu.CommandFailure("cannot listen on " + options.bind + " port " + port + ": " + rootMessage(e), 1);
        }
        if (sql != null) {
            sql.start();
        }
        new FirstViewWarmUp(queries).startInBackground();
        InetSocketAddress bound = boundAddress(server);
        String url = "http://" + hostForUrl(bound) + ":" + bound.getPort() + "/";
        if (bound.getAddress().isAnyLocalAddress()) {
            out.println("listening on every interface, port " + bound.getPort() + ": " + url
                    + " and this machine's other addresses (API documentation: " + url + "api/docs/)");
        }
        else {
            out.println("serving at " + url + " (API documentation: " + url + "api/docs/)");
        }
        if (!bound.getAddress().isLoopbackAddress()) {
            out.println("warning: reachable from the network over plain HTTP: passwords and session cookies cross it unencrypted;"
                    + " put a TLS reverse proxy in front and keep --bind 127.0.0.1 (docs/deployment.md)");
            if (demoAccounts) {
                out.println("warning: the demo accounts' passwords are published (docs/api.md): anyone who reaches " + url
                        + " can log in as admin; never do this with real data");
            }
        }
        if (!proxies.isEmpty()) {
            out.println("trusting X-Forwarded-For and X-Forwarded-Proto from " + String.join(", ", proxies.entries()));
        }
        return server;
    }

    /** The address the server's socket is really bound to. */
    static InetSocketAddress boundAddress(Javalin server)
    {
        for (Connector connector : server.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector serverConnector && serverConnector.getTransport() instanceof ServerSocketChannel channel) {
                try {
                    if (channel.getLocalAddress() instanceof InetSocketAddress address) {
                        return address;
                    }
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("the server has no listening socket");
    }

    private static String hostForUrl(InetSocketAddress bound)
    {
        if (bound.getAddress().isAnyLocalAddress()) {
            try {
                return InetAddress.getLocalHost().getHostName();
            }
            catch (IOException e) {
                return "localhost";
            }
        }
        String host = bound.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host.replaceFirst("%.*$", "") + "]" : host;
    }

    private static String rootMessage(Throwable error)
    {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
