package vn.dancu.engine.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.synthetic.GeneratorOptions;
import vn.dancu.datasets.synthetic.RegisterFormat;
import vn.dancu.datasets.synthetic.RegisterGenerator;
import vn.dancu.engine.SparkSessions;
import vn.dancu.engine.cube.BuildInputs;
import vn.dancu.engine.cube.BuildOptions;
import vn.dancu.engine.cube.BuildReport;
import vn.dancu.engine.cube.CubeBuildJob;
import vn.dancu.engine.cube.CuratedSnapshot;
import vn.dancu.engine.cube.ResidenceSegments;
import vn.dancu.engine.cube.SnapshotReader;
import vn.dancu.engine.ingest.IngestJob;
import vn.dancu.engine.ingest.IngestOptions;
import vn.dancu.engine.projection.BackTestAccuracy;
import vn.dancu.engine.projection.JumpOff;
import vn.dancu.engine.projection.LexisTables;
import vn.dancu.engine.projection.PopulationProjection;
import vn.dancu.engine.projection.ProjectionAssumptions;
import vn.dancu.engine.projection.ProjectionBackTest;
import vn.dancu.engine.projection.ProjectionSpec;
import vn.dancu.engine.projection.RateWindows;
import vn.dancu.engine.projection.RegisterRecords;
import vn.dancu.engine.projection.Shrinkage;
import vn.dancu.engine.projection.UnitGeography;
import vn.dancu.engine.projection.YearRange;
import vn.dancu.engine.storage.Storage;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The projection benchmark and back-test (a program, not a test). Generates a register (seed 1, 01/11/2016–31/10/2026,
 * Parquet), ingests it, times the build of {@code population_projection} alone, then back-tests the method:
 *
 * <ol>
 * <li>on the units of 1 July 2025: jump-off 31/12/2020, compared with the register on 31/12/2025;</li>
 * <li>on the old communes as recorded: jump-off 31/12/2019, compared with 31/12/2024;</li>
 * </ol>
 *
 * each by unit, for the total, the school ages (3–5, 6–10, 11–14, 15–17) and 60+: the MAPE (and the mean signed
 * error in brackets) of the engine, the naive projection (constant growth of the years before the jump-off),
 * Hamilton–Perry, the engine without shrinkage ({@code ownRates}) and with the region's rates for every unit
 * ({@code regionRates}), and the engine given the rates of the projected years for one component at a time
 * ({@code fertilityKnown}, {@code mortalityKnown}, {@code migrationKnown}, {@code allKnown}: how much of its error
 * each component's forecast explains), or with fertility ({@code lateFertility}) or every rate ({@code lateRates}) from
 * the years after the generator's first two (its warm-up, when the start population settles: lower fertility,
 * arrivals far more male than later).
 *
 * <pre>
 * ./dancu bench engine vn.dancu.engine.bench.ProjectionBackTestBenchmark                 # Kon Rẫy, calibrated (≈ 34,000 residents)
 * ./dancu bench engine vn.dancu.engine.bench.ProjectionBackTestBenchmark kontum 100000   # 102 communes of Kon Tum
 * ./dancu bench engine vn.dancu.engine.bench.ProjectionBackTestBenchmark konray keep     # keep the folder, then:
 * ./dancu bench engine vn.dancu.engine.bench.ProjectionBackTestBenchmark konray folder=/tmp/dancu-projection-bench-…
 * </pre>
 *
 * Everything goes into a temporary folder under {@code java.io.tmpdir}, deleted at the end unless {@code keep}; with
 * {@code folder=DIR} the curated snapshot of an earlier run is reused (the cubes are rebuilt).
 */
public final class ProjectionBackTestBenchmark
{
    private static final LocalDate START = LocalDate.of(2016, 11, 1);
    private static final LocalDate END = LocalDate.of(2026, 10, 31);
    private static final int HORIZON = 5;
    private static final int GROWTH_YEARS = 5;
    private static final List<String> METHODS = List.of("engine", "naive", "hamiltonPerry", "ownRates", "regionRates",
            "fertilityKnown", "mortalityKnown", "migrationKnown", "allKnown", "lateFertility", "lateRates");

    private ProjectionBackTestBenchmark() {}

    public static void main(String[] args) throws Exception
    {
        List<String> arguments = List.of(args);
        String area = arguments.isEmpty() ? "konray" : arguments.get(0);
        Long persons = arguments.size() > 1 && arguments.get(1).matches("\\d+") ? Long.valueOf(arguments.get(1)) : null;
        String reuse = arguments.stream().filter(argument -> argument.startsWith("folder=")).map(argument -> argument.substring(7))
                .findFirst().orElse(null);
        boolean keep = arguments.contains("keep") || reuse != null;
        Path root = reuse != null ? Path.of(reuse) : Files.createTempDirectory("dancu-projection-bench-");
        System.out.printf(Locale.ROOT, "projection benchmark: area %s, %s residents, %s … %s, folder %s%n", area,
                persons == null ? "calibrated" : String.format(Locale.ROOT, "%,d", persons), START, END, root);
        System.out.printf(Locale.ROOT, "machine: %d cores, heap %d MiB, Java %s, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try {
            run(root, Area.parse(area), persons);
        }
        finally {
            if (!keep) {
                IngestBenchmark.deleteRecursively(root);
            }
        }
    }

    private static void run(Path root, Area area, Long persons) throws Exception
    {
        Path raw = root.resolve("raw");
        SparkSession spark = SparkSessions.local("dancu-projection-bench", "local[2]");
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        DataLayout layout = new DataLayout(root.resolve("data").toString());
        long started = System.nanoTime();
        String snapshotId;
        if (storage.readPointer(layout.curatedPointer()).isPresent()) {
            snapshotId = storage.readPointer(layout.curatedPointer()).orElseThrow();
            System.out.println("reusing the curated snapshot " + snapshotId + " of " + layout.root());
            IngestBenchmark.deleteRecursively(Path.of(layout.cubes()));
        }
        else {
            RegisterGenerator.generate(new GeneratorOptions(raw, area, persons, 1, START, END, RegisterFormat.PARQUET, 0));
            System.out.printf(Locale.ROOT, "generate                      %6.1f s%n", (System.nanoTime() - started) / 1e9);
            started = System.nanoTime();
            snapshotId = new IngestJob(spark, storage)
                    .run(new IngestOptions(layout, raw.toString(), "a benchmark key that is long enough".getBytes(StandardCharsets.UTF_8)))
                    .snapshotId();
            System.out.printf(Locale.ROOT, "ingest                        %6.1f s%n", (System.nanoTime() - started) / 1e9);
        }

        started = System.nanoTime();
        long cpu = cpuNanos();
        BuildReport report = new CubeBuildJob(spark, storage, CubeCatalog.builtIn())
                .run(new BuildOptions(layout, null, List.of("population_projection"), 5));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "build of population_projection alone (a version with this cube only): %.1f s wall, %.1f s process CPU,"
                + " load average %.1f%n", seconds, (cpuNanos() - cpu) / 1e9, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.print(report.summary(seconds));

        CuratedSnapshot snapshot = new SnapshotReader(spark, storage).read(layout, snapshotId);
        Dataset<Row> residentSpells = ResidenceSegments.residentSpells(snapshot.residenceSpells(), snapshot.persons())
                .persist(StorageLevel.MEMORY_AND_DISK());
        RegisterRecords records = cached(RegisterRecords.of(new BuildInputs(snapshot, residentSpells, Reorganisation2025.EFFECTIVE_DATE)));

        printComponents(records);
        printPublished(records);
        int lastYear = JumpOff.lastCompleteYear(END).orElseThrow();
        backTest(records, lastYear, UnitGeography.UNITS_2025);
        backTest(records, Reorganisation2025.EFFECTIVE_DATE.getYear() - 1, UnitGeography.AS_RECORDED);
        spark.stop();
    }

    private static long cpuNanos()
    {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static RegisterRecords cached(RegisterRecords records)
    {
        return new RegisterRecords(records.segments().persist(StorageLevel.MEMORY_AND_DISK()),
                records.deathRecords().persist(StorageLevel.MEMORY_AND_DISK()),
                records.moveRecords().persist(StorageLevel.MEMORY_AND_DISK()),
                records.birthRecords().persist(StorageLevel.MEMORY_AND_DISK()),
                records.successors(), records.catalogue(), records.periodStart(), records.periodEnd(), records.reformDate());
    }

    /**
     * The register's components year by year on the 2025 units (what the rates are estimated from): TFR from single
     * cohort ages 15–49, deaths, moves in and out by sex, and the population and sex ratio at the year end.
     */
    private static void printComponents(RegisterRecords records)
    {
        int last = JumpOff.lastCompleteYear(records.periodEnd()).orElseThrow();
        int first = records.periodStart().getYear() + 1;
        List<Integer> years = new ArrayList<>();
        for (int year = first; year <= last; year++) {
            years.add(year);
        }
        Dataset<Row> cells = LexisTables.cells(records, new YearRange(first, last), years, records.units(UnitGeography.UNITS_2025));
        Dataset<Row> tfr = cells.where(col("sex").equalTo("F").and(col("age").between(15, 49)))
                .groupBy("year", "age").agg(sum(col("boys").plus(col("girls"))).divide(sum("person_years")).as("rate"))
                .groupBy("year").agg(sum("rate").as("tfr"));
        List<Row> rows = cells.groupBy("year").agg(
                        sum(col("boys").plus(col("girls"))).as("births"), sum("deaths").as("deaths"),
                        sum(when(col("sex").equalTo("M"), col("in_moves")).otherwise(0L)).as("in_men"),
                        sum(when(col("sex").equalTo("F"), col("in_moves")).otherwise(0L)).as("in_women"),
                        sum(when(col("sex").equalTo("M"), col("out_moves")).otherwise(0L)).as("out_men"),
                        sum(when(col("sex").equalTo("F"), col("out_moves")).otherwise(0L)).as("out_women"),
                        sum(when(col("sex").equalTo("M"), col("persons")).otherwise(0L)).as("men"),
                        sum(when(col("sex").equalTo("F"), col("persons")).otherwise(0L)).as("women"))
                .join(tfr, "year")
                .select("year", "tfr", "births", "deaths", "in_men", "in_women", "out_men", "out_women", "men", "women")
                .orderBy("year").collectAsList();
        System.out.printf(Locale.ROOT, "%nregister components by year (2025 units; TFR: the sum of single-year rates of women 15–49, mothers of known age):%n");
        System.out.printf(Locale.ROOT, "%5s %6s %7s %7s %8s %8s %8s %8s %9s %7s%n", "year", "TFR", "births", "deaths", "in men", "in women",
                "out men", "out wom.", "31/12 pop", "sex r.");
        for (Row row : rows) {
            long men = row.getLong(8);
            long women = row.getLong(9);
            System.out.printf(Locale.ROOT, "%5d %6.2f %7d %7d %8d %8d %8d %8d %9d %7.1f%n", row.getInt(0), row.isNullAt(1) ? 0 : row.getDouble(1),
                    row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7), men + women,
                    100.0 * men / women);
        }
    }

    /** The published projection's totals for the whole area, by scenario, every fifth year. */
    private static void printPublished(RegisterRecords records)
    {
        JumpOff jumpOff = JumpOff.of(records.periodStart(), records.periodEnd(), ProjectionAssumptions.DEFAULT.rateYears()).orElseThrow();
        long started = System.nanoTime();
        List<Row> totals = PopulationProjection.project(records, ProjectionSpec.published(jumpOff, ProjectionAssumptions.DEFAULT))
                .where(col("year").minus(jumpOff.year()).mod(5).equalTo(0))
                .groupBy("scenario", "year")
                .agg(sum("population").as("population"), sum("births").as("births"), sum("deaths").as("deaths"),
                        sum("net_migration").as("net_migration"),
                        sum(when(col("sex").equalTo("M"), col("population")).otherwise(0.0)).as("men"),
                        sum(when(col("age").between(6, 10), col("population")).otherwise(0.0)).as("primary"),
                        sum(when(col("age").geq(60), col("population")).otherwise(0.0)).as("elderly"))
                .orderBy("scenario", "year")
                .collectAsList();
        System.out.printf(Locale.ROOT, "%npublished projection from 31/12/%d, rates of %s (%.1f s): area totals%n", jumpOff.year(),
                jumpOff.rateYears(), (System.nanoTime() - started) / 1e9);
        System.out.printf(Locale.ROOT, "%-15s %5s %10s %8s %8s %8s %6s %8s %8s%n", "scenario", "year", "population", "births", "deaths",
                "net mig.", "sex r.", "6-10", "60+");
        for (Row row : totals) {
            double population = row.getDouble(2);
            double men = row.getDouble(6);
            System.out.printf(Locale.ROOT, "%-15s %5d %10.0f %8.0f %8.0f %8.0f %6.1f %8.0f %8.0f%n", row.getString(0), row.getInt(1),
                    population, row.getDouble(3), row.getDouble(4), row.getDouble(5), 100 * men / (population - men), row.getDouble(7),
                    row.getDouble(8));
        }
    }

    private static void backTest(RegisterRecords records, int targetYear, UnitGeography geography)
    {
        ProjectionAssumptions assumptions = ProjectionAssumptions.DEFAULT;
        ProjectionBackTest.Setup setup = ProjectionBackTest.setup(records, targetYear, HORIZON, geography, assumptions, GROWTH_YEARS)
                .orElseThrow(() -> new IllegalStateException("the register does not cover a back-test to " + targetYear));
        long started = System.nanoTime();
        ProjectionSpec engine = setup.projection(assumptions);
        YearRange rates = setup.jumpOff().rateYears();
        YearRange known = setup.projectedYears();
        YearRange afterWarmUp = new YearRange(Math.min(rates.last(), START.getYear() + 3), rates.last());
        Map<String, Dataset<Row>> methods = new LinkedHashMap<>();
        methods.put("engine", engineGroups(records, setup, engine));
        methods.put("naive", ProjectionBackTest.naive(records, setup));
        methods.put("hamiltonPerry", ProjectionBackTest.byGroup(ProjectionBackTest.hamiltonPerry(records, setup), List.of("unit")));
        methods.put("ownRates", engineGroups(records, setup, engine.withShrinkage(Shrinkage.NONE)));
        methods.put("regionRates", engineGroups(records, setup, engine.withShrinkage(Shrinkage.REGION)));
        methods.put("fertilityKnown", engineGroups(records, setup, engine.withWindows(new RateWindows(known, rates, rates))));
        methods.put("mortalityKnown", engineGroups(records, setup, engine.withWindows(new RateWindows(rates, known, rates))));
        methods.put("migrationKnown", engineGroups(records, setup, engine.withWindows(new RateWindows(rates, rates, known))));
        methods.put("allKnown", engineGroups(records, setup, engine.withWindows(RateWindows.all(known))));
        methods.put("lateFertility", engineGroups(records, setup, engine.withWindows(new RateWindows(afterWarmUp, rates, rates))));
        methods.put("lateRates", engineGroups(records, setup, engine.withWindows(RateWindows.all(afterWarmUp))));
        Dataset<Row> actual = ProjectionBackTest.actual(records, setup);
        List<Row> rows = ProjectionBackTest.compare(actual, methods).collectAsList();
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(Locale.ROOT, "%nBACK-TEST on %s: jump-off 31/12/%d (rates of %s, growth and Hamilton–Perry ratios over %s),"
                        + " compared with the register on 31/12/%d; %d units; %.1f s%n", geography, setup.jumpOff().year(), rates,
                setup.growthYears(), targetYear, rows.stream().map(row -> row.getString(0)).distinct().count(), seconds);
        System.out.println("MAPE % (mean signed error % in brackets), over the units:");
        System.out.print(BackTestAccuracy.table(BackTestAccuracy.of(rows, METHODS), METHODS));
        printUnits(rows);
        Map<String, ProjectionSpec> variants = new LinkedHashMap<>();
        variants.put("engine", engine);
        variants.put("migrationKnown", engine.withWindows(new RateWindows(rates, rates, known)));
        variants.put("lateRates", engine.withWindows(RateWindows.all(afterWarmUp)));
        printSexRatios(records, setup, variants);
    }

    private static Dataset<Row> engineGroups(RegisterRecords records, ProjectionBackTest.Setup setup, ProjectionSpec spec)
    {
        return ProjectionBackTest.byGroup(ProjectionBackTest.engine(records, setup, spec), List.of("unit"));
    }

    private static void printUnits(List<Row> rows)
    {
        System.out.println("totals by unit: actual, engine, naive, Hamilton–Perry");
        for (Row row : rows) {
            if (row.getString(1).equals("total")) {
                System.out.printf(Locale.ROOT, "  %-8s %9.0f %9.1f %9.1f %9.1f%n", row.getString(0), row.getDouble(2),
                        row.getDouble(row.fieldIndex("engine")), row.getDouble(row.fieldIndex("naive")), row.getDouble(row.fieldIndex("hamiltonPerry")));
            }
        }
    }

    /** Men per 100 women at the target year end: the register against the engine's variants, overall and at 30–39. */
    private static void printSexRatios(RegisterRecords records, ProjectionBackTest.Setup setup, Map<String, ProjectionSpec> specs)
    {
        Map<String, Dataset<Row>> sources = new LinkedHashMap<>();
        sources.put("register", ProjectionBackTest.actual(records, setup));
        specs.forEach((name, spec) -> sources.put(name, ProjectionBackTest.engine(records, setup, spec)));
        System.out.println("men and women, and men per 100 women, on 31/12/" + setup.targetYear() + ":");
        for (Map.Entry<String, Dataset<Row>> source : sources.entrySet()) {
            Row row = source.getValue().agg(
                    sum(when(col("sex").equalTo("M"), col("population")).otherwise(0.0)),
                    sum(when(col("sex").equalTo("F"), col("population")).otherwise(0.0)),
                    sum(when(col("sex").equalTo("M").and(col("age").between(30, 39)), col("population")).otherwise(0.0)),
                    sum(when(col("sex").equalTo("F").and(col("age").between(30, 39)), col("population")).otherwise(0.0))).first();
            System.out.printf(Locale.ROOT, "  %-15s men %8.0f women %8.0f   all ages %6.1f   30–39 %6.1f%n", source.getKey(), row.getDouble(0),
                    row.getDouble(1), 100 * row.getDouble(0) / row.getDouble(1), 100 * row.getDouble(2) / row.getDouble(3));
        }
    }
}
