package vn.dancu.sql;

import org.apache.spark.sql.SparkSession;
import vn.dancu.engine.SparkSessions;
import vn.dancu.engine.sql.ReadOnlySql;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.sql.SqlLimits;
import vn.dancu.model.sql.SqlProtocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The statisticians' SQL engine, a process of its own beside the server: one local Spark session over the views of
 * a data folder, served on 127.0.0.1 by {@link EngineServer}. Started by the server (never by hand):
 *
 * <pre>
 * DANCU_SQL_SECRET=… [DANCU_SQL_SCRATCH=DIR] java -Xmx2g -XX:+ExitOnOutOfMemoryError &lt;Spark's flags&gt; vn.dancu.sql.SqlEngineMain --data DIR [--master local[2]]
 * </pre>
 *
 * It prints {@link SqlProtocol#READY_LINE} and its port when it serves, and ends when its standard input closes.
 *
 * <p>Spark runs with its task reaper and {@code interruptOnCancel}: a cancelled statement's tasks are interrupted and
 * watched. Tasks that ignore it, and optimiser work that checks for nothing, are the server's to end: it restarts
 * this process.
 */
public final class SqlEngineMain
{
    private static final int MIN_SECRET_LENGTH = 32;

    private SqlEngineMain() {}

    public static void main(String[] args) throws IOException
    {
        System.setProperty("log4j2.configurationFile", "dancu-sql/log4j2.properties");
        String data = null;
        String master = "local[2]";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = value(args, ++i);
                case "--master" -> master = value(args, ++i);
                default -> fail("unknown argument '" + args[i] + "'; usage: SqlEngineMain --data DIR [--master local[2]]");
            }
        }
        if (data == null) {
            fail("--data DIR is required");
        }
        String secret = System.getenv(SqlProtocol.SECRET_ENVIRONMENT);
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            fail("the environment variable " + SqlProtocol.SECRET_ENVIRONMENT + " must hold the shared secret (" + MIN_SECRET_LENGTH
                    + " characters or more)");
        }
        List<Path> hidden = new ArrayList<>();
        hidden.add(Path.of(System.getProperty("java.io.tmpdir")));
        String scratch = System.getenv(SqlProtocol.SCRATCH_ENVIRONMENT);
        if (scratch != null && !scratch.isBlank()) {
            hidden.add(Path.of(scratch));
            System.setProperty("java.io.tmpdir", scratch);
            System.setProperty("spark.local.dir", scratch);
        }
        endWhenTheServerIsGone();

        // Spark reads spark.* system properties into the session's configuration
        System.setProperty("spark.task.reaper.enabled", "true");
        System.setProperty("spark.task.reaper.pollingInterval", "1s");
        System.setProperty("spark.task.reaper.killTimeout", "15s");
        System.setProperty("spark.driver.maxResultSize", "256m");
        SparkSession session = SparkSessions.local("dancu-sql", master);
        DataLayout layout = new DataLayout(Path.of(data).toAbsolutePath().toString());
        PathScrubber scrubber = PathScrubber.forProcess(Path.of(layout.root()), hidden);
        ReadOnlySql sql;
        try {
            sql = ReadOnlySql.open(session, layout, CubeCatalog.builtIn());
        }
        catch (Exception e) {
            // no data yet (IllegalStateException), or a view whose files cannot be read
            String reason = e instanceof IllegalStateException ? e.getMessage() : "the views cannot be registered: " + e.getMessage();
            System.out.println(SqlProtocol.UNAVAILABLE_LINE + scrubber.message(reason.lines().findFirst().orElse(reason)));
            System.out.flush();
            e.printStackTrace();
            System.exit(4);
            return;
        }
        warmUp(sql);
        EngineServer server = new EngineServer(sql, secret, scrubber);
        int port = server.start();
        System.out.println(SqlProtocol.READY_LINE + port);
        System.out.flush();
    }

    /**
     * Runs one small statement over each kind of view before the engine says it is ready: Spark's first statement
     * (class loading, code generation, the first Parquet footer) takes seconds, and a statistician's first statement
     * after a restart should not spend its time limit on it. A failure here only costs that time later.
     */
    private static void warmUp(ReadOnlySql sql)
    {
        long started = System.nanoTime();
        for (String view : sql.views().names().stream().filter(name -> name.equals("persons") || name.startsWith("cube_")).limit(2).toList()) {
            try {
                sql.execute("SELECT count(*), count(DISTINCT " + sql.views().view(view).orElseThrow().columns().get(0).name() + ") FROM " + view,
                        new SqlLimits(Duration.ofMinutes(2), 10), "dancu-warm-up-" + view);
            }
            catch (RuntimeException e) {
                System.err.println("dancu-sql-engine: the warm-up statement over " + view + " failed: " + e.getMessage());
            }
        }
        System.err.printf("dancu-sql-engine: warmed up in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** Exits when standard input ends: the server that started this process closed it, or died. */
    private static void endWhenTheServerIsGone()
    {
        Thread watcher = new Thread(() -> {
            try {
                InputStream in = System.in;
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // nothing is sent on standard input; it only tells that the server is there
                }
            }
            catch (IOException e) {
                // the pipe broke: the server is gone too
            }
            System.exit(0);
        }, "dancu-sql-server-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String value(String[] args, int index)
    {
        if (index >= args.length) {
            fail(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    private static void fail(String message)
    {
        System.err.println("dancu-sql-engine: " + message);
        System.exit(2);
    }
}
