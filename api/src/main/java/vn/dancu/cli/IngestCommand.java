package vn.dancu.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.engine.ingest.IngestJob;
import vn.dancu.engine.ingest.IngestOptions;
import vn.dancu.engine.ingest.IngestResult;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.DataLayout;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Validate, quarantine, pseudonymise and curate a register extract (DIR/raw by default) into a new curated snapshot.")
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

    @Override
    public Integer call()
    {
        DataLayout layout = data.layout();
        byte[] key = PseudonymKey.resolve(keyFile, Path.of(layout.keys()));
        SparkSession session = spark.session("dancu-ingest");
        try {
            IngestResult result = run(session, layout, input == null ? layout.raw() : input, key, System.out);
            return result.files().values().stream().allMatch(IngestResult.FileCounts::reconciles) ? 0 : 1;
        }
        finally {
            session.stop();
        }
    }

    static IngestResult run(SparkSession session, DataLayout layout, String input, byte[] key, PrintStream out)
    {
        long started = System.nanoTime();
        IngestResult result = new IngestJob(session, new Storage(session.sparkContext().hadoopConfiguration()))
                .run(new IngestOptions(layout, input, key));
        out.printf("ingest: snapshot %s (run %s) in %.1f s%n", result.snapshotId(), result.runId(), (System.nanoTime() - started) / 1e9);
        for (Map.Entry<String, IngestResult.FileCounts> file : result.files().entrySet()) {
            IngestResult.FileCounts counts = file.getValue();
            out.printf("  %-20s read %,d = accepted %,d + quarantined %,d%s%n", file.getKey(), counts.read(), counts.accepted(),
                    counts.quarantined(), counts.reconciles() ? "" : "  DOES NOT RECONCILE");
        }
        return result;
    }
}
