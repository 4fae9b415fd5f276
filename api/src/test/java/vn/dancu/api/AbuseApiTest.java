package vn.dancu.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.RateLimits;
import vn.dancu.api.access.Role;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.access.TrustedProxies;
import vn.dancu.api.audit.AuditEntry;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.audit.AuditQuery;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.indicator.IndicatorService;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.DataLayout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a public-facing server must withstand: rate limits per client address and per account (429 with Retry-After in
 * the error shape), the client behind a reverse proxy (believed only from a trusted proxy), HTTPS from the proxy
 * (Secure cookies, HSTS), anonymous requests counted per minute in the audit, and no data while the audit log cannot
 * be written.
 */
class AbuseApiTest
{
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Instant NOW = Instant.parse("2026-11-02T08:15:10Z");

    @TempDir
    static Path data;
    @TempDir
    static Path otherData;
    private static Server proxied;
    private static Server direct;

    /** A clock the test moves. */
    static final class TestClock extends Clock
    {
        private volatile Instant now;

        TestClock(Instant now)
        {
            this.now = now;
        }

        void advance(Duration duration)
        {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now;
        }
    }

    private record Server(Javalin javalin, AuditLog audit, AccountStore accounts, ApiTokens tokens, TestClock clock, Path folder)
    {
        static Server start(Path data, RateLimits limits, TrustedProxies proxies) throws Exception
        {
            new CubeFixture("population_stock")
                    .row("2026-10-31", "23485", "M", 31, "14", "PERMANENT", 12)
                    .row("2026-10-31", "23479", "F", 4, "14", "PERMANENT", 8)
                    .publish(data, "v1", "konray");
            DataLayout layout = new DataLayout(data.toString());
            Path serverFolder = Path.of(layout.server());
            TestClock clock = new TestClock(NOW);
            vn.dancu.api.state.StateDatabase state = vn.dancu.api.state.StateDatabase.embedded(serverFolder);
            SettingsStore settings = new SettingsStore(state);
            CubeDescriptor descriptor = CubeCatalog.builtInFile("population_stock.json");
            QueryService queries = new QueryService(new PublishedCubes(layout, new CubeCatalog(Map.of(descriptor.name(), descriptor), Map.of()), 16L << 20),
                    Area.konray(), new DisclosureControl(() -> settings.current().suppressionThreshold()));
            AccountStore accounts = new AccountStore(state, new PasswordHasher(1024, 1), clock);
            ApiTokens tokens = new ApiTokens(state, clock);
            AuditLog audit = new AuditLog(serverFolder.resolve("audit"), AuditLog.Options.server(), clock);
            Javalin javalin = ApiServer.create(new ApiServer.Dependencies(queries, new IndicatorService(queries), accounts, tokens, new Sessions(state, clock),
                    audit, settings, clock), new ApiConfig(0, null, 16L << 20, limits, proxies)).start("127.0.0.1", 0);
            // The state database closes with the server (before the test's folder is deleted).
            javalin.jettyServer().server().addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener()
            {
                @Override
                public void lifeCycleStopped(org.eclipse.jetty.util.component.LifeCycle event)
                {
                    state.close();
                }
            });
            return new Server(javalin, audit, accounts, tokens, clock, serverFolder);
        }

        HttpResponse<String> get(String path, String... headers)
        {
            return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + javalin.port() + path)).headers(headers.length == 0
                    ? new String[] {"Accept", "application/json"} : headers).GET().build());
        }

        HttpResponse<String> post(String path, String body, String... headers)
        {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + javalin.port() + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return send(request.build());
        }

        private static HttpResponse<String> send(HttpRequest request)
        {
            try {
                return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            }
            catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        String token(String username, Role role)
        {
            accounts.create(username, null, role, Set.of(), "password-of-" + username);
            return tokens.issue(username, "tests", Duration.ofDays(1)).text();
        }
    }

    @BeforeAll
    static void start() throws Exception
    {
        // Slow refills (one a minute), so that a busy machine cannot slip a request back in between two of the test's.
        RateLimits limits = new RateLimits(new RateLimits.Limit(1.0 / 60, 5), new RateLimits.Limit(1.0 / 60, 3), new RateLimits.Limit(2.0 / 60, 2));
        proxied = Server.start(data, limits, TrustedProxies.parse(List.of("127.0.0.1", "::1")));
        direct = Server.start(otherData, limits, TrustedProxies.none());
    }

    @AfterAll
    static void stop()
    {
        proxied.javalin().stop();
        direct.javalin().stop();
    }

    private static JsonNode json(HttpResponse<String> response)
    {
        try {
            return TestServer.JSON.readTree(response.body());
        }
        catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    @Test
    void aClientBeyondItsBurstGets429WithRetryAfterInTheErrorShape()
    {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = proxied.get("/api/v1/cubes", "X-Forwarded-For", "198.51.100.10");
            statuses.add(response.statusCode());
            refused = response;
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 429), statuses);
        String wait = refused.headers().firstValue("Retry-After").orElseThrow();
        assertTrue(List.of("59", "60").contains(wait), wait);
        assertEquals("{\"title\":\"too many requests from this address: at most 1 a minute, in bursts of up to 5; try again in " + wait + " s\",\"status\":429,"
                + "\"type\":\"too-many-requests\",\"details\":[\"retry after " + wait + " s\"]}", refused.body());
        // Another client behind the same proxy has its own budget; the health check is never limited.
        assertEquals(200, proxied.get("/api/v1/cubes", "X-Forwarded-For", "198.51.100.11").statusCode());
        for (int i = 0; i < 8; i++) {
            assertEquals(200, proxied.get("/api/v1/health", "X-Forwarded-For", "198.51.100.10").statusCode());
        }
    }

    @Test
    void theClientIsTheRightMostAddressTheTrustedProxyAdds()
    {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, proxied.get("/api/v1/cubes", "X-Forwarded-For", "198.51.100.20").statusCode());
        }
        // What a client writes itself is on the left of the proxy's header and changes nothing.
        for (String spoofed : List.of("203.0.113.1, 198.51.100.20", "10.0.0.1,198.51.100.20", "not-an-address, 198.51.100.20")) {
            assertEquals(429, proxied.get("/api/v1/cubes", "X-Forwarded-For", spoofed).statusCode(), spoofed);
        }
        // Two headers (a client's and the proxy's) count as one list; an IPv6 client is counted per /64.
        assertEquals(429, proxied.get("/api/v1/cubes", "X-Forwarded-For", "203.0.113.9", "X-Forwarded-For", "198.51.100.20").statusCode());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, proxied.get("/api/v1/cubes", "X-Forwarded-For", "2001:db8:1:2::" + (i + 1)).statusCode());
        }
        assertEquals(429, proxied.get("/api/v1/cubes", "X-Forwarded-For", "2001:db8:1:2:ffff::9").statusCode());
        assertEquals(200, proxied.get("/api/v1/cubes", "X-Forwarded-For", "2001:db8:1:3::1").statusCode());
    }

    @Test
    void withoutATrustedProxyForwardedHeadersAreIgnored()
    {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(direct.get("/api/v1/units", "X-Forwarded-For", "192.0.2." + i, "X-Forwarded-Proto", "https").statusCode());
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 429, 429), statuses);
        HttpResponse<String> response = direct.get("/", "X-Forwarded-Proto", "https");
        assertFalse(response.headers().firstValue("Strict-Transport-Security").isPresent());
    }

    @Test
    void anAccountHasItsOwnBudgetWhereverItsRequestsComeFrom() throws Exception
    {
        String token = proxied.token("budget-leader", Role.LEADER);
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 4; i++) {
            last = proxied.get("/api/v1/cubes", "Authorization", "Bearer " + token, "X-Forwarded-For", "198.51.100." + (100 + i));
            statuses.add(last.statusCode());
        }
        assertEquals(List.of(200, 200, 200, 429), statuses);
        assertTrue(json(last).get("title").asText().startsWith("too many requests of the account budget-leader: at most 1 a minute, in bursts of up to 3;"
                + " try again in "), json(last).get("title").asText());
        // A flood of refused requests is counted, not listed: it cannot grow the log either.
        for (int i = 0; i < 50; i++) {
            assertEquals(429, proxied.get("/api/v1/cubes/population_stock/query?dims=sex&i=" + i, "Authorization", "Bearer " + token).statusCode());
        }
        proxied.clock().advance(Duration.ofSeconds(60));
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> entries = List.of();
        while (System.nanoTime() < deadline) {
            entries = proxied.audit().read(1, 1000, entry -> "budget-leader".equals(entry.user())).stream().map(entry -> entry.kind() + " "
                    + entry.path() + " " + entry.status() + (entry.count() == null ? "" : " count " + entry.count())).toList();
            if (entries.stream().anyMatch(line -> line.startsWith("throttled-minute"))) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(List.of("request /api/v1/cubes 200", "request /api/v1/cubes 200", "request /api/v1/cubes 200",
                "throttled-minute (not routed) 429 count 51"), entries);
    }

    @Test
    void loginAttemptsPerAddressAreLimitedWhateverTheAccount()
    {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (String account : List.of("spray-1", "spray-2", "spray-3")) {
            last = proxied.post("/api/v1/auth/login", "{\"username\":\"" + account + "\",\"password\":\"summer-2026!\"}", "X-Forwarded-For", "198.51.100.30");
            statuses.add(last.statusCode());
        }
        assertEquals(List.of(401, 401, 429), statuses);
        String wait = last.headers().firstValue("Retry-After").orElseThrow();
        assertTrue(List.of("29", "30").contains(wait), wait);
        assertEquals("too many login attempts from this address: at most 2 a minute, in bursts of up to 2; try again in " + wait + " s",
                json(last).get("title").asText());
        proxied.audit().flush();
        // The attempts that reached a password check are entries with the account they named; the refused one is counted with the anonymous minute.
        List<String> audited = proxied.audit().read(1, 1000, entry -> "198.51.100.30".equals(entry.ip())).stream()
                .map(entry -> entry.account() + " " + entry.status()).toList();
        assertEquals(List.of("spray-1 401", "spray-2 401"), audited);
    }

    @Test
    void httpsThroughTheTrustedProxyMakesSecureCookiesAndHsts()
    {
        proxied.accounts().create("secure-lan", null, Role.LEADER, Set.of(), "password-of-secure-lan");
        HttpResponse<String> https = proxied.post("/api/v1/auth/login", "{\"username\":\"secure-lan\",\"password\":\"password-of-secure-lan\"}",
                "X-Forwarded-For", "198.51.100.40", "X-Forwarded-Proto", "https");
        assertEquals(200, https.statusCode(), https.body());
        String cookie = https.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; Secure"), cookie);
        assertEquals("max-age=31536000", https.headers().firstValue("Strict-Transport-Security").orElse(null));
        HttpResponse<String> http = proxied.post("/api/v1/auth/login", "{\"username\":\"secure-lan\",\"password\":\"password-of-secure-lan\"}",
                "X-Forwarded-For", "198.51.100.41", "X-Forwarded-Proto", "http");
        assertFalse(http.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"), http.headers().toString());
        assertFalse(http.headers().firstValue("Strict-Transport-Security").isPresent());
        // The audit names the client the proxy reports.
        proxied.audit().flush();
        AuditEntry login = proxied.audit().read(1, 1000, entry -> "secure-lan".equals(entry.account()) && "198.51.100.40".equals(entry.ip())).get(0);
        assertEquals("secure-lan | session | 200", login.user() + " | " + login.via() + " | " + login.status());
    }

    @Test
    void anonymousRequestsAreAuditedAsOneCountPerMinuteRouteCubeAndStatus() throws Exception
    {
        Server server = Server.start(Files.createTempDirectory(data, "counted"), RateLimits.none(), TrustedProxies.parse(List.of("127.0.0.1")));
        try {
            for (int i = 0; i < 40; i++) {
                server.get("/api/v1/cubes/population_stock/query?dims=sex&lang=" + (i % 2 == 0 ? "vi" : "en"), "X-Forwarded-For", "198.51.100." + i % 4);
            }
            for (int i = 0; i < 25; i++) {
                // made-up paths and cubes, as a flood would send them: they count as their route
                server.get("/api/v1/made-up-" + i);
                server.get("/api/v1/cubes/made-up-" + i + "/query");
            }
            String token = server.token("counted-statistician", Role.STATISTICIAN);
            server.get("/api/v1/cubes/population_stock/query?dims=unit", "Authorization", "Bearer " + token);
            server.clock().advance(Duration.ofSeconds(60));
            long deadline = System.nanoTime() + 10_000_000_000L;
            List<AuditEntry> entries = List.of();
            while (System.nanoTime() < deadline) {
                entries = server.audit().read(AuditQuery.last(100)).entries();
                if (entries.stream().anyMatch(entry -> AuditEntry.ANONYMOUS_MINUTE.equals(entry.kind()))) {
                    break;
                }
                Thread.sleep(100);
            }
            List<String> lines = entries.stream().map(entry -> entry.kind() + " | " + entry.at() + " | " + entry.user() + " | " + entry.path() + " | "
                    + entry.query() + " | " + entry.cube() + " | " + entry.status() + " | " + entry.count() + " | " + entry.clients() + " | " + entry.cells()).toList();
            assertEquals(List.of(
                    "request | 2026-11-02T08:15:10Z | counted-statistician | /api/v1/cubes/population_stock/query | dims=unit | population_stock | 200 | null | null | 2",
                    "anonymous-minute | 2026-11-02T08:15:00Z | anonymous | (not routed) | null | null | 404 | 25 | 1 | 0",
                    "anonymous-minute | 2026-11-02T08:15:00Z | anonymous | /api/v1/cubes/{cube}/query | null | null | 404 | 25 | 1 | 0",
                    "anonymous-minute | 2026-11-02T08:15:00Z | anonymous | /api/v1/cubes/{cube}/query | null | population_stock | 200 | 40 | 4 | 80"), lines);
        }
        finally {
            server.javalin().stop();
        }
    }

    @Test
    void noDataIsServedWhileTheAuditLogCannotBeWritten() throws Exception
    {
        Server server = Server.start(Files.createTempDirectory(data, "failing"), RateLimits.none(), TrustedProxies.none());
        try {
            String token = server.token("careful-leader", Role.LEADER);
            Path audit = server.folder().resolve("audit");
            Path aside = server.folder().resolve("audit-aside");
            Files.move(audit, aside);
            Files.writeString(audit, "not a folder");
            assertEquals(200, server.get("/api/v1/cubes", "Authorization", "Bearer " + token).statusCode());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.audit().failure().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            HttpResponse<String> refused = server.get("/api/v1/cubes/population_stock/query?dims=sex", "Authorization", "Bearer " + token);
            assertEquals(503, refused.statusCode());
            assertTrue(json(refused).get("title").asText().startsWith("the audit log cannot be written, so no data is served until it can: "),
                    refused.body());
            Files.delete(audit);
            Files.move(aside, audit);
            deadline = System.nanoTime() + 10_000_000_000L;
            while (server.audit().failure().isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(200, server.get("/api/v1/cubes/population_stock/query?dims=sex", "Authorization", "Bearer " + token).statusCode());
            // The entries of the requests made meanwhile were kept and written, in order.
            List<Integer> statuses = server.audit().read(1, 100, entry -> "careful-leader".equals(entry.user())).stream().map(AuditEntry::status).toList();
            assertEquals(List.of(200, 503, 200), statuses);
            assertTrue(server.audit().verify(true).intact());
        }
        finally {
            server.javalin().stop();
        }
    }
}
