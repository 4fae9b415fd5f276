package vn.dancu.api.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import vn.dancu.api.ApiConfig;
import vn.dancu.api.ApiServer;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.RateLimits;
import vn.dancu.api.access.Role;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.access.TrustedProxies;
import vn.dancu.api.audit.AuditEntry;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.audit.AuditPage;
import vn.dancu.api.audit.AuditQuery;
import vn.dancu.api.audit.Verification;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.indicator.IndicatorService;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The audit under load and the cost of reading it. Prints figures; asserts nothing.
 *
 * <p>Against a running server ({@code ./dancu demo --data DIR --port P}, default options: rate limits on, no trusted
 * proxy, so every client is 127.0.0.1 — the hardest case, one office behind one address):
 * <ol>
 *   <li><b>dashboard visitors</b>: {@code clients} anonymous visitors for {@code seconds}, each loading a dashboard page
 *   (its questions, up to 6 at a time as a browser does), then reading it for 10–30 s, starts spread over 10 s;</li>
 *   <li><b>flood</b>: {@code clients} anonymous clients asking as fast as they can for {@code seconds};</li>
 * </ol>
 * with the growth of {@code DATA/server/audit} for each (measured once the minute's counts are written), the answers by
 * status (429 are the rate limit working: each is checked for its {@code Retry-After} and JSON error shape; errors
 * are every other failure), then admin reads of the audit over HTTP.
 *
 * <p>With {@code --big DIR}: a large audit log is written there ({@code --big-mb}, default 1200, as the 1.17 GB of
 * the issue), and reads and verification of it are timed, in process and over HTTP (a server over the same data
 * folder's cubes with that audit log).
 *
 * <pre>
 * ./dancu bench api vn.dancu.api.bench.AuditLoadBenchmark --url http://127.0.0.1:7400 --data /tmp/demo --clients 64 --seconds 60 \
 *     --admin admin:dancu-admin-demo [--scenarios visitors,flood] [--skip-load true] [--big /tmp/big-audit --big-mb 1200]
 * </pre>
 */
public final class AuditLoadBenchmark
{
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception
    {
        String url = option(args, "--url", "http://127.0.0.1:7070");
        Path data = Path.of(option(args, "--data", "./data"));
        int clients = Integer.parseInt(option(args, "--clients", "64"));
        int seconds = Integer.parseInt(option(args, "--seconds", "60"));
        String[] admin = option(args, "--admin", "admin:dancu-admin-demo").split(":", 2);
        Optional<Path> big = Optional.ofNullable(option(args, "--big", null)).map(Path::of);
        long bigMegabytes = Long.parseLong(option(args, "--big-mb", "1200"));
        System.out.printf("machine: %d cores, %s, Java %s, heap %d MiB, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<String> scenarios = List.of(option(args, "--scenarios", "visitors,flood").split(","));
        if (!option(args, "--skip-load", "false").equals("true")) {
            againstServer(url, data.resolve("server").resolve("audit"), clients, seconds, admin[0], admin[1], scenarios);
        }
        if (big.isPresent()) {
            bigAudit(big.get(), bigMegabytes, data);
        }
        System.exit(0);
    }

    private static void againstServer(String url, Path audit, int clients, int seconds, String adminUser, String adminPassword, List<String> scenarios)
            throws Exception
    {
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(10)).build();
        List<String> page = dashboardPage(client, url);
        System.out.printf("server %s; a dashboard page: %d questions:%n", url, page.size());
        page.forEach(path -> System.out.println("  " + path));

        if (scenarios.contains("visitors")) {
            long before = folderBytes(audit);
            System.out.printf("%naudit folder %s: %,d bytes before%n", audit, before);
            Outcome visitors = visitors(client, url, page, clients, seconds);
            long afterVisitors = bytesOnceTheMinuteIsWritten(audit);
            System.out.printf("dashboard visitors: %d anonymous visitors for %d s, one address: %s%n  audit grew by %,d bytes%n", clients, seconds,
                    visitors, afterVisitors - before);
            Thread.sleep(15_000); // the address's bucket refills (500 at 50 a second)
        }
        if (scenarios.contains("flood")) {
            long beforeFlood = folderBytes(audit);
            System.out.printf("%naudit folder %s: %,d bytes before%n", audit, beforeFlood);
            Outcome flood = flood(client, url, page, clients, seconds);
            long afterFlood = bytesOnceTheMinuteIsWritten(audit);
            System.out.printf("flood: %d anonymous clients as fast as they can for %d s, one address: %s%n  audit grew by %,d bytes%n", clients, seconds,
                    flood, afterFlood - beforeFlood);
        }

        String cookie = login(client, url, adminUser, adminPassword);
        System.out.printf("%nadmin reads over HTTP (log in as %s), %,d bytes of audit:%n", adminUser, folderBytes(audit));
        for (String path : List.of("/api/v1/admin/audit?limit=10", "/api/v1/admin/audit?limit=100", "/api/v1/admin/audit?limit=1000",
                "/api/v1/admin/audit?limit=100&kind=anonymous-minute", "/api/v1/admin/audit?limit=100&user=" + adminUser,
                "/api/v1/admin/audit/verify")) {
            timeHttp(client, url + path, "Cookie", cookie, 20);
        }
    }

    /** The questions of the dashboard's overview page for an anonymous visitor, as its scripts ask them, checked to answer 200. */
    private static List<String> dashboardPage(HttpClient client, String url) throws Exception
    {
        JsonNode cubes = JSON.readTree(get(client, url + "/api/v1/cubes?lang=vi").body());
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
                "/api/v1/auth/me",
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
            int status = get(client, url + path).statusCode();
            if (status == 200) {
                page.add(path);
            }
            else {
                System.out.println("  (left out, answers " + status + " to an anonymous visitor: " + path + ")");
            }
        }
        return page;
    }

    /** Answers by kind; a 429 is "throttled" when it carries Retry-After and the JSON error shape, an error otherwise. */
    private record Outcome(long requests, Map<Integer, Long> byStatus, long throttled, long errors, double perSecond, double p50, double p99)
    {
        @Override
        public String toString()
        {
            return String.format("%,d requests (%.0f/s), by status %s; throttled (429 with Retry-After) %,d; errors %,d; p50 %.1f ms, p99 %.1f ms",
                    requests, perSecond, byStatus, throttled, errors, p50, p99);
        }
    }

    private static final class Tally
    {
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final AtomicLong throttled = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final List<long[]> latencies = new ArrayList<>();

        void count(HttpResponse<String> response)
        {
            int status = response.statusCode();
            statuses.computeIfAbsent(status, key -> new AtomicLong()).incrementAndGet();
            if (status == 200 || status == 304) {
                return;
            }
            if (status == 429 && response.headers().firstValue("Retry-After").isPresent() && response.body().contains("\"type\":\"too-many-requests\"")
                    && response.body().startsWith("{\"title\":\"too many requests from this address")) {
                throttled.incrementAndGet();
                return;
            }
            errors.incrementAndGet();
        }

        Outcome outcome(int seconds)
        {
            long[] all;
            synchronized (latencies) {
                all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            }
            Map<Integer, Long> byStatus = new TreeMap<>();
            statuses.forEach((status, count) -> byStatus.put(status, count.get()));
            long requests = byStatus.values().stream().mapToLong(Long::longValue).sum();
            return new Outcome(requests, byStatus, throttled.get(), errors.get(), requests / (double) seconds,
                    all.length == 0 ? 0 : all[all.length / 2] / 1e6, all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6);
        }
    }

    private static Outcome visitors(HttpClient client, String url, List<String> page, int visitors, int seconds) throws Exception
    {
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(visitors);
        ExecutorService browser = Executors.newFixedThreadPool(visitors * 6);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        for (int v = 0; v < visitors; v++) {
            int seed = v;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed);
                List<Long> own = new ArrayList<>();
                Thread.sleep(random.nextInt(10_000));
                while (System.nanoTime() < end) {
                    // A browser asks at most 6 questions at once of one server.
                    List<Future<Long>> asked = new ArrayList<>();
                    for (List<String> batch : batches(page, 6)) {
                        asked.clear();
                        for (String path : batch) {
                            asked.add(browser.submit(() -> {
                                long start = System.nanoTime();
                                HttpResponse<String> response = getQuietly(client, url + path, tally);
                                if (response != null) {
                                    tally.count(response);
                                }
                                return System.nanoTime() - start;
                            }));
                        }
                        for (Future<Long> answer : asked) {
                            own.add(answer.get());
                        }
                    }
                    Thread.sleep(10_000 + random.nextInt(20_000));
                }
                synchronized (tally.latencies) {
                    tally.latencies.add(own.stream().mapToLong(Long::longValue).toArray());
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        browser.shutdown();
        return tally.outcome(seconds);
    }

    private static List<List<String>> batches(List<String> page, int size)
    {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < page.size(); i += size) {
            batches.add(page.subList(i, Math.min(page.size(), i + size)));
        }
        return batches;
    }

    private static Outcome flood(HttpClient client, String url, List<String> page, int clients, int seconds) throws Exception
    {
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed);
                long[] latencies = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = getQuietly(client, url + page.get(random.nextInt(page.size())), tally);
                    latencies[n++] = System.nanoTime() - start;
                    if (response != null) {
                        tally.count(response);
                    }
                }
                synchronized (tally.latencies) {
                    tally.latencies.add(Arrays.copyOf(latencies, n));
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return tally.outcome(seconds);
    }

    private static HttpResponse<String> getQuietly(HttpClient client, String url, Tally tally)
    {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "identity").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception e) {
            tally.errors.incrementAndGet();
            return null;
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String login(HttpClient client, String url, String username, String password) throws Exception
    {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", username, "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login as " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        String header = response.headers().firstValue("Set-Cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    private static void timeHttp(HttpClient client, String url, String header, String value, int times) throws Exception
    {
        double[] milliseconds = new double[times];
        int status = 0;
        int bytes = 0;
        for (int i = 0; i < 10; i++) {
            client.send(HttpRequest.newBuilder(URI.create(url)).header(header, value).build(), HttpResponse.BodyHandlers.discarding());
        }
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).header(header, value).build(),
                    HttpResponse.BodyHandlers.ofString());
            milliseconds[i] = (System.nanoTime() - start) / 1e6;
            status = response.statusCode();
            bytes = response.body().length();
        }
        Arrays.sort(milliseconds);
        System.out.printf("  %-75s %d  %9d bytes  median %7.2f ms  max %7.2f ms (%d calls after 10 untimed)%n", url.replaceFirst("https?://[^/]+", ""), status, bytes,
                milliseconds[times / 2], milliseconds[times - 1], times);
    }

    /** The audit folder's size once the counts of the current minute are written (they are written when it ends). */
    private static long bytesOnceTheMinuteIsWritten(Path audit) throws Exception
    {
        long now = Instant.now().getEpochSecond();
        long nextMinute = (now / 60 + 1) * 60;
        Thread.sleep((nextMinute - now + 3) * 1000);
        return folderBytes(audit);
    }

    private static long folderBytes(Path folder) throws IOException
    {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                }
                catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    /** Writes a large audit log (entries as an official's requests make them), then times reads and verification. */
    private static void bigAudit(Path folder, long megabytes, Path demoData) throws Exception
    {
        Path server = folder.resolve("server");
        Path audit = server.resolve("audit");
        System.out.printf("%nlarge audit log in %s:%n", audit);
        if (!Files.exists(audit) || folderBytes(audit) < (megabytes << 20) * 9 / 10) {
            long start = System.nanoTime();
            long written = 0;
            try (AuditLog log = new AuditLog(audit, AuditLog.Options.command(), Clock.systemUTC())) {
                Random random = new Random(1);
                List<String> users = List.of("lanhdao", "quyhoach", "thongke", "xa-dakkoi", "admin");
                Instant at = Instant.parse("2026-01-01T00:00:00Z");
                while (folderBytes(audit) < megabytes << 20) {
                    List<AuditEntry> batch = new ArrayList<>(20_000);
                    for (int i = 0; i < 20_000; i++) {
                        at = at.plusMillis(200);
                        String user = random.nextInt(1000) == 0 ? "rare-auditor" : users.get(random.nextInt(users.size()));
                        batch.add(AuditEntry.request(at, user, "leader", List.of(), "session", "10.1.2." + random.nextInt(250), "GET",
                                "/api/v1/cubes/population_stock/query", "dims=ageBand,sex&filter=unit:2348" + random.nextInt(10) + "&date=2026-10-31&lang=vi",
                                null, null, "population_stock", 42, 200, "v20261201-000000-abcdef"));
                    }
                    log.appendAll(batch);
                    written += batch.size();
                }
            }
            System.out.printf("  wrote %,d entries, %,d bytes in %.1f s%n", written, folderBytes(audit), (System.nanoTime() - start) / 1e9);
        }
        try (Stream<Path> files = Files.list(audit)) {
            System.out.printf("  %,d bytes in %d segments%n", folderBytes(audit), files.filter(file -> file.getFileName().toString().startsWith("audit-log-")).count());
        }
        try (AuditLog log = new AuditLog(audit, AuditLog.Options.command(), Clock.systemUTC())) {
            // The JIT compiles the reading and parsing code first, as it has in a server that has run a while.
            for (int i = 0; i < 200; i++) {
                log.read(AuditQuery.last(1000));
            }
            for (int limit : List.of(10, 100, 1000, 10_000)) {
                timeInProcess("last " + limit + " entries", 20, () -> log.read(AuditQuery.last(limit)).entries().size());
            }
            long lastSeq = log.read(AuditQuery.last(1)).entries().get(0).seq();
            timeInProcess("100 entries before seq " + lastSeq / 2 + " (a page deep in the log)", 20, () -> log.read(new AuditQuery(1, Optional.of(lastSeq / 2),
                    100, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), AuditQuery.DEFAULT_SCAN_LIMIT)).entries().size());
            timeInProcess("10 entries of a rare user (1 in 1,000), scan limit 100,000", 10, () -> {
                AuditPage page = log.read(new AuditQuery(1, Optional.empty(), 10, Optional.of("rare-auditor"), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), AuditQuery.DEFAULT_SCAN_LIMIT));
                return page.entries().size();
            });
            timeInProcess("100 entries of a user absent from the log (stops at the scan limit)", 10, () -> log.read(new AuditQuery(1, Optional.empty(), 100,
                    Optional.of("nobody"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), AuditQuery.DEFAULT_SCAN_LIMIT)).scanned());
            long start = System.nanoTime();
            Verification full = log.verify(true);
            System.out.printf("  full verification: %,d entries, intact %s, %.1f s%n", full.entries(), full.intact(), (System.nanoTime() - start) / 1e9);
            for (int round = 0; round < 3; round++) {
                List<AuditEntry> more = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    more.add(AuditEntry.request(Instant.now(), "lanhdao", "leader", List.of(), "session", "10.1.2.3", "GET", "/api/v1/cubes", null, null, null,
                            null, 0, 200, "v"));
                }
                log.appendAll(more);
                start = System.nanoTime();
                Verification incremental = log.verify(false);
                System.out.printf("  incremental verification after 1,000 new entries: %,d entries checked, intact %s, %.1f ms%n", incremental.entries(),
                        incremental.intact(), (System.nanoTime() - start) / 1e6);
            }
        }
        // Over HTTP: a server over the demo's cubes with this audit log.
        DataLayout layout = new DataLayout(demoData.toAbsolutePath().toString());
        Clock clock = Clock.systemUTC();
        vn.dancu.api.state.StateDatabase state = vn.dancu.api.state.StateDatabase.embedded(server);
        SettingsStore settings = new SettingsStore(state);
        PublishedCubes cubes = new PublishedCubes(layout, CubeCatalog.builtIn(), 256L << 20);
        QueryService queries = new QueryService(cubes, Area.parse(cubes.manifest().area()), new DisclosureControl(() -> settings.current().suppressionThreshold()));
        AccountStore accounts = new AccountStore(state, new PasswordHasher(), clock);
        if (accounts.find("bench-admin").isEmpty()) {
            accounts.create("bench-admin", null, Role.ADMIN, Set.of(), "bench-admin-password");
        }
        ApiTokens tokens = new ApiTokens(state, clock);
        String token = tokens.issue("bench-admin", "benchmark", Duration.ofDays(1)).text();
        AuditLog log = new AuditLog(audit, AuditLog.Options.server(), clock);
        Javalin javalin = ApiServer.create(new ApiServer.Dependencies(queries, new IndicatorService(queries), accounts, tokens, new Sessions(state, clock), log,
                settings, clock), new ApiConfig(0, null, 16L << 20, RateLimits.defaults(), TrustedProxies.none())).start("127.0.0.1", 0);
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + javalin.port();
            System.out.printf("  over HTTP (admin token), %,d bytes of audit:%n", folderBytes(audit));
            for (String path : List.of("/api/v1/admin/audit?limit=10", "/api/v1/admin/audit?limit=100", "/api/v1/admin/audit?limit=1000",
                    "/api/v1/admin/audit?limit=100&user=rare-auditor", "/api/v1/admin/audit?limit=100&before=" + 1_000_000, "/api/v1/admin/audit/verify")) {
                timeHttp(client, base + path, "Authorization", "Bearer " + token, 20);
            }
        }
        finally {
            javalin.stop();
        }
    }

    interface Action
    {
        Object run() throws Exception;
    }

    /**
     * Wall time and this thread's CPU time (which does not depend on how busy the machine is), medians of {@code times}
     * runs after 20 untimed ones (the JIT compiles the reading code).
     */
    private static void timeInProcess(String name, int times, Action action) throws Exception
    {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] milliseconds = new double[times];
        double[] cpu = new double[times];
        Object result = null;
        for (int i = 0; i < 20; i++) {
            action.run();
        }
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            result = action.run();
            milliseconds[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
        }
        Arrays.sort(milliseconds);
        Arrays.sort(cpu);
        System.out.printf("  %-72s -> %-7s wall median %7.2f ms, max %7.2f ms; CPU median %7.2f ms%n", name, result, milliseconds[times / 2],
                milliseconds[times - 1], cpu[times / 2]);
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
