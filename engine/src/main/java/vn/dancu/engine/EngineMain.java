package vn.dancu.engine;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dancu.engine.cube.BuildArguments;
import vn.dancu.engine.cube.BuildReport;
import vn.dancu.engine.cube.CubeBuildJob;
import vn.dancu.engine.ingest.IngestJob;
import vn.dancu.engine.ingest.IngestOptions;
import vn.dancu.engine.ingest.IngestResult;
import vn.dancu.engine.ingest.PlausibilityArguments;
import vn.dancu.engine.ingest.PlausibilityLimits;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The engine's entry point under {@code spark-submit}: the {@code ingest} and {@code build} steps of the pipeline,
 * running the same jobs as {@code ./dancu ingest} and {@code ./dancu build} on whatever master the submit command
 * gives (standalone, YARN, Kubernetes) and on any Hadoop path ({@code hdfs://}, {@code s3a://}, local):
 *
 * <pre>
 * spark-submit --class vn.dancu.engine.EngineMain dancu-engine-spark.jar build --data hdfs:///dancu/data
 * </pre>
 *
 * {@code --master} runs without {@code spark-submit} (for example {@code --master local[2]}).
 */
@Command(name = "dancu-engine", mixinStandardHelpOptions = true, version = "dancu engine " + CubeBuildJob.ENGINE_VERSION,
        description = "dancu's Spark jobs for spark-submit: ingest a register extract, build the cubes.",
        subcommands = {EngineMain.Ingest.class, EngineMain.Build.class, CommandLine.HelpCommand.class})
public final class EngineMain implements Runnable
{
    public static final String KEY_VARIABLE = "DANCU_PSEUDONYM_KEY";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args)
    {
        int status = commandLine().execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    public static CommandLine commandLine()
    {
        CommandLine commandLine = new CommandLine(new EngineMain());
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            String message = error.getMessage() == null ? error.toString() : error.getMessage();
            line.getErr().println("dancu-engine " + line.getCommandName() + ": " + message.lines().findFirst().orElse(message));
            if (System.getenv("DANCU_DEBUG") != null) {
                error.printStackTrace(line.getErr());
            }
            return 1;
        });
        return commandLine;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every step takes. */
    static final class Common
    {
        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "Data folder (a local path, hdfs://… or s3a://…) holding raw/, curated/, quarantine/, cubes/")
        String data;

        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master when not started by spark-submit (local[2], spark://host:7077). Default: the submit command's")
        String master;

        DataLayout layout()
        {
            return new DataLayout(data.contains("://") ? data : Path.of(data).toAbsolutePath().normalize().toString());
        }

        SparkSession session(String appName)
        {
            return master == null ? SparkSessions.submitted(appName) : SparkSessions.local(appName, master);
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build the cubes from a curated snapshot into a new version and publish it atomically.")
    static final class Build implements Callable<Integer>
    {
        @CommandLine.Mixin
        Common common;

        @CommandLine.Mixin
        BuildArguments build;

        @Override
        public Integer call()
        {
            SparkSession session = common.session("dancu-build");
            try {
                long started = System.nanoTime();
                CubeBuildJob job = new CubeBuildJob(session, new Storage(session.sparkContext().hadoopConfiguration()), CubeCatalog.builtIn());
                BuildReport report = job.run(build.options(common.layout()), StepProgress.printingTo(System.out, "build"));
                System.out.print(report.summary((System.nanoTime() - started) / 1e9));
                return 0;
            }
            finally {
                session.stop();
            }
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Validate, quarantine, pseudonymise and curate a register extract into a new curated snapshot.")
    static final class Ingest implements Callable<Integer>
    {
        @CommandLine.Mixin
        Common common;

        @Option(names = "--input", paramLabel = "DIR", description = "Folder of the extract. Default: DIR/raw")
        String input;

        @Option(names = "--key-file", paramLabel = "FILE",
                description = "Local file holding the pseudonymisation key (at least 16 characters). Default: the environment variable " + KEY_VARIABLE)
        Path keyFile;

        @CommandLine.Mixin
        PlausibilityArguments plausibility;

        @Override
        public Integer call() throws IOException
        {
            byte[] key = key();
            PlausibilityLimits limits = plausibility.limits();
            SparkSession session = common.session("dancu-ingest");
            try {
                DataLayout layout = common.layout();
                long started = System.nanoTime();
                IngestResult result = new IngestJob(session, new Storage(session.sparkContext().hadoopConfiguration()),
                        StepProgress.printingTo(System.out, "ingest"))
                        .run(new IngestOptions(layout, input == null ? layout.raw() : input, key, limits));
                result.removedLeftovers().forEach(folder -> System.out.println("ingest: removed " + folder + ", left by a run that was killed"));
                System.out.printf("ingest: snapshot %s (run %s) in %.1f s%n", result.snapshotId(), result.runId(), (System.nanoTime() - started) / 1e9);
                boolean reconciles = true;
                for (Map.Entry<String, IngestResult.FileCounts> file : result.files().entrySet()) {
                    IngestResult.FileCounts counts = file.getValue();
                    reconciles &= counts.reconciles();
                    System.out.printf("  %-20s read %,d = accepted %,d + quarantined %,d%s%n", file.getKey(), counts.read(), counts.accepted(),
                            counts.quarantined(), counts.reconciles() ? "" : "  DOES NOT RECONCILE");
                }
                return reconciles ? 0 : 1;
            }
            finally {
                session.stop();
            }
        }

        private byte[] key() throws IOException
        {
            String text;
            if (keyFile != null) {
                text = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
            }
            else {
                text = System.getenv(KEY_VARIABLE) == null ? "" : System.getenv(KEY_VARIABLE).strip();
                if (text.isEmpty()) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "no pseudonymisation key: give --key-file FILE or set " + KEY_VARIABLE);
                }
            }
            if (text.length() < 16) {
                throw new IllegalArgumentException("the pseudonymisation key holds fewer than 16 characters");
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
