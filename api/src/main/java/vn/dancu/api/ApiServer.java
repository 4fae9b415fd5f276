package vn.dancu.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import vn.dancu.model.cube.CubeCatalog;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancu.api.http.CubeController;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.report.ReportController;
import vn.dancu.api.report.ReportService;
import vn.dancu.api.sql.SqlCaller;
import vn.dancu.api.sql.SqlController;
import vn.dancu.api.sql.SqlService;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static java.util.Objects.requireNonNull;

/** Creates the HTTP server: the JSON API under {@code /api/v1} and the dashboard at {@code /}. */
public final class ApiServer
{
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private ApiServer() {}

    /** JSON as every response writes it: ISO dates, no nulls dropped, compact. */
    public static ObjectMapper json()
    {
        return CubeCatalog.json()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /**
     * The services the server's controllers delegate to.
     *
     * @param sql       the statisticians' SQL, or null to serve no SQL endpoints
     * @param sqlCaller who may use SQL and under which name (required with {@code sql})
     * @param reports   the report workbooks, or null to serve none
     */
    public record Dependencies(QueryService queries, SqlService sql, SqlCaller sqlCaller, ReportService reports)
    {
        public Dependencies
        {
            requireNonNull(queries, "queries is null");
            if (sql != null) {
                requireNonNull(sqlCaller, "sqlCaller is null");
            }
        }

        public Dependencies(QueryService queries)
        {
            this(queries, null, null, null);
        }
    }

    /** An unstarted server; call {@code start(port)} on it. */
    public static Javalin create(Dependencies dependencies, ApiConfig config)
    {
        CubeController cubes = new CubeController(dependencies.queries());
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(json(), false));
            javalin.staticFiles.enableWebjars();
            if (config.webDirectory() != null) {
                javalin.staticFiles.add(config.webDirectory().toString(), Location.EXTERNAL);
            }
            else {
                javalin.staticFiles.add("/dancu-web", Location.CLASSPATH);
            }
            javalin.routes.apiBuilder(() -> path("/api/v1", () -> {
                get("/health", cubes::health);
                get("/cubes", cubes::list);
                path("/cubes/{cube}", () -> {
                    get(cubes::describe);
                    get("/query", cubes::query);
                });
                get("/units", cubes::units);
                if (dependencies.sql() != null) {
                    SqlController sql = new SqlController(dependencies.sql(), dependencies.sqlCaller());
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
            }));
            javalin.routes.exception(ApiException.class, (error, ctx) -> ctx.status(error.status()).json(error.toError()));
            javalin.routes.exception(Exception.class, (error, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), error);
                ctx.status(500).json(new ApiError("internal error; the server log has the details", 500, "internal", java.util.List.of()));
            });
            javalin.routes.error(404, "application/json", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.json(new ApiError("no such resource: " + ctx.path(), 404, "not-found", java.util.List.of()));
                }
            });
        });
    }
}
