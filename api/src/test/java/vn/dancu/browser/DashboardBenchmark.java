package vn.dancu.browser;

import io.javalin.Javalin;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dancu.api.ApiConfig;
import vn.dancu.api.ApiServer;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.indicator.IndicatorService;
import vn.dancu.api.query.FirstViewWarmUp;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.DataLayout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * How fast the dashboard's first view becomes interactive, measured in Chromium (Navigation and Resource Timing, and
 * the page's own {@code dancu-ready} mark set when every panel is drawn), on localhost and on an emulated weak link,
 * with a cold and a warm browser cache; and how much the first view transfers. Run:
 * {@code ./dancu bench api vn.dancu.browser.DashboardBenchmark --data DIR [--runs N] [--warm-up] [--targets-only]} on a data folder with published cubes.
 */
public final class DashboardBenchmark
{
    private static final String MEASURE = """
            const nav = performance.getEntriesByType('navigation')[0];
            const ready = performance.getEntriesByName('dancu-ready')[0];
            const drawn = performance.getEntriesByName('dancu-drawn')[0];
            const kpis = performance.getEntriesByType('mark').filter(m => m.name.startsWith('dancu-kpi-')).map(m => m.startTime);
            const groups = {};
            for (const r of performance.getEntriesByType('resource')) {
              const path = new URL(r.name).pathname;
              const group = path.startsWith('/api/') ? 'api' : path.startsWith('/webjars/') || path.includes('/vendor/echarts') ? 'echarts' : path.startsWith('/app/') || path.startsWith('/js/') || path.startsWith('/css/') ? 'app' : 'other';
              const g = groups[group] || (groups[group] = {count: 0, transfer: 0, body: 0});
              g.count++; g.transfer += r.transferSize; g.body += r.decodedBodySize;
            }
            groups.page = {count: 1, transfer: nav.transferSize, body: nav.decodedBodySize};
            const slowest = performance.getEntriesByType('resource').filter(r => r.name.includes('/api/'))
              .map(r => [Math.round(r.duration), decodeURIComponent(new URL(r.name).pathname + new URL(r.name).search)]).sort((a, b) => b[0] - a[0]).slice(0, 3);
            groups.slowest = slowest;
            return JSON.stringify({ready: ready ? ready.startTime : -1, drawn: drawn ? drawn.startTime : -1, kpi: kpis.length ? Math.max(...kpis) : -1, domContentLoaded: nav.domContentLoadedEventEnd, groups});
            """;

    private DashboardBenchmark() {}

    public static void main(String[] args) throws Exception
    {
        Path data = null;
        int runs = 5;
        boolean warmUp = false;
        boolean targetsOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warm-up" -> warmUp = true;
                case "--targets-only" -> targetsOnly = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; allowed: --data DIR, --runs N, --warm-up, --targets-only");
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR (a data folder with published cubes) is required");
        }
        printAppSize();
        DataLayout layout = new DataLayout(data.toString());
        Path serverFolder = Files.createTempDirectory("dancu-bench-server");
        Clock clock = Clock.systemUTC();
        vn.dancu.api.state.StateDatabase state = vn.dancu.api.state.StateDatabase.embedded(serverFolder);
        SettingsStore settings = new SettingsStore(state);
        // Every cube of the version that has a descriptor file (also those a newer engine publishes before the index lists them).
        String versionId = Files.readString(Path.of(layout.cubesPointer())).strip();
        CubeManifest manifest;
        try (var in = Files.newInputStream(Path.of(layout.version(versionId)).resolve(CubeManifest.FILE_NAME))) {
            manifest = CubeManifest.read(in);
        }
        Map<String, CubeDescriptor> descriptors = new LinkedHashMap<>();
        for (var cube : manifest.cubes()) {
            descriptors.put(cube.name(), CubeCatalog.builtInFile(cube.name() + ".json"));
        }
        PublishedCubes published = new PublishedCubes(layout, new CubeCatalog(descriptors, Map.of()), 512L << 20);
        Area area = Area.parse(published.manifest().area());
        QueryService queries = new QueryService(published, area, new DisclosureControl(() -> settings.current().suppressionThreshold()));
        System.out.printf(Locale.ROOT, "cubes: version %s, area %s, %s%n", published.manifest().versionId(), area.name(),
                published.manifest().cubes().stream().map(cube -> cube.name()).toList());
        long started = System.nanoTime();
        Javalin server = ApiServer.create(new ApiServer.Dependencies(queries, new IndicatorService(queries),
                new AccountStore(state, new PasswordHasher(), clock), new ApiTokens(state, clock), new Sessions(state, clock),
                new AuditLog(serverFolder), settings, clock), new ApiConfig(0, null, 256L << 20)).start(0);
        System.out.printf(Locale.ROOT, "server started in %.1f s%n", (System.nanoTime() - started) / 1e9);
        if (warmUp) {
            long warming = System.nanoTime();
            int points = new FirstViewWarmUp(queries).run();
            System.out.printf(Locale.ROOT, "warm-up (as ./dancu serve does in the background): %d month ends in %.1f s%n", points, (System.nanoTime() - warming) / 1e9);
        }
        String url = "http://localhost:" + server.port() + "/";
        try {
            Map<String, Object> unthrottled = Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1);
            if (targetsOnly) {
                // Only the targets, on a server whose answers are warm: each page once, not throttled (printed, not counted).
                for (String page : List.of("overview", "structure", "communes", "change", "d06")) {
                    target("warming, not throttled", url + "?page=" + page, page, 1, unthrottled);
                }
            }
            else {
                System.out.println("run                          ready ms  DOMContentLoaded ms  app KB (transfer/raw)  ECharts KB  API requests  API KB");
                measure(warmUp ? "fresh server after warm-up" : "cold server, cold cache", url, 1, null, true);
                measure("warm server, cold cache", url, runs, null, true);
                measure("warm server, warm cache", url, runs, null, false);
                // A weak link: 400 ms round trip, 1.5 Mbit/s down, 750 kbit/s up (Chrome's "Slow 4G"-like profile).
                Map<String, Object> weak = Map.of("offline", false, "latency", 400, "downloadThroughput", 1_500_000 / 8, "uploadThroughput", 750_000 / 8);
                measure("weak link, cold cache", url, Math.max(1, runs / 2), weak, true);
                measure("weak link, warm cache", url, Math.max(1, runs / 2), weak, false);
            }
            // The targets of issue 15, every page with an empty cache: 400 ms round trip at 400 kbit/s (KPI numbers ≤ 3 s,
            // every chart ≤ 6 s), and 1.5 Mbit/s with a 150 ms round trip (every chart ≤ 2.5 s).
            Map<String, Object> slow = Map.of("offline", false, "latency", 400, "downloadThroughput", 400_000 / 8, "uploadThroughput", 400_000 / 8);
            Map<String, Object> medium = Map.of("offline", false, "latency", 150, "downloadThroughput", 1_500_000 / 8, "uploadThroughput", 750_000 / 8);
            System.out.println();
            System.out.println("targets: link                      page        KPI numbers ms  every chart ms  interactive ms  ECharts KB  app KB  API requests  API KB  (median of " + Math.max(1, runs / 2) + ", empty cache)");
            for (String page : List.of("overview", "structure", "communes", "change", "d06")) {
                target("400 ms RTT, 400 kbit/s", url + "?page=" + page, page, Math.max(1, runs / 2), slow);
                target("150 ms RTT, 1.5 Mbit/s", url + "?page=" + page, page, Math.max(1, runs / 2), medium);
            }
        }
        finally {
            server.stop();
            deleteRecursively(serverFolder);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException
    {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void measure(String name, String url, int runs, Map<String, Object> network, boolean coldCache) throws IOException
    {
        List<double[]> results = new ArrayList<>();
        String last = null;
        for (int run = 0; run < runs; run++) {
            Path profile = Files.createTempDirectory("dancu-bench-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(Chromium.BROWSER.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,1000");
            ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Chromium.DRIVER.toFile()).usingAnyFreePort().build(), options);
            try {
                // The service worker's own requests are not throttled by the page's emulation: the page goes to the
                // network (and the browser's HTTP cache) as a first visit would.
                driver.executeCdpCommand("Network.enable", Map.of());
                driver.executeCdpCommand("Network.setBypassServiceWorker", Map.of("bypass", true));
                if (network != null) {
                    driver.executeCdpCommand("Network.emulateNetworkConditions", network);
                }
                if (!coldCache) {
                    load(driver, url);
                }
                load(driver, url);
                last = String.valueOf(((JavascriptExecutor) driver).executeScript(MEASURE));
                var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(last);
                var groups = json.get("groups");
                results.add(new double[] {json.get("ready").asDouble(), json.get("domContentLoaded").asDouble(),
                        kb(groups, "app", "transfer") + kb(groups, "page", "transfer"), kb(groups, "app", "body") + kb(groups, "page", "body"),
                        kb(groups, "echarts", "transfer"), groups.has("api") ? groups.get("api").get("count").asDouble() : 0, kb(groups, "api", "transfer")});
            }
            finally {
                driver.quit();
                deleteRecursively(profile);
            }
        }
        double[] median = new double[results.get(0).length];
        for (int i = 0; i < median.length; i++) {
            int column = i;
            List<Double> values = results.stream().map(r -> r[column]).sorted().toList();
            median[i] = values.get(values.size() / 2);
        }
        System.out.printf(Locale.ROOT, "%-28s %8.0f  %19.0f  %10.1f / %-9.1f  %10.1f  %12.0f  %6.1f   (median of %d)%n", name, median[0], median[1],
                median[2], median[3], median[4], median[5], median[6], runs);
        System.out.println("    slowest API requests of the last run (ms): " + new com.fasterxml.jackson.databind.ObjectMapper().readTree(last).get("groups").get("slowest"));
    }

    /** One page with an empty cache on an emulated link: when the key figures and when every chart were on screen. */
    private static void target(String link, String url, String page, int runs, Map<String, Object> network) throws IOException
    {
        List<double[]> results = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path profile = Files.createTempDirectory("dancu-bench-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(Chromium.BROWSER.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,1000");
            ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Chromium.DRIVER.toFile()).usingAnyFreePort().build(), options);
            try {
                driver.executeCdpCommand("Network.enable", Map.of());
                driver.executeCdpCommand("Network.setBypassServiceWorker", Map.of("bypass", true));
                driver.executeCdpCommand("Network.emulateNetworkConditions", network);
                load(driver, url);
                var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(String.valueOf(((JavascriptExecutor) driver).executeScript(MEASURE)));
                var groups = json.get("groups");
                // Every chart on screen: drawn by the page (charts/sketch.js) or by ECharts, whichever came first; then interactive.
                double drawn = json.get("drawn").asDouble() >= 0 ? json.get("drawn").asDouble() : json.get("ready").asDouble();
                results.add(new double[] {json.get("kpi").asDouble(), drawn, kb(groups, "echarts", "transfer"),
                        kb(groups, "app", "transfer"), groups.has("api") ? groups.get("api").get("count").asDouble() : 0, kb(groups, "api", "transfer"),
                        json.get("ready").asDouble()});
            }
            finally {
                driver.quit();
                deleteRecursively(profile);
            }
        }
        double[] median = new double[7];
        for (int i = 0; i < median.length; i++) {
            int column = i;
            List<Double> values = results.stream().map(r -> r[column]).sorted().toList();
            median[i] = values.get(values.size() / 2);
        }
        System.out.printf(Locale.ROOT, "targets: %-26s %-11s %14s  %14.0f  %14.0f  %10.1f  %6.1f  %12.0f  %6.1f%n", link, page,
                median[0] < 0 ? "—" : String.format(Locale.ROOT, "%.0f", median[0]), median[1], median[6], median[2], median[3], median[4], median[5]);
    }

    private static double kb(com.fasterxml.jackson.databind.JsonNode groups, String group, String field)
    {
        return groups.has(group) ? groups.get(group).get(field).asDouble() / 1024 : 0;
    }

    private static void load(ChromeDriver driver, String url)
    {
        driver.get(url);
        new WebDriverWait(driver, Duration.ofSeconds(300)).until(d -> "true".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.ready")));
    }

    /** The app's own code (HTML, CSS, JS of dancu-web), raw and gzipped, all of it and the first view's part. */
    private static void printAppSize() throws IOException
    {
        Path web = Path.of("web/src/main/resources/dancu-web");
        if (!Files.isDirectory(web)) {
            web = Path.of("../web/src/main/resources/dancu-web");
        }
        long raw = 0;
        long gzip = 0;
        int files = 0;
        try (Stream<Path> all = Files.walk(web)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                raw += bytes.length;
                gzip += gzip(bytes);
                files++;
            }
        }
        System.out.printf(Locale.ROOT, "app code (%s): %d files, %.1f KB raw, %.1f KB gzipped%n", web, files, raw / 1024.0, gzip / 1024.0);
    }

    private static int gzip(byte[] bytes) throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.size();
    }
}
