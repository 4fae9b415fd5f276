package vn.dancu.cli;

import io.javalin.Javalin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.api.ApiConfig;
import vn.dancu.api.ApiServer;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.report.ReportQueries;
import vn.dancu.api.report.ReportService;
import vn.dancu.api.sql.SqlAuditLog;
import vn.dancu.api.sql.SqlCaller;
import vn.dancu.api.sql.SqlService;
import vn.dancu.engine.SparkSessions;
import vn.dancu.engine.sql.SqlLimits;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

    @Option(names = "--sql", description = {"Serve the statisticians' SQL endpoints (/api/v1/sql). Until the server has accounts,"
            + " anyone who reaches the port can use them (audited by client address): bind to a closed network only."})
    boolean sql;

    @Option(names = "--sql-time-limit", paramLabel = "SECONDS", defaultValue = "60",
            description = "SQL statements running longer are cancelled. Default: ${DEFAULT-VALUE}")
    long sqlTimeLimit;

    @Option(names = "--sql-max-rows", paramLabel = "N", defaultValue = "10000",
            description = "Rows a SQL result returns at most. Default: ${DEFAULT-VALUE}")
    int sqlMaxRows;

    @Override
    public Integer call() throws InterruptedException
    {
        Javalin server = start(data.layout(), port, webDirectory,
                sql ? SqlCommand.limits(sqlTimeLimit, sqlMaxRows) : null);
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
        return start(layout, port, webDirectory, null);
    }

    /** @param sqlLimits the limits of the SQL endpoints, or null to serve none */
    static Javalin start(DataLayout layout, int port, Path webDirectory, SqlLimits sqlLimits)
    {
        if (port < 0 || port > 65535) {
            throw new Dancu.CommandFailure("--port must be between 0 and 65535, was " + port, 2);
        }
        Path cubes = Path.of(layout.cubes());
        if (!Files.exists(cubes.resolve(DataLayout.POINTER))) {
            throw new Dancu.CommandFailure("no published cubes in " + cubes + ": create them with ./dancu build (after ./dancu generate"
                    + " and ./dancu ingest), or run ./dancu demo --data " + Path.of(layout.root()), 2);
        }
        PublishedCubes published = new PublishedCubes(layout, CubeCatalog.builtIn(), 512L << 20);
        Area area = Area.parse(published.manifest().area());
        QueryService queries = new QueryService(published, area);
        ReportService reports = new ReportService(queries, ReportQueries.of(queries), Clock.systemUTC());
        SqlService sql = sqlLimits == null ? null : new SqlService(layout, CubeCatalog.builtIn(), sqlLimits,
                new SqlAuditLog(Path.of(layout.server(), "sql-audit.jsonl"), Clock.systemUTC()),
                () -> SparkSessions.local("dancu-sql", "local[2]"));
        Javalin server = ApiServer.create(new ApiServer.Dependencies(queries, sql, sql == null ? null : SqlCaller.byAddress(), reports),
                new ApiConfig(port, webDirectory));

        server.start(port);
        System.out.println("serving at http://localhost:" + server.port() + "/");
        return server;
    }
}
