package vn.dancu.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.dancu.engine.StepProgress;
import vn.dancu.engine.cube.BuildArguments;
import vn.dancu.engine.cube.BuildOptions;
import vn.dancu.engine.cube.BuildReport;
import vn.dancu.engine.cube.CubeBuildJob;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.CubeManifest;

import java.io.PrintStream;
import java.util.concurrent.Callable;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build the cubes from the current curated snapshot into a new version and publish it atomically.")
public final class BuildCommand implements Callable<Integer>
{
    @Mixin
    DataOption data;

    @Mixin
    SparkOption spark;

    @Mixin
    BuildArguments build;

    @Override
    public Integer call()
    {
        SparkSession session = spark.session("dancu-build");
        try {
            run(session, build.options(data.layout()), System.out);
            return 0;
        }
        finally {
            session.stop();
        }
    }

    static CubeManifest run(SparkSession session, BuildOptions options, PrintStream out)
    {
        long started = System.nanoTime();
        CubeBuildJob job = new CubeBuildJob(session, new Storage(session.sparkContext().hadoopConfiguration()), CubeCatalog.builtIn());
        BuildReport report = job.run(options, StepProgress.printingTo(out, "build"));
        out.print(report.summary((System.nanoTime() - started) / 1e9));
        return report.manifest();
    }
}
