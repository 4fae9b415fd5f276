package vn.dancu.api.bench;

import vn.dancu.api.bench.DashboardQuestions.Asker;
import vn.dancu.api.bench.DashboardQuestions.Question;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --data DIR} mode of {@link ApiLoadBenchmark}: the server started on a data folder the engine published
 * ({@link DataFolderServer}, as {@code ./dancu serve --demo-accounts} starts it, audit log on), then every role asking
 * the dashboard's questions ({@link DashboardQuestions}) from concurrent clients. Prints figures; asserts nothing.
 */
final class EngineDataLoad
{
    private static final Pattern SESSION_COOKIE = Pattern.compile("(dancu_session=[^;]*)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    private EngineDataLoad(String base)
    {
        this.base = base;
    }

    /** One client: who it is, its session cookie (empty when anonymous), the questions it may ask. */
    private record Client(Asker asker, Optional<String> cookie, List<Question> questions) {}

    /** What one client measured: latencies in nanoseconds, and its answers other than 200/304 by status and path. */
    private record Measured(Asker asker, long[] latencies, String[] routes, Map<String, Long> errors) {}

    /**
     * @param roles the askers by name ({@code anonymous} or a demo account's user name); empty for every role. Without
     *              {@code anonymous}, the first answer after start is asked by the first of them.
     * @param warmUp as {@code ./dancu serve}: the first view and every disclosure pattern computed in the background
     */
    static void run(Path data, int port, int clients, int warmupSeconds, int seconds, int count, List<String> roles, boolean warmUp) throws Exception
    {
        if (!Files.exists(data.resolve("cubes/CURRENT"))) {
            throw new IllegalArgumentException(data + " has no published cubes (cubes/CURRENT): build them with ./dancu demo or ./dancu build");
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("machine: %d cores, %s, Java %s; load average before the start %.2f%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"), os.getSystemLoadAverage());

        Path patterns = data.resolve("server/disclosure-patterns").resolve(Files.readString(data.resolve("cubes/CURRENT")).strip());
        long kept;
        try (var files = Files.exists(patterns) ? Files.list(patterns) : java.util.stream.Stream.<Path>empty()) {
            kept = files.count();
        }
        System.out.printf("disclosure patterns of this version kept from earlier runs in %s: %d%n", patterns, kept);
        long startCall = System.nanoTime();
        DataFolderServer server = DataFolderServer.start(data, port, warmUp);
        System.out.println(warmUp ? "the server computes the first view and every disclosure pattern in the background, as ./dancu serve does"
                : "no background work (--no-warm-up): disclosure patterns are computed when a question first needs them");
        long listening = System.nanoTime();
        EngineDataLoad load = new EngineDataLoad(server.base());
        List<LocalDate> dates = server.manifest.cube("population_stock").orElseThrow().refDates().stream().sorted().toList();
        LocalDate last = dates.get(dates.size() - 1);
        // The dashboard's first data question: the overview's population over the last 25 month ends, anonymous.
        String first = "/api/v1/cubes/population_stock/series?geo=2025&lang=vi&from=" + java.time.YearMonth.from(last.minusMonths(24)) + "&to="
                + java.time.YearMonth.from(last) + "&step=month";
        List<Asker> askers = roles.isEmpty() ? Asker.everyRole()
                : roles.stream().map(name -> name.equals("anonymous") ? Asker.anonymous() : Asker.demo(name)).toList();
        Asker firstAsker = askers.stream().filter(asker -> asker.username().isEmpty()).findFirst().orElse(askers.get(0));
        Optional<String> firstCookie = load.login(firstAsker);
        long asked = System.nanoTime();
        HttpResponse<byte[]> firstAnswer = load.get(first, firstCookie, Duration.ofMinutes(15));
        long answered = System.nanoTime();
        System.out.printf("data %s: version %s, area %s, %d cubes, population_stock %d month ends %s–%s, %d communes (map of 2025)%n", data,
                server.manifest.versionId(), server.manifest.area(), server.manifest.cubes().size(), dates.size(), dates.get(0), last,
                server.communes.size());
        System.out.printf("server start (wiring, state database, demo accounts, audit log, until it listens): %.0f ms%n", (listening - startCall) / 1e6);
        System.out.printf("first answer after start (%s, %s): %d in %.0f ms (%.0f ms after the start call)%n", first, firstAsker.name(),
                firstAnswer.statusCode(), (answered - asked) / 1e6, (answered - startCall) / 1e6);

        List<Question> questions = DashboardQuestions.generate(server.manifest, server.communes, count);
        // A question is about a month end when it names it (date=) or ends a monthly range with its month.
        TreeSet<LocalDate> covered = new TreeSet<>();
        for (LocalDate date : dates) {
            String month = java.time.YearMonth.from(date).toString();
            if (questions.stream().anyMatch(question -> question.path().contains("date=" + date)
                    || question.path().contains("to=" + month + "&") && !question.path().contains("step=year"))) {
                covered.add(date);
            }
        }
        Map<DashboardQuestions.Need, Integer> byNeed = new EnumMap<>(DashboardQuestions.Need.class);
        questions.forEach(question -> byNeed.merge(question.need(), 1, Integer::sum));
        System.out.printf("%d distinct dashboard questions %s, asking about %d of the %d month ends%n", questions.size(), byNeed, covered.size(), dates.size());

        Map<Asker, List<Question>> allowed = new LinkedHashMap<>();
        for (Asker asker : askers) {
            allowed.put(asker, questions.stream().filter(asker::may).toList());
        }

        // Each client logs in once, as a browser would (the session cookie), one login at a time.
        long loginStart = System.nanoTime();
        List<Client> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Asker asker = askers.get(c % askers.size());
            all.add(new Client(asker, load.login(asker), allowed.get(asker)));
        }
        System.out.printf("%d clients logged in (%d anonymous) in %.1f s%n", clients, all.stream().filter(client -> client.cookie().isEmpty()).count(),
                (System.nanoTime() - loginStart) / 1e9);

        // The first visitors of the day: every question once per role, one at a time.
        long firstVisits = System.nanoTime();
        Map<String, Long> firstErrors = new LinkedHashMap<>();
        long firstCount = 0;
        for (Asker asker : askers) {
            Client client = all.stream().filter(c -> c.asker().equals(asker)).findFirst().orElseThrow();
            for (Question question : client.questions()) {
                HttpResponse<byte[]> response = load.get(question.path(), client.cookie(), Duration.ofMinutes(15));
                firstCount++;
                if (response.statusCode() != 200 && response.statusCode() != 304) {
                    firstErrors.merge(asker.name() + " " + response.statusCode() + " " + question.path() + " "
                            + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElse(""), 1L, Long::sum);
                }
            }
        }
        System.out.printf("first visitors: %d answers (every question once per role) in %.1f s; errors %d%n", firstCount,
                (System.nanoTime() - firstVisits) / 1e9, firstErrors.size());
        firstErrors.keySet().stream().limit(20).forEach(error -> System.out.println("  " + error));
        System.out.println("questions per role: " + String.join(", ", allowed.entrySet().stream()
                .map(entry -> entry.getKey().name() + " " + entry.getValue().size()).toList()));

        load.window(all, warmupSeconds);
        var osLoad = os.getSystemLoadAverage();
        List<Measured> measured = load.window(all, seconds);
        System.out.printf("%nload: %d clients (%s), %d s after a %d s warm-up; load average when it began %.2f%n", clients,
                String.join(", ", askers.stream().map(asker -> all.stream().filter(c -> c.asker().equals(asker)).count() + " " + asker.name()).toList()),
                seconds, warmupSeconds, osLoad);
        System.out.printf("%-40s %9s %10s %8s %8s %8s %8s %7s%n", "who", "requests", "per s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors");
        for (Asker asker : askers) {
            report(asker.name(), measured.stream().filter(m -> m.asker().equals(asker)).toList(), seconds);
        }
        report("all", measured, seconds);
        System.out.println("by route (every role):");
        Map<String, List<Long>> byRoute = new java.util.TreeMap<>();
        for (Measured m : measured) {
            for (int i = 0; i < m.latencies().length; i++) {
                byRoute.computeIfAbsent(m.routes()[i], key -> new ArrayList<>()).add(m.latencies()[i]);
            }
        }
        byRoute.forEach((route, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  %-52s %9d %10.0f %8.2f %8.2f %8.2f %8.1f%n", route, sorted.length, sorted.length / (double) seconds,
                    percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
        });
        Map<String, Long> errors = new LinkedHashMap<>();
        measured.forEach(m -> m.errors().forEach((key, n) -> errors.merge(m.asker().name() + " " + key, n, Long::sum)));
        errors.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                .forEach(entry -> System.out.printf("  error %,d× %s%n", entry.getValue(), entry.getKey()));

        measured = null;
        all.clear();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("%nheap in use after the run and a System.gc() (server and load generator share the JVM; the generator's data is released):"
                + " %,d MiB; committed %,d MiB; JVM max heap %,d MiB%n", heap.getUsed() >> 20, heap.getCommitted() >> 20, heap.getMax() >> 20);
        server.close();
    }

    private static void report(String name, List<Measured> measured, int seconds)
    {
        long[] latencies = measured.stream().flatMapToLong(m -> Arrays.stream(m.latencies())).sorted().toArray();
        long errors = measured.stream().mapToLong(m -> m.errors().values().stream().mapToLong(Long::longValue).sum()).sum();
        if (latencies.length == 0) {
            System.out.printf("%-40s %9d%n", name, 0);
            return;
        }
        System.out.printf("%-40s %9d %10.0f %8.2f %8.2f %8.2f %8.1f %7d%n", name, latencies.length, latencies.length / (double) seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 0.999), latencies[latencies.length - 1] / 1e6, errors);
    }

    /** The nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, double fraction)
    {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** Every client asks, one question after the other (a random one of its own), for {@code seconds}. */
    private List<Measured> window(List<Client> clients, int seconds) throws Exception
    {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<Measured>> futures = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            Client client = clients.get(c);
            Random random = new Random(c);
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 12];
                String[] routes = new String[1 << 12];
                int n = 0;
                Map<String, Long> errors = new ConcurrentHashMap<>();
                while (System.nanoTime() < end) {
                    Question question = client.questions().get(random.nextInt(client.questions().size()));
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = get(question.path(), client.cookie()).statusCode();
                    }
                    catch (java.io.IOException e) {
                        status = -1;
                        errors.merge("exception " + e + " " + question.path(), 1L, Long::sum);
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                        routes = Arrays.copyOf(routes, n * 2);
                    }
                    routes[n] = question.route();
                    latencies[n++] = System.nanoTime() - start;
                    if (status != 200 && status != 304 && status != -1) {
                        errors.merge(status + " " + question.path(), 1L, Long::sum);
                    }
                }
                return new Measured(client.asker(), Arrays.copyOf(latencies, n), Arrays.copyOf(routes, n), errors);
            }));
        }
        List<Measured> measured = new ArrayList<>();
        for (Future<Measured> future : futures) {
            measured.add(future.get());
        }
        pool.shutdown();
        return measured;
    }

    private HttpResponse<byte[]> get(String path, Optional<String> cookie) throws java.io.IOException, InterruptedException
    {
        return get(path, cookie, Duration.ofSeconds(60));
    }

    private HttpResponse<byte[]> get(String path, Optional<String> cookie, Duration timeout) throws java.io.IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                .header("Accept-Encoding", "gzip").timeout(timeout);
        cookie.ifPresent(value -> request.header("Cookie", value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Logs in with the demo password (POST /api/v1/auth/login) and returns the session cookie; empty for an anonymous client. */
    private Optional<String> login(Asker asker) throws Exception
    {
        if (asker.username().isEmpty()) {
            return Optional.empty();
        }
        String body = vn.dancu.api.ApiServer.json().writeValueAsString(Map.of("username", asker.username().get(), "password", asker.password().orElseThrow()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login of " + asker.username().get() + " answered " + response.statusCode() + ": " + response.body());
        }
        String cookie = response.headers().allValues("Set-Cookie").stream().map(SESSION_COOKIE::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("login of " + asker.username().get() + " set no session cookie: " + response.headers()));
        return Optional.of(cookie);
    }
}
