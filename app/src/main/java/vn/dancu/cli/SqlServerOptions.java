package vn.dancu.cli;

import picocli.CommandLine.Option;
import vn.dancu.api.sql.SqlEngineProcess;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.sql.SqlLimits;
import vn.dancu.sql.SqlEngineLaunch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The statisticians' SQL of {@code serve} and {@code demo}: whether to serve it, and the SQL engine process's heap
 * and limits. This is the one place that knows how the engine process is started (its main class, its class path:
 * this JVM's); the server only gets the command.
 */
public final class SqlServerOptions
{
    @Option(names = "--sql", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Serve the statisticians' SQL page, run by a SQL engine process of its own (its own heap, lower CPU priority),",
                    "started and stopped with the server; --no-sql serves none. Default: on"})
    boolean enabled = true;

    @Option(names = "--sql-heap", paramLabel = "SIZE", defaultValue = SqlEngineLaunch.DEFAULT_HEAP,
            description = "The SQL engine process's heap (as java -Xmx takes it: 2g, 1536m). Default: ${DEFAULT-VALUE}")
    String heap = SqlEngineLaunch.DEFAULT_HEAP;

    @Option(names = "--sql-time-limit", paramLabel = "SECONDS", defaultValue = "60",
            description = "The statisticians' SQL: statements running longer are stopped. Default: ${DEFAULT-VALUE}")
    long timeLimitSeconds = 60;

    @Option(names = "--sql-max-rows", paramLabel = "N", defaultValue = "10000",
            description = "The statisticians' SQL: rows a result returns at most. Default: ${DEFAULT-VALUE}")
    int maxRows = 10_000;

    @Option(names = "--sql-max-mb", paramLabel = "MB", defaultValue = "32",
            description = "The statisticians' SQL: size of a result at most, in MiB of its rows as JSON. Default: ${DEFAULT-VALUE}")
    int maxMegabytes = 32;

    /** The defaults, for callers that start a server without a command line. */
    static SqlServerOptions defaults()
    {
        return new SqlServerOptions();
    }

    SqlLimits limits()
    {
        if (timeLimitSeconds < 1 || timeLimitSeconds > 24 * 3600) {
            throw new Dancu.CommandFailure("invalid value for option '--sql-time-limit': must be from 1 to 86400 seconds, was " + timeLimitSeconds, 2);
        }
        if (maxRows < 1) {
            throw new Dancu.CommandFailure("invalid value for option '--sql-max-rows': must be at least 1, was " + maxRows, 2);
        }
        if (maxMegabytes < 1 || maxMegabytes > 1024) {
            throw new Dancu.CommandFailure("invalid value for option '--sql-max-mb': must be from 1 to 1024, was " + maxMegabytes, 2);
        }
        return new SqlLimits(Duration.ofSeconds(timeLimitSeconds), maxRows, (long) maxMegabytes << 20);
    }

    /** How the server starts the SQL engine process over {@code layout}; its output goes to {@code log}. */
    SqlEngineProcess.Launch launch(DataLayout layout, Path log)
    {
        SqlEngineLaunch launch;
        try {
            launch = SqlEngineLaunch.withHeap(heap);
        }
        catch (IllegalArgumentException e) {
            throw new Dancu.CommandFailure("invalid value for option '--sql-heap': " + e.getMessage(), 2);
        }
        return new SqlEngineProcess.Launch(launch.command(Path.of(layout.root())), Map.of("CLASSPATH", SqlEngineLaunch.classPath()), log, heap,
                Duration.ofMinutes(3));
    }
}
