package vn.dancu.api.bench;

import io.javalin.Javalin;
import vn.dancu.api.ApiConfig;
import vn.dancu.api.ApiServer;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Role;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.indicator.IndicatorService;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.Cuboid;
import vn.dancu.model.cube.DimensionKind;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.publish.PartitionEntry;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The API under load. Prints figures; asserts nothing. Two modes:
 *
 * <p><b>On a data folder the engine built</b> ({@code --data DIR}: the folder {@code ./dancu demo} or {@code ./dancu
 * build} publish into, with {@code cubes/CURRENT}): the server starts in this JVM as {@code ./dancu serve --data DIR
 * --demo-accounts} starts it, audit log on, rate limits off and no SQL engine process ({@link DataFolderServer}). It
 * prints the server's start time (from the call that starts it until it listens), the time of its first answer (the
 * overview's population series, anonymous), then has {@code --clients} clients ask: anonymous visitors and the demo
 * accounts lanhdao (leader), quyhoach (planner), thongke (statistician), admin and xa-dakkoi (leader of one commune),
 * one role per client in turn, each logged in once with its password (session cookie). The {@code --questions}
 * distinct questions are the dashboard's own ({@link DashboardQuestions}), generated from the published version: every
 * month end of population_stock, the area and each commune; each client only asks what its role may ask, so any
 * answer other than 200 or 304 counts as an error and is listed. Every question is first asked once per role (the
 * first visitors), then a warm-up of {@code --warmup} seconds, then the measured window of {@code --seconds}: requests
 * per second, p50, p99, p99.9 and max per role and overall, errors by status and path; then the heap in use after a
 * {@code System.gc()} (the load generator shares the JVM, its data released by then) and the JVM's max heap. The data
 * folder's {@code server/} (accounts, sessions, audit log) is written to: run it on a copy.
 *
 * <pre>
 * cp -a /tmp/dancu-demo /tmp/apiload-data     # a copy: the run writes sessions and audit entries
 * DANCU_HEAP=8g ./dancu bench api vn.dancu.api.bench.ApiLoadBenchmark --data /tmp/apiload-data \
 *     [--clients 64] [--seconds 30] [--warmup 10] [--questions 200] [--port 0] [--roles anonymous,thongke,...] [--no-warm-up]
 * </pre>
 *
 * <p><b>On a cube it fabricates</b> (without {@code --data}): against cubes of a 10-million-person register, and the
 * same question answered by DuckDB from the curated Parquet. Without a built data folder it first makes one in {@code /tmp/dancu-bench} with DuckDB: a curated-like
 * {@code persons} + {@code residence_spells} of N persons over the communes of Kon Tum replicated to national size
 * (the area "national:18", 720 communes of 01/07/2025), and the population_stock cube of three month ends with every
 * cuboid of its descriptor, laid out and described by a manifest exactly as the engine publishes it.
 *
 * <pre>
 * mvn -q -B -o -pl api -am test-compile
 * java -Xmx6g -cp "api/target/test-classes:api/target/classes:$(cat /tmp/cp.txt)" vn.dancu.api.bench.ApiLoadBenchmark \
 *     [--persons 10000000] [--folder /tmp/dancu-bench] [--clients 64] [--seconds 30]
 * </pre>
 */
public final class ApiLoadBenchmark
{
    private static final List<LocalDate> MONTH_ENDS = List.of(LocalDate.of(2026, 8, 31), LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 31));
    private static final int REPLICAS = 18;

    public static void main(String[] args) throws Exception
    {
        Optional<String> data = optional(args, "--data");
        if (data.isPresent()) {
            try {
                EngineDataLoad.run(Path.of(data.get()), Integer.parseInt(option(args, "--port", "0")), Integer.parseInt(option(args, "--clients", "64")),
                        Integer.parseInt(option(args, "--warmup", "10")), Integer.parseInt(option(args, "--seconds", "30")),
                        Integer.parseInt(option(args, "--questions", "200")),
                        optional(args, "--roles").map(roles -> List.of(roles.split(","))).orElse(List.of()),
                        !java.util.Arrays.asList(args).contains("--no-warm-up"));
            }
            catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
            System.exit(0);
        }
        long persons = Long.parseLong(option(args, "--persons", "10000000"));
        Path folder = Path.of(option(args, "--folder", "/tmp/dancu-bench"));
        int clients = Integer.parseInt(option(args, "--clients", "64"));
        int seconds = Integer.parseInt(option(args, "--seconds", "30"));
        Area area = new Area("national", REPLICAS);
        System.out.printf("machine: %d cores, %s, Java %s, heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        if (!Files.exists(folder.resolve("cubes/CURRENT"))) {
            build(folder, persons, area);
        }
        else {
            System.out.println("reusing " + folder);
        }

        DataLayout layout = new DataLayout(folder.toString());
        Path server = folder.resolve("server");
        Clock clock = Clock.systemUTC();
        vn.dancu.api.state.StateDatabase state = vn.dancu.api.state.StateDatabase.embedded(server);
        SettingsStore settings = new SettingsStore(state);
        QueryService queries = new QueryService(new PublishedCubes(layout, CubeCatalog.builtIn(), 2L << 30), area,
                new DisclosureControl(() -> settings.current().suppressionThreshold()));
        AccountStore accounts = new AccountStore(state, new PasswordHasher(), clock);
        if (accounts.find("bench").isEmpty()) {
            accounts.create("bench", null, Role.STATISTICIAN, Set.of(), "bench-password-0");
        }
        ApiTokens tokens = new ApiTokens(state, clock);
        String statistician = tokens.issue("bench", "benchmark", Duration.ofDays(1)).text();
        AuditLog audit = new AuditLog(server);
        ApiServer.Dependencies dependencies = new ApiServer.Dependencies(queries, new IndicatorService(queries), accounts, tokens,
                new Sessions(state, clock), audit, settings, clock);
        List<String> communes = area.communes(area.catalogue(), MONTH_ENDS.get(2)).stream().map(AdminUnit::code).toList();

        Javalin cached = ApiServer.create(dependencies, new ApiConfig(0, null, 256L << 20)).start(0);
        Javalin uncached = ApiServer.create(dependencies, new ApiConfig(0, null, 0)).start(0);
        try {
            HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
            String viewerBase = "http://localhost:" + cached.port();
            // First answers: slices read from Parquet, disclosure patterns computed.
            for (String path : List.of("/api/v1/cubes/population_stock/query?dims=ageBand,sex", "/api/v1/cubes/population_stock/query?dims=unit",
                    "/api/v1/cubes/population_stock/query?dims=unit,ageBand", "/api/v1/cubes/population_stock/query?dims=unit,sex&filter=ageBroad:65%2B")) {
                long start = System.nanoTime();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(viewerBase + path)).build(), HttpResponse.BodyHandlers.ofString());
                System.out.printf("first answer %-60s %4d  %8.1f ms  %7d bytes%n", path, response.statusCode(), (System.nanoTime() - start) / 1e6,
                        response.body().length());
            }
            List<String> dashboard = dashboardQueries(communes);
            // Every distinct question once per role, as the first visitors of the day would: the measured load is the steady state.
            long warm = System.nanoTime();
            for (String token : java.util.Arrays.asList(null, statistician)) {
                for (String path : dashboard) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(viewerBase + path));
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                    client.send(request.build(), HttpResponse.BodyHandlers.discarding());
                }
            }
            System.out.printf("first answers to the %d dashboard questions for two roles: %.1f s%n", dashboard.size(), (System.nanoTime() - warm) / 1e9);
            System.out.printf("%nload: %d clients, %d s, %d distinct dashboard queries (pyramid and communes of the area and of each commune,"
                    + " indicators)%n", clients, seconds, dashboard.size());
            if (hasWrk()) {
                wrk("wrk, viewer, response cache on (anonymous, disclosure control)", viewerBase, null, dashboard, clients, seconds);
                wrk("wrk, statistician, response cache on", viewerBase, statistician, dashboard, clients, seconds);
            }
            load("java.net.http client, viewer, response cache on", viewerBase, null, dashboard, clients, 5, seconds);
            load("java.net.http client, statistician, response cache off (every answer computed from the cuboids)", "http://localhost:" + uncached.port(),
                    statistician, dashboard.stream().filter(path -> path.contains("/cubes/")).toList(), clients, 5, seconds);

            // The same question: population by commune and sex at 31/10/2026.
            String question = "/api/v1/cubes/population_stock/query?dims=unit,sex&date=2026-10-31";
            double cube = median(time(10, () -> client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + uncached.port() + question))
                    .header("Authorization", "Bearer " + statistician).build(), HttpResponse.BodyHandlers.ofString())));
            double cubeCached = median(time(10, () -> client.send(HttpRequest.newBuilder(URI.create(viewerBase + question))
                    .header("Authorization", "Bearer " + statistician).build(), HttpResponse.BodyHandlers.ofString())));
            double duckdb = median(time(5, () -> duckdbAnswer(folder)));
            System.out.printf("%nsame question (%s):%n  cube, computed from the commune.sex cuboid over HTTP: %.2f ms median%n"
                    + "  cube, from the response cache over HTTP: %.2f ms median%n  DuckDB over the curated Parquet (spells ⋈ persons,"
                    + " in-process JDBC): %.1f ms median%n  ratio DuckDB / cube computed: %.0f×; DuckDB / cube cached: %.0f×%n",
                    question, cube, cubeCached, duckdb, duckdb / cube, duckdb / cubeCached);
        }
        finally {
            cached.stop();
            uncached.stop();
        }
        System.exit(0);
    }

    private static List<String> dashboardQueries(List<String> communes)
    {
        List<String> paths = new ArrayList<>();
        paths.add("/api/v1/cubes?lang=vi");
        paths.add("/api/v1/cubes/population_stock/query?dims=ageBand,sex&geo=2025&lang=vi");
        paths.add("/api/v1/cubes/population_stock/query?dims=unit&geo=2025&level=commune&lang=vi");
        paths.add("/api/v1/cubes/population_stock/query?dims=unit&level=province");
        paths.add("/api/v1/indicators?ids=population,sexRatio,childDependency,oldAgeDependency,ageingIndex&level=province");
        Random random = new Random(1);
        for (int i = 0; i < 60; i++) {
            String commune = communes.get(random.nextInt(communes.size()));
            paths.add("/api/v1/cubes/population_stock/query?dims=ageBand,sex&filter=unit:" + commune);
            paths.add("/api/v1/cubes/population_stock/query?dims=residenceStatus&filter=unit:" + commune + "&date=" + MONTH_ENDS.get(i % 3));
        }
        return paths;
    }

    private static void load(String name, String base, String token, List<String> paths, int clients, int warmupSeconds, int seconds) throws Exception
    {
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int phase = 0; phase < 2; phase++) {
            long end = System.nanoTime() + (phase == 0 ? warmupSeconds : seconds) * 1_000_000_000L;
            AtomicLong errors = new AtomicLong();
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int seed = c;
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    long[] latencies = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end && n < latencies.length) {
                        String path = paths.get(random.nextInt(paths.size()));
                        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Encoding", "gzip");
                        if (token != null) {
                            request.header("Authorization", "Bearer " + token);
                        }
                        long start = System.nanoTime();
                        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                        latencies[n++] = System.nanoTime() - start;
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> future : futures) {
                for (long latency : future.get()) {
                    all.add(latency);
                }
            }
            if (phase == 0) {
                continue;
            }
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%s:%n  %d requests in %d s = %.0f requests/s; p50 %.2f ms, p99 %.2f ms, max %.1f ms; errors %d%n", name, sorted.length,
                    seconds, sorted.length / (double) seconds, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                    sorted[sorted.length - 1] / 1e6, errors.get());
        }
        pool.shutdownNow();
    }

    private static boolean hasWrk()
    {
        return Files.isExecutable(Path.of("/usr/bin/wrk"));
    }

    /** Debian's wrk (C, 2 threads, keep-alive connections) with a script that picks a dashboard query at random for each request. */
    private static void wrk(String name, String base, String token, List<String> paths, int clients, int seconds) throws Exception
    {
        Path script = Files.createTempFile("dancu-wrk", ".lua");
        StringBuilder lua = new StringBuilder("paths = {\n");
        for (String path : paths) {
            lua.append("  \"").append(path).append("\",\n");
        }
        lua.append("}\nwrk.headers[\"Accept-Encoding\"] = \"gzip\"\n");
        if (token != null) {
            lua.append("wrk.headers[\"Authorization\"] = \"Bearer ").append(token).append("\"\n");
        }
        lua.append("math.randomseed(7)\nrequest = function()\n  return wrk.format(\"GET\", paths[math.random(#paths)])\nend\n");
        Files.writeString(script, lua);
        for (int phase = 0; phase < 2; phase++) {
            Process process = new ProcessBuilder("/usr/bin/wrk", "-t2", "-c" + clients, "-d" + (phase == 0 ? 5 : seconds) + "s", "--latency",
                    "-s", script.toString(), base).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            process.waitFor();
            if (phase == 1) {
                System.out.println(name + ":");
                output.lines().filter(line -> line.contains("Latency") || line.matches("\\s+(50|75|90|99)%.*") || line.contains("Requests/sec")
                        || line.contains("requests in") || line.contains("Non-2xx") || line.contains("Socket errors")).forEach(line -> System.out.println("  " + line.strip()));
            }
        }
        Files.delete(script);
    }

    interface Action
    {
        Object run() throws Exception;
    }

    private static double[] time(int times, Action action) throws Exception
    {
        double[] milliseconds = new double[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            action.run();
            milliseconds[i] = (System.nanoTime() - start) / 1e6;
        }
        return milliseconds;
    }

    private static double median(double[] values)
    {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long duckdbAnswer(Path folder) throws Exception
    {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT s.commune_code, p.sex, count(*) AS population
                     FROM read_parquet('%1$s/curated/residence_spells.parquet') s JOIN read_parquet('%1$s/curated/persons.parquet') p USING (pid)
                     WHERE s.valid_from <= DATE '2026-10-31' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-10-31')
                     GROUP BY ALL""".formatted(folder))) {
            long count = 0;
            while (rows.next()) {
                count++;
            }
            return count;
        }
    }

    /** The curated-like register and the population_stock cube, made with DuckDB. */
    private static void build(Path folder, long persons, Area area) throws Exception
    {
        Files.createDirectories(folder.resolve("curated"));
        List<String> communes = area.communes(area.catalogue(), MONTH_ENDS.get(2)).stream().map(AdminUnit::code).toList();
        long start = System.nanoTime();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            sql.execute("SET threads TO 2");
            sql.execute("CREATE TABLE communes AS SELECT * FROM (VALUES " + communes.stream().map(code -> "('" + code + "')")
                    .collect(Collectors.joining(",")) + ") t(commune_code)");
            sql.execute("CREATE TABLE numbered AS SELECT row_number() OVER () - 1 AS i, commune_code FROM communes");
            sql.execute("""
                    COPY (SELECT printf('%%032x', r.i) AS pid,
                                 DATE '1926-11-01' + CAST(floor(pow(random(), 1.4) * 36500) AS INTEGER) AS birth_date,
                                 CASE WHEN random() < 0.5 THEN 'M' ELSE 'F' END AS sex,
                                 lpad(CAST(1 + floor(pow(random(), 6) * 54) AS VARCHAR), 2, '0') AS ethnicity_code,
                                 CASE WHEN random() < 0.04 THEN 'TEMPORARY' ELSE 'PERMANENT' END AS residence_status,
                                 n.commune_code
                          FROM range(%d) r(i) JOIN numbered n ON n.i = r.i %% %d)
                    TO '%s/curated/persons.parquet' (FORMAT PARQUET, COMPRESSION ZSTD)""".formatted(persons, communes.size(), folder));
            sql.execute("""
                    COPY (SELECT pid, commune_code, greatest(birth_date, DATE '2016-01-01') AS valid_from,
                                 CASE WHEN hash(pid) %% 20 = 0 THEN DATE '2026-09-15' ELSE NULL END AS valid_to
                          FROM read_parquet('%1$s/curated/persons.parquet'))
                    TO '%1$s/curated/residence_spells.parquet' (FORMAT PARQUET, COMPRESSION ZSTD)""".formatted(folder));
            System.out.printf("curated register of %,d persons in %.1f s%n", persons, (System.nanoTime() - start) / 1e9);

            CubeDescriptor descriptor = CubeCatalog.builtInFile("population_stock.json");
            String version = "bench-" + persons;
            List<CuboidEntry> cuboids = new ArrayList<>();
            for (Cuboid cuboid : descriptor.cuboids()) {
                List<PartitionEntry> partitions = new ArrayList<>();
                long total = 0;
                for (LocalDate date : MONTH_ENDS) {
                    sql.execute("""
                            CREATE OR REPLACE TABLE residents AS
                            SELECT s.commune_code, p.sex, CAST(least(date_part('year', age(DATE '%2$s', p.birth_date)), 100) AS INTEGER) AS age,
                                   p.ethnicity_code, p.residence_status
                            FROM read_parquet('%1$s/curated/residence_spells.parquet') s JOIN read_parquet('%1$s/curated/persons.parquet') p USING (pid)
                            WHERE s.valid_from <= DATE '%2$s' AND (s.valid_to IS NULL OR s.valid_to > DATE '%2$s')""".formatted(folder, date));
                    List<String> columns = new ArrayList<>();
                    List<String> groups = new ArrayList<>();
                    for (DimensionSpec dimension : descriptor.dimensions()) {
                        boolean in = cuboid.dimensions().contains(dimension.name());
                        String type = dimension.kind() == DimensionKind.AGE ? "INTEGER" : "VARCHAR";
                        columns.add(in ? dimension.column() : "CAST(NULL AS " + type + ") AS " + dimension.column());
                        if (in) {
                            groups.add(dimension.column());
                        }
                    }
                    String relative = DataLayout.partitionPath(version, descriptor.name(), cuboid.name(), date.toString());
                    Path partition = folder.resolve("cubes").resolve(relative);
                    Files.createDirectories(partition);
                    Path file = partition.resolve("part-00000.zstd.parquet");
                    sql.execute("COPY (SELECT " + String.join(", ", columns) + ", CAST(count(*) AS BIGINT) AS population FROM residents"
                            + (groups.isEmpty() ? "" : " GROUP BY " + String.join(", ", groups)) + ") TO '" + file + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
                    long rows;
                    try (ResultSet count = sql.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
                        count.next();
                        rows = count.getLong(1);
                    }
                    partitions.add(new PartitionEntry(date, relative, rows, List.of(new PartitionEntry.FileEntry(file.getFileName().toString(),
                            Files.size(file), CubeCatalog.sha256(Files.readAllBytes(file))))));
                    total += rows;
                }
                cuboids.add(new CuboidEntry(cuboid.name(), cuboid.dimensions(), total, partitions));
                System.out.printf("  cuboid %-45s %,12d rows%n", cuboid.name(), total);
            }
            CubeManifest manifest = new CubeManifest(version, Instant.now(), "bench (DuckDB)", "bench", MONTH_ENDS.get(2), area.toString(), null,
                    List.of(new CubeEntry(descriptor.name(), CubeCatalog.sha256(version.getBytes()), cuboids)));
            Path versionFolder = folder.resolve("cubes/versions").resolve(version);
            Files.createDirectories(versionFolder);
            try (OutputStream out = Files.newOutputStream(versionFolder.resolve(CubeManifest.FILE_NAME))) {
                manifest.write(out);
            }
            Files.writeString(folder.resolve("cubes/CURRENT"), version + "\n");
        }
        System.out.printf("cubes built in %.1f s (total)%n", (System.nanoTime() - start) / 1e9);
    }

    private static Optional<String> optional(String[] args, String name)
    {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }

    private static String option(String[] args, String name, String fallback)
    {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
