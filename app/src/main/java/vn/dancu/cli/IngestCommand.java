package vn.dancu.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.engine.StepProgress;
import vn.dancu.engine.ingest.IngestJob;
import vn.dancu.engine.ingest.IngestOptions;
import vn.dancu.engine.ingest.IngestResult;
import vn.dancu.engine.ingest.PlausibilityArguments;
import vn.dancu.engine.ingest.PlausibilityLimits;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.DataLayout;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Validate, quarantine, pseudonymise and curate a register extract (DIR/raw by default) into a new curated snapshot.",
                "Every input record ends up either in DIR/curated/snapshots/<id>/ or in DIR/quarantine/<id>/records/ with a reason code;"
                        + " a run whose counts do not reconcile, or an unreadable input file, publishes nothing and exits with status 1.",
                "Before the snapshot becomes current, a plausibility gate compares it with the current one (population, each commune,"
                        + " share of accepted records) and refuses implausible changes, leaving the current snapshot in place.",
                "Running it again on the same extract only makes its snapshot current again. See docs/ingest.md."})
public final class IngestCommand implements Callable<Integer>
{
    @Mixin
    DataOption data;

    @Mixin
    SparkOption spark;

    @Option(names = "--input", paramLabel = "DIR", description = "Folder of the extract (extract.json, persons, events). Default: DIR/raw")
    String input;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "File holding the pseudonymisation key (at least 16 characters). Default: the environment variable DANCU_PSEUDONYM_KEY")
    Path keyFile;

    @Mixin
    PlausibilityArguments plausibility;

    @Override
    public Integer call()
    {
        DataLayout layout = data.layout();
        byte[] key = PseudonymKey.resolve(keyFile, Path.of(layout.keys()));
        PlausibilityLimits limits = plausibility.limits();
        SparkSession session = spark.session("dancu-ingest");
        try {
            run(session, new IngestOptions(layout, input == null ? layout.raw() : input, key, limits), System.out);
            return 0;
        }
        finally {
            session.stop();
        }
    }

    /**
     * Runs the ingest and prints its summary. Throws {@link vn.dancu.engine.ingest.IngestFailure} (naming the file or the
     * counts) when the run cannot publish a snapshot.
     */
    /**
     * The ingest of {@code ./dancu demo}, which generated the register it ingests: a register generated anew (another
     * {@code --persons}, another month) replaces the current one on purpose, so failed comparisons with the current
     * snapshot are recorded in the report, not refused (as with {@code --accept-drop}); the floors still hold.
     */
    static IngestResult run(SparkSession session, DataLayout layout, String input, byte[] key, PrintStream out)
    {
        return run(session, new IngestOptions(layout, input, key, PlausibilityLimits.DEFAULTS.withAcceptChange(true)), out);
    }

    static IngestResult run(SparkSession session, IngestOptions options, PrintStream out)
    {
        IngestResult result = new IngestJob(session, new Storage(session.sparkContext().hadoopConfiguration()), StepProgress.printingTo(out, "ingest"))
                .run(options);
        result.removedLeftovers().forEach(folder -> out.println("ingest: removed " + folder + ", left by a run that was killed"));
        if (result.reused()) {
            out.printf("ingest: this extract was already ingested as snapshot %s (run %s, %s); nothing was recomputed,"
                    + " the snapshot is current again%n", result.snapshotId(), result.runId(), result.report().finishedAt());
        }
        out.print("ingest: " + result.report().summary());
        out.printf("  report: %s/ingest-report.json%n  quarantine: %s/records (summary.csv beside it)%n",
                result.snapshotFolder(), result.quarantineFolder());
        return result;
    }
}
