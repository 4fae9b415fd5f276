package vn.dancu.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.error.ApiError;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.http.Json;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.LoginThrottle;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.http.AccessController;
import vn.dancu.api.http.AdminController;
import vn.dancu.api.http.CubeController;
import vn.dancu.api.http.Gatekeeper;
import vn.dancu.api.http.IndicatorController;
import vn.dancu.api.http.ProjectionController;
import vn.dancu.api.projection.ProjectionService;
import vn.dancu.api.http.JsonErrorHandler;
import vn.dancu.api.http.MapController;
import vn.dancu.api.http.RequestParameters;
import vn.dancu.api.http.ResponseCache;
import vn.dancu.api.http.SeriesController;
import vn.dancu.api.http.WebApp;
import vn.dancu.api.indicator.IndicatorService;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.report.ReportController;
import vn.dancu.api.report.ReportService;
import vn.dancu.api.sql.SqlCaller;
import vn.dancu.api.saved.SavedTableController;
import vn.dancu.api.subscription.MyReports;
import vn.dancu.api.subscription.SubscriptionController;
import vn.dancu.api.sql.SqlController;
import vn.dancu.api.sql.SqlService;
import vn.dancu.api.table.TableController;
import vn.dancu.api.table.TableService;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Reorganisation2025;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.after;
import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;
import static java.util.Objects.requireNonNull;

/** Creates the HTTP server: the JSON API under {@code /api/v1}, its documentation at {@code /api/docs}, the dashboard at {@code /}. */
public final class ApiServer
{
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    public static final String OPENAPI_RESOURCE = "/dancu-api/openapi.json";

    private ApiServer() {}

    /** JSON as every response writes it ({@link Json#mapper()}). */
    public static ObjectMapper json()
    {
        return Json.mapper();
    }

    /**
     * The services and stores the server's controllers delegate to.
     *
     * @param sql     the statisticians' SQL (a process of its own, stopped with the server), or null to serve none
     * @param reports the planners' report workbooks, or null to serve none
     * @param myReports saved tables, subscriptions and deliveries ("Báo cáo của tôi"), or null to serve none
     */
    public record Dependencies(QueryService queries, IndicatorService indicators, AccountStore accounts, ApiTokens tokens, Sessions sessions,
            AuditLog audit, SettingsStore settings, Clock clock, SqlService sql, ReportService reports, MyReports myReports)
    {
        public Dependencies
        {
            requireNonNull(queries, "queries is null");
            requireNonNull(indicators, "indicators is null");
            requireNonNull(accounts, "accounts is null");
            requireNonNull(tokens, "tokens is null");
            requireNonNull(sessions, "sessions is null");
            requireNonNull(audit, "audit is null");
            requireNonNull(settings, "settings is null");
            requireNonNull(clock, "clock is null");
        }

        /** Without SQL and reports. */
        public Dependencies(QueryService queries, IndicatorService indicators, AccountStore accounts, ApiTokens tokens, Sessions sessions,
                AuditLog audit, SettingsStore settings, Clock clock)
        {
            this(queries, indicators, accounts, tokens, sessions, audit, settings, clock, null, null, null);
        }

        /** Without saved tables and subscriptions. */
        public Dependencies(QueryService queries, IndicatorService indicators, AccountStore accounts, ApiTokens tokens, Sessions sessions,
                AuditLog audit, SettingsStore settings, Clock clock, SqlService sql, ReportService reports)
        {
            this(queries, indicators, accounts, tokens, sessions, audit, settings, clock, sql, reports, null);
        }
    }

    /** An unstarted server; call {@code start(port)} on it. */
    public static Javalin create(Dependencies dependencies, ApiConfig config)
    {
        QueryService queries = dependencies.queries();
        ResponseCache cache = new ResponseCache(config.responseCacheBytes());
        Gatekeeper gatekeeper = new Gatekeeper(dependencies.accounts(), dependencies.tokens(), dependencies.sessions(), dependencies.audit(),
                () -> queries.cubes().manifest().versionId(), dependencies.clock(), config.trustedProxies(), config.rateLimits());
        CubeController cubes = new CubeController(queries, cache, dependencies.settings(), dependencies.sql() != null, dependencies.reports() != null);
        SeriesController series = new SeriesController(queries, cache, dependencies.settings());
        MapController maps = new MapController(json());
        IndicatorController indicators = new IndicatorController(dependencies.indicators(), queries, cache, dependencies.settings());
        ProjectionController projections = new ProjectionController(
                new ProjectionService(queries.cubes(), queries.area(), queries.catalogue(), queries.disclosure()), cache, dependencies.settings());
        AccessController access = new AccessController(dependencies.accounts(), dependencies.sessions(), dependencies.tokens(),
                new LoginThrottle(dependencies.clock()), gatekeeper, dependencies.clock());
        List<String> communes = queries.area().communes(queries.catalogue(), Reorganisation2025.EFFECTIVE_DATE).stream().map(AdminUnit::code).toList();
        AdminController admin = new AdminController(dependencies.accounts(), dependencies.sessions(), dependencies.tokens(), dependencies.audit(),
                dependencies.settings(), communes, dependencies.clock());
        byte[] openApi = resource(OPENAPI_RESOURCE);
        // The dashboard's files under /app/<hash of the files>/, kept a year by the browser; the page itself is revalidated.
        WebApp web = WebApp.load(config.webDirectory());
        String appCache = config.webDirectory() == null ? WebApp.IMMUTABLE : "no-cache";
        RequestParameters parameters = RequestParameters.fromOpenApi(openApi, json());
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            // Background work first (it may still be writing disclosure patterns), then the audit log.
            javalin.events.serverStopped(dependencies.queries()::stopBackground);
            if (dependencies.myReports() != null) {
                // deliveries at each new cube version, from when the server listens until it stops (before the audit log closes)
                javalin.events.serverStarted(dependencies.myReports().watcher()::start);
                javalin.events.serverStopped(dependencies.myReports()::close);
            }
            javalin.events.serverStopped(dependencies.audit()::close);
            if (dependencies.sql() != null) {
                // the SQL engine process ends with the server
                javalin.events.serverStopped(dependencies.sql()::close);
            }
            javalin.jsonMapper(new JavalinJackson(json(), false));
            javalin.http.compressionStrategy = new CompressionStrategy(null, new Gzip());
            // What Jetty answers itself (414, 431, a malformed URI) in the API's JSON error shape, not as an HTML page.
            javalin.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json())));
            javalin.staticFiles.enableWebjars();
            if (config.webDirectory() != null) {
                javalin.staticFiles.add(config.webDirectory().toString(), Location.EXTERNAL);
            }
            else {
                javalin.staticFiles.add("/dancu-web", Location.CLASSPATH);
            }
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/app/" + web.version();
                files.directory = config.webDirectory() == null ? "/dancu-web" : config.webDirectory().toString();
                files.location = config.webDirectory() == null ? Location.CLASSPATH : Location.EXTERNAL;
                files.headers = Map.of("Cache-Control", appCache);
            });
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/api/docs";
                files.directory = "/dancu-api/docs";
                files.location = Location.CLASSPATH;
            });
            javalin.routes.apiBuilder(() -> {
                before(gatekeeper::headers);
                get("/", web::index);
                before("/api/*", gatekeeper::admit);
                before("/api/*", parameters::check);
                before("/api/v1/admin/*", admin::requireAdmin);
                after("/api/*", gatekeeper::record);
                path("/api/v1", () -> {
                    get("/health", cubes::health);
                    get("/openapi.json", ctx -> ctx.contentType("application/json; charset=utf-8").result(openApi));
                    get("/cubes", cubes::list);
                    path("/cubes/{cube}", () -> {
                        get(cubes::describe);
                        get("/query", cubes::query);
                        get("/export", cubes::export);
                        get("/series", series::series);
                        get("/series/export", series::export);
                    });
                    get("/tables", new TableController(new TableService(queries))::table);
                    get("/maps/kon-tum-districts", maps::konTumDistricts);
                    get("/units", cubes::units);
                    if (dependencies.sql() != null) {
                        SqlController sql = new SqlController(dependencies.sql(), SqlCaller.statistician());
                        path("/sql", () -> {
                            get("/views", sql::views);
                            post("/queries", sql::query);
                            post("/cancel", sql::cancel);
                            get("/progress", sql::progress);
                            get("/result", sql::download);
                        });
                    }
                    if (dependencies.reports() != null) {
                        get("/reports", new ReportController(dependencies.reports())::download);
                    }
                    if (dependencies.myReports() != null) {
                        MyReports mine = dependencies.myReports();
                        SavedTableController saved = new SavedTableController(mine.savedTables());
                        SubscriptionController subscriptions = new SubscriptionController(mine.subscriptions(), mine.savedTables(), mine.deliveries().mails());
                        path("/saved-tables", () -> {
                            get(saved::list);
                            post(saved::create);
                            get("/{id}", saved::get);
                            patch("/{id}", saved::rename);
                            delete("/{id}", saved::delete);
                            get("/{id}/data", saved::data);
                        });
                        path("/subscriptions", () -> {
                            get(subscriptions::list);
                            post(subscriptions::create);
                            delete("/{id}", subscriptions::delete);
                        });
                        get("/deliveries", subscriptions::deliveries);
                        get("/deliveries/{id}/file", subscriptions::file);
                        get("/admin/subscriptions", subscriptions::all);
                    }
                    path("/indicators", () -> {
                        get(indicators::values);
                        get("/catalog", indicators::catalog);
                        get("/series", indicators::series);
                        get("/series/export", indicators::seriesExport);
                        get("/export", indicators::export);
                    });
                    path("/projections", () -> {
                        get(projections::table);
                        get("/indicators", projections::indicators);
                        get("/export", projections::export);
                    });
                    path("/auth", () -> {
                        post("/login", access::login);
                        post("/logout", access::logout);
                        get("/me", access::whoAmI);
                        get("/tokens", access::listTokens);
                        post("/tokens", access::createToken);
                        delete("/tokens/{id}", access::revokeToken);
                    });
                    path("/admin", () -> {
                        get("/accounts", admin::listAccounts);
                        post("/accounts", admin::createAccount);
                        patch("/accounts/{username}", admin::updateAccount);
                        delete("/accounts/{username}", admin::deleteAccount);
                        get("/tokens", admin::listTokens);
                        delete("/tokens/{id}", admin::revokeToken);
                        get("/audit", admin::audit);
                        get("/audit/verify", admin::verifyAudit);
                        get("/settings", admin::getSettings);
                        put("/settings", admin::putSettings);
                    });
                });
            });
            javalin.routes.exception(ApiException.class, (error, ctx) -> ctx.status(error.status()).json(error.toError()));
            javalin.routes.exception(io.javalin.validation.ValidationException.class, (error, ctx) -> ctx.status(400).json(ApiException.of(error).toError()));
            javalin.routes.exception(Exception.class, (error, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), error);
                ctx.status(500).json(new ApiError("internal error; the server log has the details", 500, "internal", List.of()));
            });
            javalin.routes.error(404, ctx -> {
                String body = ctx.result();
                // Replace Javalin's own text for unknown routes; keep the errors the API wrote (unknown cube, account…).
                if (ctx.path().startsWith("/api/") && (body == null || !body.contains("\"type\":\"not-found\""))) {
                    ctx.json(new ApiError("no such resource: " + ctx.path(), 404, "not-found", List.of()));
                }
            });
            javalin.routes.error(405, ctx -> {
                if (ctx.path().startsWith("/api/")) {
                    ctx.json(new ApiError("method " + ctx.method() + " is not allowed on " + ctx.path(), 405, "method-not-allowed", List.of()));
                }
            });
        });
    }

    private static byte[] resource(String name)
    {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
