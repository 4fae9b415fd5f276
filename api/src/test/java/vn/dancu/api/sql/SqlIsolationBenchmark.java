package vn.dancu.api.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's latency with and without a runaway statement in the SQL engine process. Prints figures; asserts
 * nothing.
 *
 * <p>Against a running server over a demo register, with the rate limits off (16 clients from one address would
 * otherwise be throttled):
 * <pre>
 * ./dancu demo --no-serve --data DIR
 * ./dancu serve --data DIR --port P --demo-accounts --rate-limit 0 --account-rate-limit 0 --sql-time-limit 30 &amp;
 * ./dancu bench api vn.dancu.api.sql.SqlIsolationBenchmark --url http://127.0.0.1:P --user thongke:dancu-thongke-demo \
 *     [--clients 16] [--seconds 60] [--rounds 2] [--data DIR]
 * </pre>
 * Each round has two phases of {@code --seconds}: <b>quiet</b>, {@code --clients} dashboard visitors asking the
 * questions of the dashboard's pages one after another (no pause: the worst case for the server's cores); and
 * <b>runaway</b>, the same while a statistician runs {@code SELECT count(*) FROM persons a CROSS JOIN persons b
 * CROSS JOIN persons c} again and again (each one stopped at the time limit, the engine restarted when it cannot stop
 * it). It prints per phase the answers, errors, throughput, p50/p90/p99/max latency, and the CPU the SQL engine
 * process used (found by its command line — its main class and, with {@code --data}, the server's data folder — from
 * /proc); then the p50 and p99 of the runaway phases against the quiet ones.
 */
public final class SqlIsolationBenchmark
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNAWAY = "SELECT count(*) FROM persons a CROSS JOIN persons b CROSS JOIN persons c";

    /** Part of the SQL engine's command line that tells it from other servers' engines on the machine (their data folder). */
    private static String engineData = "";

    private SqlIsolationBenchmark() {}

    /** Latencies and errors of one phase. */
    private record Phase(String name, long[] nanos, int errors, double seconds, double engineCpuSeconds, List<String> sqlAnswers, double loadAverage)
    {
        double percentile(double p)
        {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            return nanos[Math.min(nanos.length - 1, (int) Math.ceil(p / 100.0 * nanos.length) - 1)] / 1e6;
        }

        void print()
        {
            System.out.printf("%-8s %,7d answers, %d errors, %6.1f/s; latency ms p50 %6.1f  p90 %6.1f  p99 %6.1f  max %7.1f; SQL engine CPU %5.1f s;"
                            + " load average %.1f at the start%s%n",
                    name, nanos.length, errors, nanos.length / seconds, percentile(50), percentile(90), percentile(99), percentile(100), engineCpuSeconds,
                    loadAverage,
                    sqlAnswers.isEmpty() ? "" : "; runaway statements answered: " + sqlAnswers);
        }
    }

    public static void main(String[] args) throws Exception
    {
        String url = option(args, "--url", "http://127.0.0.1:7070");
        String[] user = option(args, "--user", "thongke:dancu-thongke-demo").split(":", 2);
        int clients = Integer.parseInt(option(args, "--clients", "16"));
        int seconds = Integer.parseInt(option(args, "--seconds", "60"));
        int rounds = Integer.parseInt(option(args, "--rounds", "2"));
        engineData = option(args, "--data", "");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> page = dashboardQuestions(client, url);
        HttpClient statistician = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();
        login(statistician, url, user[0], user[1]);
        System.out.printf("%s: %d dashboard questions, %d clients, %d s per phase, %d rounds; %d cores, load average %.1f%n", url, page.size(), clients,
                seconds, rounds, Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("SQL engine process: " + engine().map(pid -> "pid " + pid + ", nice " + niceness(pid)).orElse("not found"));
        awaitEngine(statistician, url);
        run(client, statistician, url, page, clients, 5, false);
        List<Phase> quiet = new ArrayList<>();
        List<Phase> runaway = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Phase q = run(client, statistician, url, page, clients, seconds, false);
            q.print();
            quiet.add(q);
            Phase r = run(client, statistician, url, page, clients, seconds, true);
            r.print();
            runaway.add(r);
        }
        for (double p : new double[] {50, 99}) {
            double quietP = quiet.stream().mapToDouble(phase -> phase.percentile(p)).average().orElse(Double.NaN);
            double runawayP = runaway.stream().mapToDouble(phase -> phase.percentile(p)).average().orElse(Double.NaN);
            System.out.printf("dashboard p%.0f: %.1f ms quiet, %.1f ms with the runaway statement: %+.1f %%%n", p, quietP, runawayP,
                    (runawayP - quietP) / quietP * 100);
        }
    }

    private static Phase run(HttpClient client, HttpClient statistician, String url, List<String> page, int clients, int seconds, boolean withRunaway)
            throws Exception
    {
        AtomicBoolean over = new AtomicBoolean();
        List<String> sqlAnswers = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread runaway = null;
        if (withRunaway) {
            runaway = new Thread(() -> {
                while (!over.get()) {
                    try {
                        HttpResponse<String> answer = statistician.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/sql/queries"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("statement", RUNAWAY)))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        JsonNode body = JSON.readTree(answer.body());
                        sqlAnswers.add(answer.statusCode() + " " + body.path("type").asText(body.path("rowCount").asText()));
                    }
                    catch (IOException | InterruptedException e) {
                        sqlAnswers.add(e.getClass().getSimpleName());
                    }
                }
            }, "runaway");
            runaway.setDaemon(true);
            runaway.start();
            Thread.sleep(3000);
        }
        Optional<Long> engine = engine();
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double cpuBefore = engine.map(SqlIsolationBenchmark::cpuSeconds).orElse(0.0);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        long end = started + seconds * 1_000_000_000L;
        AtomicInteger errors = new AtomicInteger();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed);
                long[] latencies = new long[1 << 20];
                int n = 0;
                int next = random.nextInt(page.size());
                while (System.nanoTime() < end && n < latencies.length) {
                    String path = page.get(next);
                    next = (next + 1) % page.size();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                    }
                    catch (IOException e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    latencies[n++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            all.add(future.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        Optional<Long> engineAfter = engine();
        double cpu = engine.isPresent() && engine.equals(engineAfter) ? cpuSeconds(engine.get()) - cpuBefore : Double.NaN;
        over.set(true);
        if (runaway != null) {
            runaway.join(120_000);
        }
        long[] nanos = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Phase phase = new Phase(withRunaway ? "runaway" : "quiet", nanos, errors.get(), elapsed, cpu, sqlAnswers, load);
        // the engine restarted to stop the last runaway statement warms up for a while: the next phase starts once it answers
        awaitEngine(statistician, url);
        return phase;
    }

    /** Waits until the SQL engine answers a statement (at most 5 minutes). */
    private static void awaitEngine(HttpClient statistician, String url) throws Exception
    {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = statistician.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/sql/queries"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"statement\": \"SELECT 1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the SQL engine did not answer SELECT 1 within 5 minutes");
    }

    /** The questions the dashboard's pages ask an anonymous visitor, those that answer 200 here. */
    private static List<String> dashboardQuestions(HttpClient client, String url) throws Exception
    {
        JsonNode cubes = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/cubes?lang=vi")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String refDate = null;
        String year = null;
        for (JsonNode cube : cubes.get("cubes")) {
            if (cube.get("name").asText().equals("population_stock")) {
                JsonNode dates = cube.get("refDates");
                refDate = dates.get(dates.size() - 1).asText();
            }
            if (cube.get("name").asText().equals("births")) {
                JsonNode periods = cube.get("periods");
                year = periods.get(Math.max(0, periods.size() - 2)).asText();
            }
        }
        String month = refDate.substring(0, 7);
        String twoYearsBefore = (Integer.parseInt(month.substring(0, 4)) - 2) + month.substring(4);
        List<String> candidates = List.of(
                "/api/v1/cubes?lang=vi",
                "/api/v1/units?geo=2025&lang=vi",
                "/api/v1/maps/kon-tum-districts",
                "/api/v1/cubes/population_stock/query?dims=ageBand,sex&geo=2025&lang=vi&date=" + refDate,
                "/api/v1/cubes/population_stock/query?dims=unit&geo=2025&level=commune&lang=vi&date=" + refDate,
                "/api/v1/cubes/population_stock/query?dims=unit,sex&geo=2025&lang=vi&date=" + refDate,
                "/api/v1/cubes/population_stock/series?from=" + twoYearsBefore + "&to=" + month + "&step=month&geo=2025&lang=vi",
                "/api/v1/cubes/births/series?step=year&geo=2025&lang=vi",
                "/api/v1/cubes/deaths/series?step=year&geo=2025&lang=vi",
                "/api/v1/cubes/births/query?dims=unit&period=" + year + "&geo=2025&lang=vi",
                "/api/v1/indicators?geo=2025&lang=vi",
                "/api/v1/indicators/series?ids=chipCardShareEligible,vneidLevel2ShareEligible&from=" + twoYearsBefore + "&to=" + month + "&lang=vi",
                "/api/v1/cubes/identity_coverage/query?dims=unit&geo=2025&lang=vi&date=" + refDate);
        List<String> page = new ArrayList<>();
        for (String path : candidates) {
            if (client.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                page.add(path);
            }
        }
        return page;
    }

    private static void login(HttpClient client, String url, String user, String password) throws Exception
    {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", user, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login as " + user + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The SQL engine process on this machine, by its main class on the command line. */
    private static Optional<Long> engine()
    {
        return ProcessHandle.allProcesses().filter(process -> process.info().commandLine().orElse("").contains("vn.dancu.sql.SqlEngineMain")
                        && process.info().commandLine().orElse("").contains(engineData))
                .map(ProcessHandle::pid).findFirst();
    }

    private static double cpuSeconds(long pid)
    {
        try {
            String[] fields = stat(pid);
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        }
        catch (IOException e) {
            return Double.NaN;
        }
    }

    private static String niceness(long pid)
    {
        try {
            return stat(pid)[16];
        }
        catch (IOException e) {
            return "?";
        }
    }

    private static String[] stat(long pid) throws IOException
    {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
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
