package vn.dancu.api.sql;

import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Role;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.query.QueryResult;
import vn.dancu.api.query.QueryService;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.publish.PartitionEntry;
import vn.dancu.model.sql.SqlLimits;
import vn.dancu.model.sql.SqlResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The statisticians' SQL against the other ways of getting the same numbers, in one process on one data folder:
 * the first statement (the SQL engine process's start and view registration), then the population by commune and sex at the
 * latest month end through SQL on the cube view, through the API's in-memory query service, and through DuckDB over
 * the same Parquet files; and a count over the microdata (residence spells) through SQL and DuckDB.
 *
 * <p>Run: {@code ./dancu bench api vn.dancu.api.sql.SqlBenchmark DIR} after {@code ./dancu demo --no-serve --data DIR}.
 */
public final class SqlBenchmark
{
    private SqlBenchmark() {}

    public static void main(String[] args) throws Exception
    {
        DataLayout layout = new DataLayout(Path.of(args.length > 0 ? args[0] : "data").toAbsolutePath().toString());
        PublishedCubes cubes = new PublishedCubes(layout, CubeCatalog.builtIn(), 256L << 20);
        CubeManifest manifest = cubes.manifest();
        QueryService queries = new QueryService(cubes, Area.parse(manifest.area()), new DisclosureControl(() -> 5));
        Caller statistician = new Caller("benchmark", Role.STATISTICIAN, java.util.Set.of(), "command");
        List<LocalDate> dates = manifest.cube("population_stock").orElseThrow().refDates();
        LocalDate last = dates.get(dates.size() - 1);
        System.out.printf("data: %s, cube version %s, %d month ends, extract %s; %d cores, max heap %d MB, load average %.1f%n",
                layout.root(), manifest.versionId(), dates.size(), manifest.extractDate(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        SqlService sql = new SqlService(new SqlLimits(Duration.ofMinutes(10), 100_000),
                new SqlAuditLog(Files.createTempFile("sql-benchmark", ".jsonl"), Clock.systemUTC()),
                TestEngines.process(layout, Files.createTempFile("sql-benchmark", ".log"), "2g"));
        long started = System.nanoTime();
        sql.execute("benchmark", "local", "SELECT count(*) FROM ethnic_groups");
        long engine = sql.engine().ready().pid();
        System.out.printf("first SQL statement (SQL engine process start, %d views registered): %.1f s, engine process CPU %.1f s%n", sql.views().size(),
                (System.nanoTime() - started) / 1e9, engineCpuSeconds(engine));

        String bySql = "SELECT commune_code, sex, sum(population) AS population FROM cube_population_stock"
                + " WHERE ref_date = DATE '" + last + "' GROUP BY commune_code, sex";
        long[] sqlRows = new long[1];
        report("population by commune and sex at " + last + ", Spark SQL on the cube view (local[2])", 5, () -> {
            SqlResult result = sql.execute("benchmark", "local", bySql);
            sqlRows[0] = total(result, 2);
            return result.rows().size() + " rows";
        });
        long[] apiRows = new long[1];
        report("the same, API query service (in memory, no Spark)", 50, () -> {
            QueryResult result = queries.result(queries.table(statistician, queries.parse("population_stock", Map.of("dims", List.of("unit,sex"), "geo", List.of("asof"),
                    "date", List.of(last.toString())))));
            apiRows[0] = result.rows().stream().mapToLong(row -> ((Number) row.get("population")).longValue()).sum();
            return result.rows().size() + " rows";
        });
        CuboidEntry finest = manifest.cube("population_stock").orElseThrow().cuboids().stream()
                .max(Comparator.comparingInt(cuboid -> cuboid.dimensions().size())).orElseThrow();
        PartitionEntry partition = finest.partition(last).orElseThrow();
        String files = partition.files().stream().map(file -> "'" + layout.cubes() + "/" + partition.path() + "/" + file.name() + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        long[] duckRows = new long[1];
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            report("the same, DuckDB over the finest cuboid's Parquet", 20, () -> {
                try (Statement statement = duckdb.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT commune_code, sex, sum(population) FROM read_parquet(" + files + ") GROUP BY ALL")) {
                    int count = 0;
                    long sum = 0;
                    while (rows.next()) {
                        count++;
                        sum += rows.getLong(3);
                    }
                    duckRows[0] = sum;
                    return count + " rows";
                }
            });
            System.out.printf("totals agree: SQL %d, API %d, DuckDB %d%n", sqlRows[0], apiRows[0], duckRows[0]);

            String spellsSql = "SELECT count(DISTINCT pid) FROM residence_spells WHERE valid_from <= DATE '" + last
                    + "' AND (valid_to IS NULL OR valid_to > DATE '" + last + "')";
            report("residents on " + last + " from the residence spells (microdata), Spark SQL", 5,
                    () -> "count " + sql.execute("benchmark", "local", spellsSql).rows().get(0).get(0));
            String snapshot = Files.readString(Path.of(layout.curatedPointer())).strip();
            String spells = layout.snapshotTable(snapshot, "residence_spells") + "/*.parquet";
            report("the same, DuckDB over the curated Parquet", 20, () -> {
                try (Statement statement = duckdb.createStatement();
                     ResultSet rows = statement.executeQuery(spellsSql.replace("residence_spells", "read_parquet('" + spells + "')"))) {
                    rows.next();
                    return "count " + rows.getLong(1);
                }
            });
        }
        sql.close();
    }

    /** CPU seconds the SQL engine process has used (it runs the statements; this process only waits for them). */
    private static double engineCpuSeconds(long pid) throws java.io.IOException
    {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static long processCpuNanos()
    {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long total(SqlResult result, int column)
    {
        return result.rows().stream().mapToLong(row -> ((Number) row.get(column)).longValue()).sum();
    }

    /** One run; returns what it found, for the printed line ({@code 6 rows}, {@code count 34166}). */
    private interface Run
    {
        String get() throws Exception;
    }

    private static void report(String what, int repeats, Run run) throws Exception
    {
        run.get();
        double[] seconds = new double[repeats];
        String found = "";
        long cpuBefore = processCpuNanos();
        for (int i = 0; i < repeats; i++) {
            long started = System.nanoTime();
            found = run.get();
            seconds[i] = (System.nanoTime() - started) / 1e9;
        }
        double cpuMillis = (processCpuNanos() - cpuBefore) / 1e6 / repeats;
        Arrays.sort(seconds);
        System.out.printf("%s: median %.1f ms, min %.1f ms, max %.1f ms over %d runs; process CPU %.1f ms a run (%s)%n", what,
                seconds[repeats / 2] * 1000, seconds[0] * 1000, seconds[repeats - 1] * 1000, repeats, cpuMillis, found);
    }

}
