package vn.dancu.engine.bench;

import org.apache.spark.sql.SparkSession;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.synthetic.GeneratorOptions;
import vn.dancu.datasets.synthetic.RegisterFormat;
import vn.dancu.datasets.synthetic.RegisterGenerator;
import vn.dancu.engine.SparkSessions;
import vn.dancu.engine.cube.BuildOptions;
import vn.dancu.engine.cube.BuildReport;
import vn.dancu.engine.cube.CubeBuildJob;
import vn.dancu.engine.cube.TruncatedExtract;
import vn.dancu.engine.ingest.IngestJob;
import vn.dancu.engine.ingest.IngestOptions;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.publish.PartitionEntry;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cube-build benchmark (a program, not a test): generates a national-scale register of N residents with ten years
 * of events (seed 1, 01/11/2016–31/10/2026), cuts from it the extract of 30/09/2026, ingests both, and measures in
 * one process on {@code local[2]}:
 *
 * <ol>
 * <li>the full build of the September extract (it seeds the incremental one),</li>
 * <li>the incremental build of the October extract (one new month),</li>
 * <li>the full build of the October extract ({@code --full}), and the size of the cubes on disk (with
 * {@code single-full}, this step is skipped: the full build of September stands for it, on 119 month ends instead of
 * 120, and DuckDB reads the September snapshot; it saves a full build at 10 million persons),</li>
 * <li>DuckDB computing the same population-stock aggregates (the cuboids the descriptor stores × 120 month ends) from the same curated
 * Parquet, with the plain SQL a DuckDB user would write (a range join of residence spells on month ends and
 * {@code GROUPING SETS}), written as Parquet partitioned like the cube.</li>
 * </ol>
 *
 * <pre>
 * ./dancu bench engine vn.dancu.engine.bench.CubeBuildBenchmark 1000000 [keep] [single-full]
 * DANCU_HEAP=10g ./dancu bench engine vn.dancu.engine.bench.CubeBuildBenchmark 10000000 single-full
 * DANCU_HEAP=6g ./dancu bench engine vn.dancu.engine.bench.CubeBuildBenchmark 10000000 duckdb-only duckdb-memory=15GB
 * DANCU_HEAP=10g ./dancu bench engine vn.dancu.engine.bench.CubeBuildBenchmark 10000000 single-full duckdb-monthly duckdb-memory=8GB keep
 * </pre>
 *
 * The September extract is first copied by a plain Spark read and write (the floor of any ingest) and ingest is
 * reported as a multiple of it, with Spark's job time per ingest step. With {@code duckdb-monthly}, DuckDB loads the
 * curated persons and spells into tables and computes one month end per statement (its single statement runs out of
 * memory at 10 million persons), after Spark has stopped, in the same process and on the same curated snapshot as the
 * full build it is compared with. The cube and DuckDB's result are then compared: row counts of every cuboid, and
 * every row of every cuboid at three month ends.
 *
 * With {@code duckdb-only}, only the September extract is ingested and DuckDB alone is timed on it (at 10 million
 * persons DuckDB needs more memory than the 6 GB it gets by default, {@code duckdb-memory=…}, which leaves too little
 * beside a Spark heap for the builds in one process).
 *
 * <p>Everything goes into a temporary folder under {@code java.io.tmpdir}, deleted at the end unless {@code keep}.
 */
public final class CubeBuildBenchmark
{
    private static final LocalDate START = LocalDate.of(2016, 11, 1);
    private static final LocalDate END = LocalDate.of(2026, 10, 31);
    private static final LocalDate PREVIOUS_END = LocalDate.of(2026, 9, 30);

    private CubeBuildBenchmark() {}

    public static void main(String[] args) throws Exception
    {
        long persons = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        List<String> flags = List.of(args).subList(Math.min(1, args.length), args.length);
        boolean keep = flags.contains("keep");
        boolean singleFull = flags.contains("single-full");
        boolean duckdbOnly = flags.contains("duckdb-only");
        boolean duckdbMonthly = flags.contains("duckdb-monthly");
        String duckdbMemory = flags.stream().filter(flag -> flag.startsWith("duckdb-memory=")).map(flag -> flag.substring(14))
                .findFirst().orElse("6GB");
        Path root = Files.createTempDirectory("dancu-cube-bench-");
        System.out.printf(Locale.ROOT, "cube build benchmark: %,d residents, %s … %s, folder %s%n", persons, START, END, root);
        System.out.printf(Locale.ROOT, "machine: %d cores, heap %d MiB, Java %s, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try {
            run(root, persons, singleFull, duckdbOnly, duckdbMonthly, duckdbMemory);
        }
        finally {
            if (!keep) {
                IngestBenchmark.deleteRecursively(root);
            }
        }
    }

    private static void run(Path root, long persons, boolean singleFull, boolean duckdbOnly, boolean duckdbMonthly, String duckdbMemory)
            throws Exception
    {
        Path latest = root.resolve("extract-2026-10");
        Path previous = root.resolve("extract-2026-09");
        Timer timer = new Timer();
        RegisterGenerator.generate(new GeneratorOptions(latest, Area.parse("national"), persons, 1, START, END, RegisterFormat.PARQUET, 0));
        timer.print("generate (October extract)");
        TruncatedExtract.write(latest, previous, PREVIOUS_END, null);
        timer.print("cut the September extract (DuckDB)");

        SparkSession spark = SparkSessions.local("dancu-cube-bench", "local[2]");
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        DataLayout layout = new DataLayout(root.resolve("data").toString());
        byte[] key = "a benchmark key that is long enough".getBytes(StandardCharsets.UTF_8);
        CubeBuildJob job = new CubeBuildJob(spark, storage, CubeCatalog.builtIn());
        timer.print("Spark session");

        double plainSeconds = IngestBenchmark.plainCopy(spark, previous, RegisterFormat.PARQUET, root.resolve("plain-copy"));
        timer.print("plain Spark read + write of the September extract");
        Map<String, Long> jobTimes = IngestBenchmark.jobTimesByDescription(spark);
        new IngestJob(spark, storage).run(new IngestOptions(layout, previous.toString(), key));
        double ingestSeconds = timer.print("ingest September");
        System.out.printf(Locale.ROOT, "  ingest = %.1f× the plain copy (%.1f s); Spark job time by ingest step (jobs of a step can overlap):%n",
                ingestSeconds / plainSeconds, plainSeconds);
        new TreeMap<>(jobTimes).forEach((step, millis) -> System.out.printf(Locale.ROOT, "    %-40s %8.1f s%n", step, millis / 1000.0));
        String septemberSnapshot = storage.readPointer(layout.curatedPointer()).orElseThrow();
        if (duckdbOnly) {
            spark.stop();
            System.out.println("duckdb-only: no Spark build; DuckDB reads the September snapshot");
            double duckSeconds = duckdbPopulationStock(Path.of(layout.snapshot(septemberSnapshot)), PREVIOUS_END, root.resolve("duckdb-population-stock"),
                    duckdbMemory);
            timer.print("DuckDB population stock");
            System.out.printf(Locale.ROOT, "%nSUMMARY %,d residents: DuckDB population stock (September) %.1f s%n", persons, duckSeconds);
            return;
        }
        BuildReport first = job.run(new BuildOptions(layout, null, List.of(), 5));
        double firstSeconds = timer.print("FULL build, September (seeds the incremental build)", first);
        String snapshot = new IngestJob(spark, storage).run(new IngestOptions(layout, latest.toString(), key)).snapshotId();
        timer.print("ingest October");
        BuildReport incremental = job.run(new BuildOptions(layout, null, List.of(), 5));
        double incrementalSeconds = timer.print("INCREMENTAL build, October (one new month)", incremental);
        BuildReport full = first;
        double fullSeconds = firstSeconds;
        if (singleFull) {
            snapshot = septemberSnapshot;
            System.out.println("single-full: the full build of September stands for the full build; DuckDB reads the September snapshot");
        }
        else {
            full = job.run(new BuildOptions(layout, null, List.of(), 5, true));
            fullSeconds = timer.print("FULL build, October", full);
        }
        double stockSeconds = full.cubes().stream().filter(build -> build.cube().equals("population_stock"))
                .mapToDouble(build -> build.writeSeconds() + build.describeSeconds()).sum();
        spark.stop();

        System.out.println("cube sizes (full build):");
        long total = 0;
        for (CubeEntry cube : full.manifest().cubes()) {
            long bytes = 0;
            long rows = 0;
            int files = 0;
            for (CuboidEntry cuboid : cube.cuboids()) {
                rows += cuboid.rows();
                for (PartitionEntry partition : cuboid.partitions()) {
                    bytes += partition.bytes();
                    files += partition.files().size();
                }
            }
            total += bytes;
            System.out.printf(Locale.ROOT, "  %-20s %,13d rows %,7d files %,9.1f MiB%n", cube.name(), rows, files, bytes / 1048576.0);
        }
        System.out.printf(Locale.ROOT, "  %-20s %,44.1f MiB%n", "total", total / 1048576.0);

        Path duckOut = root.resolve("duckdb-population-stock");
        double duckSeconds = duckdbPopulationStock(Path.of(layout.snapshot(snapshot)), START, singleFull ? PREVIOUS_END : END, duckOut, duckdbMemory,
                duckdbMonthly);
        timer.print("DuckDB population stock" + (duckdbMonthly ? " (one statement per month end)" : ""));
        compareWithDuckdb(layout, full.manifest().cubes().stream().filter(cube -> cube.name().equals("population_stock")).findFirst().orElseThrow(),
                duckOut);
        timer.print("compare the cube with DuckDB's");
        System.out.printf(Locale.ROOT, "%nSUMMARY %,d residents: full Spark build (%s) %.1f s (population_stock %.1f s), DuckDB population stock %.1f s"
                        + " (ratio %.2f, population_stock alone %.2f); incremental month %.1f s = %.1f %% of the full build;"
                + " ingest %.1f s = %.1f× a plain Spark copy (%.1f s)%n",
                persons, singleFull ? "September" : "October", fullSeconds, stockSeconds, duckSeconds, fullSeconds / duckSeconds, stockSeconds / duckSeconds, incrementalSeconds,
                100 * incrementalSeconds / fullSeconds, ingestSeconds, ingestSeconds / plainSeconds, plainSeconds);
    }

    /**
     * The population-stock cuboids (commune mandatory; sex, age, ethnicity, residence status optional: 16 grouping
     * sets) at each month end, straight from the curated persons and residence spells, written as Parquet partitioned
     * by cuboid and month end. Returns the seconds taken. Ages are completed years as {@code java.time.Period} counts
     * them, as in the cube: DuckDB's {@code date_sub('year', …)} makes a person born on 29 February one year older on
     * 28 February of a common year, {@code Period} on 1 March (without the correction, DuckDB wrote 33 more cells than
     * the cube at 1 million persons; with it, the cells of those month ends were checked equal).
     */
    static double duckdbPopulationStock(Path snapshot, LocalDate end, Path output, String memoryLimit) throws Exception
    {
        return duckdbPopulationStock(snapshot, START, end, output, memoryLimit, false);
    }

    /**
     * As above, from {@code start} to {@code end}; with {@code monthly}, the persons and residence spells are first
     * loaded into DuckDB tables and each month end is one statement (written under {@code month=…}), which is how a
     * DuckDB user would go on when the single statement runs out of memory, as it did at 10 million persons.
     */
    static double duckdbPopulationStock(Path snapshot, LocalDate start, LocalDate end, Path output, String memoryLimit, boolean monthly)
            throws Exception
    {
        String persons = "read_parquet('" + snapshot + "/persons/**/*.parquet')";
        String spells = "read_parquet('" + snapshot + "/residence_spells/*.parquet')";
        String sets = groupingSets();
        long started = System.nanoTime();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            statement.execute("SET threads = 2");
            statement.execute("SET memory_limit = '" + memoryLimit + "'");
            statement.execute("SET preserve_insertion_order = false");
            statement.execute("SET temp_directory = '" + output.getParent().resolve("duckdb-tmp") + "'");
            if (!monthly) {
                statement.execute(STOCK_SQL.formatted(start, end, persons, sets, output, spells));
            }
            else {
                Files.createDirectories(output);
                statement.execute("CREATE TABLE persons_t AS SELECT pid, birth_date, sex, ethnicity_code, last_resident_status FROM " + persons);
                statement.execute("CREATE TABLE spells_t AS SELECT pid, commune_code, valid_from, valid_to FROM " + spells);
                System.out.printf(Locale.ROOT, "  DuckDB loaded persons and spells in %.1f s%n", (System.nanoTime() - started) / 1e9);
                int months = 0;
                for (LocalDate month = start.withDayOfMonth(1); !month.isAfter(end); month = month.plusMonths(1)) {
                    statement.execute(STOCK_SQL.formatted(month, month, "persons_t", sets, output.resolve("month=" + month), "spells_t"));
                    if (++months % 12 == 0) {
                        System.out.printf(Locale.ROOT, "  DuckDB: %d month ends in %.1f s%n", months, (System.nanoTime() - started) / 1e9);
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            try (ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT cuboid) FROM read_parquet('" + output
                    + "/**/*.parquet', hive_partitioning = true)")) {
                rows.next();
                System.out.printf(Locale.ROOT, "  DuckDB wrote %,d rows in %d cuboids%n", rows.getLong(1), rows.getLong(2));
            }
            return seconds;
        }
    }

    private static final String STOCK_SQL = """
            COPY (
              WITH month_ends AS (
                SELECT last_day(m)::DATE AS ref_date FROM range(DATE '%1$s', DATE '%2$s' + INTERVAL 1 DAY, INTERVAL 1 MONTH) t(m)),
              people AS (
                SELECT pid, birth_date, sex, ethnicity_code,
                       last_resident_status AS residence_status
                FROM %3$s),
              residents AS (
                SELECT m.ref_date, s.commune_code, p.sex, p.ethnicity_code, p.residence_status,
                       least(100, date_sub('year', p.birth_date, m.ref_date)
                                  - CASE WHEN month(p.birth_date) = 2 AND day(p.birth_date) = 29 AND month(m.ref_date) = 2 AND day(m.ref_date) = 28
                                         THEN 1 ELSE 0 END) AS age
                FROM %6$s s
                JOIN month_ends m ON s.valid_from <= m.ref_date AND (s.valid_to IS NULL OR s.valid_to > m.ref_date)
                JOIN people p USING (pid))
              SELECT commune_code, sex, age, ethnicity_code, residence_status, count(*) AS population,
                     concat_ws('.', 'commune',
                       CASE WHEN grouping(sex) = 0 THEN 'sex' END, CASE WHEN grouping(age) = 0 THEN 'age' END,
                       CASE WHEN grouping(ethnicity_code) = 0 THEN 'ethnicity' END,
                       CASE WHEN grouping(residence_status) = 0 THEN 'residenceStatus' END) AS cuboid,
                     ref_date
              FROM residents
              GROUP BY GROUPING SETS (%4$s)
            ) TO '%5$s' (FORMAT PARQUET, PARTITION_BY (cuboid, ref_date), COMPRESSION zstd)""";

    /**
     * The cube against DuckDB's independent computation: rows per cuboid over every month end, then every row of every
     * cuboid at the first, a middle and the last month end compared both ways ({@code EXCEPT ALL}). Prints the
     * differences; a benchmark whose two sides disagree measures nothing.
     */
    static void compareWithDuckdb(DataLayout layout, CubeEntry stock, Path duckOut) throws Exception
    {
        Map<String, String> columns = Map.of("commune", "commune_code", "sex", "sex", "age", "age", "ethnicity", "ethnicity_code",
                "residenceStatus", "residence_status");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            statement.execute("SET threads = 2");
            Map<String, Long> duckRows = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT cuboid, count(*) FROM read_parquet('" + duckOut
                    + "/**/*.parquet', hive_partitioning = true) GROUP BY cuboid")) {
                while (rows.next()) {
                    duckRows.put(rows.getString(1), rows.getLong(2));
                }
            }
            long rowDifferences = 0;
            long cellDifferences = 0;
            int compared = 0;
            for (CuboidEntry cuboid : stock.cuboids()) {
                long duck = duckRows.getOrDefault(cuboid.name(), 0L);
                if (duck != cuboid.rows()) {
                    rowDifferences++;
                    System.out.printf(Locale.ROOT, "  DIFFERENT row count, cuboid %s: cube %,d, DuckDB %,d%n", cuboid.name(), cuboid.rows(), duck);
                }
                List<PartitionEntry> partitions = cuboid.partitions();
                for (PartitionEntry partition : List.of(partitions.get(0), partitions.get(partitions.size() / 2), partitions.get(partitions.size() - 1))) {
                    String select = "SELECT " + String.join(", ", List.of(cuboid.name().split("\\.")).stream().map(columns::get).toList())
                            + ", population FROM read_parquet(";
                    String cube = select + "'" + layout.cubes() + "/" + partition.path() + "/*.parquet')";
                    String duck2 = select + "'" + duckOut + "/*/cuboid=" + cuboid.name() + "/ref_date=" + partition.refDate() + "/*.parquet')";
                    try (ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM (" + cube + " EXCEPT ALL " + duck2 + ")), (SELECT count(*) FROM ("
                            + duck2 + " EXCEPT ALL " + cube + "))")) {
                        rows.next();
                        long onlyCube = rows.getLong(1);
                        long onlyDuck = rows.getLong(2);
                        compared++;
                        if (onlyCube + onlyDuck > 0) {
                            cellDifferences += onlyCube + onlyDuck;
                            System.out.printf(Locale.ROOT, "  DIFFERENT cells, cuboid %s at %s: %,d rows only in the cube, %,d only in DuckDB%n", cuboid.name(),
                                    partition.refDate(), onlyCube, onlyDuck);
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "  cube vs DuckDB: %d of %d cuboids with a different row count; %d cuboid × month-end partitions compared row by row,"
                    + " %,d rows different%n", rowDifferences, stock.cuboids().size(), compared, cellDifferences);
        }
    }

    /** The grouping sets of the cuboids the cube stores (its descriptor's), so that both sides compute the same rows. */
    private static String groupingSets()
    {
        var stock = CubeCatalog.builtIn().find("population_stock").orElseThrow();
        return stock.cuboids().stream()
                .map(cuboid -> "(" + String.join(", ", cuboid.dimensions().stream()
                        .map(dimension -> stock.dimension(dimension).orElseThrow().column()).toList()) + ", ref_date)")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Wall time and process CPU time since the last mark. */
    private static final class Timer
    {
        private long wall = System.nanoTime();
        private long cpu = cpu();

        private static long cpu()
        {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        double print(String what)
        {
            long nowWall = System.nanoTime();
            long nowCpu = cpu();
            double seconds = (nowWall - wall) / 1e9;
            System.out.printf(Locale.ROOT, "%-55s %8.1f s wall %8.1f s CPU  (load %.1f)%n", what, seconds, (nowCpu - cpu) / 1e9,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            wall = nowWall;
            cpu = nowCpu;
            return seconds;
        }

        double print(String what, BuildReport report)
        {
            double seconds = print(what);
            for (BuildReport.CubeBuild build : report.cubes()) {
                System.out.printf(Locale.ROOT, "    %-20s compute+write %7.1f s, describe %5.1f s, wrote %,5d partitions, kept %,5d (from %s: %s)%n",
                        build.cube(), build.writeSeconds(), build.describeSeconds(), build.partitionsWritten(), build.partitionsReused(),
                        build.rebuiltFrom(), build.reason());
            }
            return seconds;
        }
    }
}
