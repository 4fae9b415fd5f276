package vn.dancu.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.engine.cube.BuildOptions;
import vn.dancu.engine.cube.BuildReport;
import vn.dancu.engine.cube.CubeBuildJob;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.DataLayout;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build the cubes from the current curated snapshot into a new version and publish it atomically.")
public final class BuildCommand implements Callable<Integer>
{
    @Mixin
    DataOption data;

    @Mixin
    SparkOption spark;

    @Option(names = "--snapshot", paramLabel = "ID", description = "Curated snapshot to build from. Default: the current one")
    String snapshot;

    @Option(names = "--cube", paramLabel = "NAME", split = ",", description = "Cubes to build (comma-separated). Default: all")
    List<String> cubes = new ArrayList<>();

    @Option(names = "--keep", paramLabel = "N", defaultValue = "5", description = "Published versions to keep. Default: ${DEFAULT-VALUE}")
    int keep;

    @Option(names = "--full", description = "Recompute every partition, even those an incremental build would keep from the current version")
    boolean full;

    @Override
    public Integer call()
    {
        SparkSession session = spark.session("dancu-build");
        try {
            run(session, data.layout(), snapshot, cubes, keep, full, System.out);
            return 0;
        }
        finally {
            session.stop();
        }
    }

    static CubeManifest run(SparkSession session, DataLayout layout, String snapshot, List<String> cubes, int keep, PrintStream out)
    {
        return run(session, layout, snapshot, cubes, keep, false, out);
    }

    static CubeManifest run(SparkSession session, DataLayout layout, String snapshot, List<String> cubes, int keep, boolean full,
            PrintStream out)
    {
        long started = System.nanoTime();
        CubeBuildJob job = new CubeBuildJob(session, new Storage(session.sparkContext().hadoopConfiguration()), CubeCatalog.builtIn());
        BuildReport report = job.run(new BuildOptions(layout, snapshot, cubes, keep, full));
        out.print(report.summary((System.nanoTime() - started) / 1e9));
        return report.manifest();
    }
}
