package vn.dancu.api.sql;

import vn.dancu.model.publish.DataLayout;
import vn.dancu.sql.SqlEngineLaunch;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * SQL engine processes for the tests: started as the server starts them (this JVM's class path, the engine's main
 * class, its own heap), but without {@code nice}, so that a test on a busy machine does not wait for idle cores.
 */
public final class TestEngines
{
    private TestEngines() {}

    public static SqlEngineProcess process(DataLayout layout, Path log, String heap)
    {
        SqlEngineLaunch launch = new SqlEngineLaunch(Path.of(System.getProperty("java.home"), "bin", "java"), heap, 0, "local[2]");
        return new SqlEngineProcess(new SqlEngineProcess.Launch(launch.command(Path.of(layout.root())), Map.of("CLASSPATH", SqlEngineLaunch.classPath()),
                log, heap, Duration.ofMinutes(5)), Clock.systemUTC());
    }
}
