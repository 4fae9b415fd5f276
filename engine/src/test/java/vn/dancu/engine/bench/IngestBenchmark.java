package vn.dancu.engine.bench;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.synthetic.GenerationSummary;
import vn.dancu.datasets.synthetic.GeneratorOptions;
import vn.dancu.datasets.synthetic.RegisterFormat;
import vn.dancu.datasets.synthetic.RegisterGenerator;
import vn.dancu.engine.SparkSessions;
import vn.dancu.engine.ingest.IngestJob;
import vn.dancu.engine.ingest.IngestOptions;
import vn.dancu.engine.ingest.IngestResult;
import vn.dancu.engine.ingest.RawRegisterSchemas;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Ingest at scale, next to a plain Spark read + write of the same files, so that the cost of validation,
 * quarantine, pseudonymisation and reconciliation is visible (docs/benchmarks.md, "Ingest"). Prints figures; asserts
 * nothing.
 *
 * <pre>
 * DANCU_HEAP=8g ./dancu bench engine vn.dancu.engine.bench.IngestBenchmark FOLDER [PERSONS] [FORMAT] [BAD_RATE] [MASTER]
 * </pre>
 * FOLDER is a scratch folder (generated data goes to FOLDER/raw and is reused when its extract.json is there);
 * PERSONS defaults to 10,000,000 (area {@code national:18}, ten years to 30/09/2025), FORMAT to parquet, BAD_RATE to 0,
 * MASTER to local[2].
 */
public final class IngestBenchmark
{
    private IngestBenchmark() {}

    public static void main(String[] args) throws IOException
    {
        if (args.length < 1) {
            System.err.println("usage: IngestBenchmark FOLDER [PERSONS] [FORMAT] [BAD_RATE] [MASTER]");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        long persons = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 10_000_000L;
        RegisterFormat format = args.length > 2 ? RegisterFormat.valueOf(args[2].toUpperCase(Locale.ROOT)) : RegisterFormat.PARQUET;
        double badRate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        String master = args.length > 4 ? args[4] : "local[2]";
        Path raw = folder.resolve("raw");

        if (!Files.exists(raw.resolve("extract.json"))) {
            int replicas = (int) Math.max(1, Math.round(persons / 560_000.0));
            GenerationSummary generated = RegisterGenerator.generate(new GeneratorOptions(raw, new Area("national", replicas), persons, 1,
                    LocalDate.of(2015, 10, 1), LocalDate.of(2025, 9, 30), format, badRate));
            System.out.printf(Locale.ROOT, "generated %,d person and %,d event records (%s, national:%d, bad rate %s) in %.1f s%n",
                    generated.persons(), generated.events(), format, replicas, badRate, generated.elapsed().toMillis() / 1000.0);
        }
        System.out.printf(Locale.ROOT, "input: %s, %,d bytes%n", raw, size(raw));
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %,d MiB, Java %s, master %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), master);

        SparkSession spark = SparkSessions.local("dancu-ingest-benchmark", master);
        try {
            double plainCpuStarted = cpuSeconds();
            double plainSeconds = plainCopy(spark, raw, format, folder.resolve("plain-copy"));
            double plainCpu = cpuSeconds() - plainCpuStarted;

            Map<String, Long> jobTimes = jobTimesByDescription(spark);
            Path data = folder.resolve("data");
            deleteRecursively(data.resolve("curated"));
            deleteRecursively(data.resolve("quarantine"));
            byte[] key = "benchmark pseudonymisation key, not a secret".getBytes(StandardCharsets.UTF_8);
            long started = System.nanoTime();
            double cpuStarted = cpuSeconds();
            IngestResult result = new IngestJob(spark, new Storage(spark.sparkContext().hadoopConfiguration()))
                    .run(new IngestOptions(new DataLayout(data.toString()), raw.toString(), key));
            double ingestSeconds = (System.nanoTime() - started) / 1e9;
            double ingestCpu = cpuSeconds() - cpuStarted;

            long records = result.report().read();
            System.out.print(result.report().summary());
            System.out.printf(Locale.ROOT, "plain Spark read + write (declared schema, zstd Parquet): %.1f s, %,.0f records/s; CPU %.1f s%n",
                    plainSeconds, records / plainSeconds, plainCpu);
            System.out.printf(Locale.ROOT, "ingest (inspect, validate, quarantine, pseudonymise, curate, spells, quality, reconcile): %.1f s, %,.0f records/s, %.1f× the plain copy; CPU %.1f s (%.1f×)%n",
                    ingestSeconds, records / ingestSeconds, ingestSeconds / plainSeconds, ingestCpu, ingestCpu / plainCpu);
            System.out.printf(Locale.ROOT, "curated: %,d bytes; quarantine: %,d bytes%n", size(data.resolve("curated")), size(data.resolve("quarantine")));
            System.out.println("Spark job time by ingest step (jobs of a step can overlap):");
            new TreeMap<>(jobTimes).forEach((step, millis) -> System.out.printf(Locale.ROOT, "  %-40s %8.1f s%n", step, millis / 1000.0));
        }
        finally {
            spark.stop();
        }
    }

    /**
     * The floor any ingest pays: a plain Spark read of the raw register's two tables with their declared schema and a
     * write as zstd Parquet into {@code output} (deleted afterwards). Returns the seconds taken.
     */
    static double plainCopy(SparkSession spark, Path raw, RegisterFormat format, Path output) throws IOException
    {
        deleteRecursively(output);
        long started = System.nanoTime();
        for (String table : new String[] {"persons", "events"}) {
            var schema = table.equals("persons") ? RawRegisterSchemas.PERSONS : RawRegisterSchemas.EVENTS;
            String input = Files.exists(raw.resolve(table + "." + format.extension())) ? raw.resolve(table + "." + format.extension()).toString()
                    : raw.resolve(table).toString();
            var reader = spark.read().schema(schema);
            var rows = switch (format) {
                case PARQUET -> reader.parquet(input);
                case CSV -> reader.option("header", "true").csv(input);
                case JSONL -> reader.json(input);
            };
            rows.write().mode(SaveMode.ErrorIfExists).option("compression", "zstd").parquet(output.resolve(table).toString());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        deleteRecursively(output);
        return seconds;
    }

    /** Spark job time summed by job description (an ingest or build step), filled in as the jobs end. */
    static Map<String, Long> jobTimesByDescription(SparkSession spark)
    {
        Map<String, Long> jobTimes = new ConcurrentHashMap<>();
        Map<Integer, long[]> jobs = new ConcurrentHashMap<>();
        Map<Integer, String> descriptions = new ConcurrentHashMap<>();
        spark.sparkContext().addSparkListener(new SparkListener()
        {
            @Override
            public void onJobStart(SparkListenerJobStart start)
            {
                jobs.put(start.jobId(), new long[] {start.time()});
                String description = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
                descriptions.put(start.jobId(), description == null ? "(other)" : description);
            }

            @Override
            public void onJobEnd(SparkListenerJobEnd end)
            {
                jobTimes.merge(descriptions.get(end.jobId()), end.time() - jobs.get(end.jobId())[0], Long::sum);
            }
        });
        return jobTimes;
    }

    /** CPU time of this JVM (all threads): less disturbed than wall time when other processes share the cores. */
    private static double cpuSeconds()
    {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
    }

    private static long size(Path folder) throws IOException
    {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    /** Deletes a folder and everything under it (the benchmarks' temporary folders). */
    static void deleteRecursively(Path folder) throws IOException
    {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
