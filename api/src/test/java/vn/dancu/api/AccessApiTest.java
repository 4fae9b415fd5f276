package vn.dancu.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.Role;
import vn.dancu.api.audit.AuditEntry;
import vn.dancu.datasets.geo.Area;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dancu.api.TestServer.json;
import static vn.dancu.api.TestServer.title;

/** Login, sessions, tokens, the admin API, the audit log, and the HTTP hardening (headers, caching, traversal). */
class AccessApiTest
{
    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        new CubeFixture("population_stock")
                .row("2026-10-31", "23485", "M", 31, "14", "PERMANENT", 12)
                .row("2026-10-31", "23479", "F", 4, "14", "PERMANENT", 8)
                .publish(data, "v1", "konray");
        server = TestServer.start(data, Area.konray(), "population_stock");
        server.accounts.create("lan", "Nguyễn Thị Lan", Role.LEADER, Set.of(), "mat-khau-cua-lan");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static HttpResponse<String> login(String username, String password)
    {
        return server.send("POST", "/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private static String sessionCookie(HttpResponse<String> login)
    {
        String header = login.headers().firstValue("Set-Cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    @Test
    void POST_login_opensAnHttpOnlyStrictSessionThatRaisesTheRole()
    {
        assertEquals("viewer", json(server.get("/api/v1/auth/me")).get("role").asText());
        HttpResponse<String> login = login("lan", "mat-khau-cua-lan");
        assertEquals(200, login.statusCode(), login.body());
        String header = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(header.startsWith("dancu_session="), header);
        assertTrue(header.contains("HttpOnly"), header);
        assertTrue(header.contains("SameSite=Strict"), header);
        JsonNode me = json(server.get("/api/v1/auth/me", "Cookie", sessionCookie(login)));
        assertEquals("lan | Nguyễn Thị Lan | leader | session", me.get("username").asText() + " | " + me.get("displayName").asText() + " | "
                + me.get("role").asText() + " | " + me.get("via").asText());
        HttpResponse<String> logout = server.send("POST", "/api/v1/auth/logout", null, "Cookie", sessionCookie(login));
        assertEquals(204, logout.statusCode());
        assertEquals("viewer", json(server.get("/api/v1/auth/me", "Cookie", sessionCookie(login))).get("role").asText());
    }

    @Test
    void POST_login_wrongPassword_returns401AndRepeatedFailuresAreThrottled()
    {
        server.accounts.create("guess-target", null, Role.PLANNER, Set.of(), "the-right-password");
        HttpResponse<String> wrong = login("guess-target", "not-the-password");
        assertEquals(401, wrong.statusCode());
        assertEquals("wrong user name or password, or the account is disabled", title(wrong));
        for (int i = 0; i < 4; i++) {
            login("guess-target", "not-the-password");
        }
        HttpResponse<String> locked = login("guess-target", "the-right-password");
        assertEquals(429, locked.statusCode());
        assertTrue(title(locked).startsWith("too many failed logins for 'guess-target'; try again in "), title(locked));
    }

    @Test
    void POST_login_sixteenParallelAttemptsGetFiveAnswersAndElevenRefusals() throws Exception
    {
        server.accounts.create("parallel-target", null, Role.PLANNER, Set.of(), "the-right-password");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<HttpResponse<String>>> attempts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String guess = "wrong-guess-" + i;
            attempts.add(pool.submit(() -> {
                start.await();
                return login("parallel-target", guess);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (java.util.concurrent.Future<HttpResponse<String>> attempt : attempts) {
            HttpResponse<String> response = attempt.get(60, java.util.concurrent.TimeUnit.SECONDS);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                assertTrue(title(response).startsWith("too many failed logins for 'parallel-target'; try again in "), title(response));
                assertTrue(response.headers().firstValue("Retry-After").isPresent());
            }
        }
        pool.shutdown();
        assertEquals(5, statuses.stream().filter(status -> status == 401).count(), statuses.toString());
        assertEquals(11, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
        // The right password now waits too: the five wrong ones locked the account name.
        assertEquals(429, login("parallel-target", "the-right-password").statusCode());
        server.audit.flush();
        List<AuditEntry> audited = server.audit.read(1, 10_000, entry -> "parallel-target".equals(entry.account()));
        assertEquals(17, audited.size());
        assertEquals("anonymous | /api/v1/auth/login | 401=5, 429=12", audited.get(0).user() + " | " + audited.get(0).path() + " | "
                + audited.stream().collect(java.util.stream.Collectors.groupingBy(AuditEntry::status, java.util.TreeMap::new,
                java.util.stream.Collectors.counting())).entrySet().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", ")));
    }

    @Test
    void failedLoginsAreAuditedWithTheAccountNameAttempted()
    {
        login("nobody-here", "some-password-1");
        login("lan", "not-lans-password");
        server.audit.flush();
        List<String> entries = server.audit.read(1, 10_000, entry -> "/api/v1/auth/login".equals(entry.path())
                && List.of("nobody-here", "lan").contains(entry.account())).stream()
                .map(entry -> entry.kind() + " | " + entry.user() + " | " + entry.account() + " | " + entry.status() + " | " + entry.ip()).toList();
        assertEquals(List.of("request | anonymous | nobody-here | 401 | 127.0.0.1", "request | anonymous | lan | 401 | 127.0.0.1"),
                entries.subList(entries.size() - 2, entries.size()));
    }

    /** An account with a session and a token, for the tests of what ends them. */
    private record Holder(String username, String cookie, String token) {}

    private static Holder holder(String username, Set<String> scope)
    {
        server.accounts.create(username, null, Role.LEADER, scope, "password-of-" + username);
        String cookie = sessionCookie(login(username, "password-of-" + username));
        HttpResponse<String> created = server.send("POST", "/api/v1/auth/tokens", "{\"name\":\"script\",\"days\":30}", "Cookie", cookie);
        assertEquals(201, created.statusCode(), created.body());
        Holder holder = new Holder(username, cookie, json(created).get("token").asText());
        assertEquals(username, json(server.get("/api/v1/auth/me", "Authorization", "Bearer " + holder.token())).get("username").asText());
        return holder;
    }

    private static String roleSeenWith(String header, String value)
    {
        HttpResponse<String> me = server.get("/api/v1/auth/me", header, value);
        return me.statusCode() == 200 ? json(me).get("role").asText() + " as " + json(me).get("username").asText() : me.statusCode() + " " + title(me);
    }

    @Test
    void PATCH_account_passwordRoleOrScopeChangeEndsItsSessionsAndRevokesItsTokens()
    {
        String admin = "Bearer " + server.token(Role.ADMIN);
        for (String change : List.of("{\"password\":\"a-new-password-1\"}", "{\"role\":\"planner\"}", "{\"scope\":[\"23485\"]}")) {
            String username = "holder-" + Math.abs(change.hashCode() % 100_000);
            Holder holder = holder(username, Set.of());
            HttpResponse<String> patched = server.send("PATCH", "/api/v1/admin/accounts/" + username, change, "Authorization", admin);
            assertEquals(200, patched.statusCode(), patched.body());
            assertEquals("401 the API token is unknown, revoked or expired", roleSeenWith("Authorization", "Bearer " + holder.token()), change);
            assertEquals("viewer as null", roleSeenWith("Cookie", holder.cookie()), change);
            assertEquals(List.of(), server.tokens.of(username), change);
        }
        Holder renamed = holder("holder-renamed", Set.of());
        assertEquals(200, server.send("PATCH", "/api/v1/admin/accounts/holder-renamed", "{\"displayName\":\"Chị Hoa\",\"role\":\"leader\"}",
                "Authorization", admin).statusCode());
        assertEquals("leader as holder-renamed", roleSeenWith("Authorization", "Bearer " + renamed.token()), "a new name is not a new credential");
        assertEquals("leader as holder-renamed", roleSeenWith("Cookie", renamed.cookie()));
    }

    @Test
    void aPasswordChangedOnTheCommandLineEndsTheAccountsTokensAndSessionsToo()
    {
        Holder holder = holder("holder-cli", Set.of());
        // What ./dancu accounts password does: another process changes the accounts file.
        server.accounts.setPassword("holder-cli", "changed-on-the-command-line");
        assertEquals("401 the API token is unknown, revoked or expired", roleSeenWith("Authorization", "Bearer " + holder.token()));
        assertEquals("viewer as null", roleSeenWith("Cookie", holder.cookie()));
    }

    @Test
    void PATCH_account_isCheckedWholeBeforeAnythingIsWritten()
    {
        String admin = "Bearer " + server.token(Role.ADMIN);
        Holder holder = holder("holder-atomic", Set.of());
        String before = server.accounts.find("holder-atomic").orElseThrow().toString();
        List<String> refused = List.of(
                "{\"role\":\"viewer\",\"password\":\"short\"} -> invalid parameter 'password': a password needs at least 10 characters",
                "{\"role\":\"viewer\",\"scope\":[\"99999\"]} -> invalid parameter 'scope': unknown commune '99999' (scopes name communes of 01/07/2025);"
                        + " allowed: 23479, 23485, 23497",
                "{\"scope\":[\"23485\"],\"role\":\"chief\"} -> invalid parameter 'role': unknown role 'chief'; allowed: viewer, planner, leader,"
                        + " statistician, admin",
                "{\"role\":\"viewer\",\"disabled\":\"yes\"} -> invalid parameter 'disabled': must be true or false, was \"yes\"",
                "{\"role\":\"viewer\",\"roles\":\"admin\"} -> invalid parameter 'roles': not a field of an account; allowed: displayName, role, scope,"
                        + " disabled, password",
                "{\"displayName\":\"X\",\"password\":\"" + "p".repeat(129) + "\"} -> invalid parameter 'password': a password has at most 128 characters");
        for (String attempt : refused) {
            String[] parts = attempt.split(" -> ");
            HttpResponse<String> response = server.send("PATCH", "/api/v1/admin/accounts/holder-atomic", parts[0], "Authorization", admin);
            assertEquals(400, response.statusCode(), parts[0]);
            assertEquals(parts[1], title(response));
            assertEquals(before, server.accounts.find("holder-atomic").orElseThrow().toString(), "nothing written for " + parts[0]);
        }
        assertEquals("leader as holder-atomic", roleSeenWith("Authorization", "Bearer " + holder.token()));
        assertEquals("leader as holder-atomic", roleSeenWith("Cookie", holder.cookie()));
    }

    @Test
    void aTokenCannotMakeATokenThatOutlivesIt()
    {
        Holder holder = holder("holder-tokens", Set.of());
        String bearer = "Bearer " + holder.token();
        HttpResponse<String> longer = server.send("POST", "/api/v1/auth/tokens", "{\"name\":\"longer\",\"days\":366}", "Authorization", bearer);
        assertEquals(400, longer.statusCode());
        assertTrue(title(longer).startsWith("invalid parameter 'days': a token cannot make a token that outlives itself: the token you sent expires on "),
                title(longer));
        assertTrue(title(longer).endsWith(", so at most 29 days"), title(longer));
        HttpResponse<String> shorter = server.send("POST", "/api/v1/auth/tokens", "{\"name\":\"shorter\",\"days\":29}", "Authorization", bearer);
        assertEquals(201, shorter.statusCode(), shorter.body());
        java.time.Instant parent = server.tokens.of("holder-tokens").stream().filter(token -> token.name().equals("script")).findFirst().orElseThrow().expiresAt();
        assertFalse(java.time.Instant.parse(json(shorter).get("expiresAt").asText()).isAfter(parent));
        // A token that expires within a day makes none; a logged-in browser may make one for up to 366 days.
        String oneDay = server.tokens.issue("holder-tokens", "one day", java.time.Duration.ofDays(1)).text();
        HttpResponse<String> fromOneDay = server.send("POST", "/api/v1/auth/tokens", "{\"days\":1}", "Authorization", "Bearer " + oneDay);
        assertTrue(title(fromOneDay).endsWith(", so it cannot make tokens any more (log in to make one)"), title(fromOneDay));
        assertEquals(201, server.send("POST", "/api/v1/auth/tokens", "{\"days\":366}", "Cookie", holder.cookie()).statusCode());
    }

    @Test
    void theServersStateFilesAreTheOwnersAlone() throws Exception
    {
        server.token(Role.ADMIN);
        assertEquals(200, server.send("PUT", "/api/v1/admin/settings", "{\"chipCardTarget\":90}", "Authorization", "Bearer " + server.token(Role.ADMIN))
                .statusCode());
        server.audit.flush();
        Path serverFolder = data.resolve("server");
        assertEquals("rwx------", mode(serverFolder));
        assertEquals("rwx------", mode(serverFolder.resolve("audit")));
        assertEquals("rwx------", mode(serverFolder.resolve("state")));
        for (String file : List.of("state/dancu.mv.db", "audit/audit.lock")) {
            assertEquals("rw-------", mode(serverFolder.resolve(file)), file);
        }
        try (java.util.stream.Stream<Path> segments = java.nio.file.Files.list(serverFolder.resolve("audit"))) {
            for (Path segment : segments.toList()) {
                assertEquals("rw-------", mode(segment), segment.toString());
            }
        }
    }

    private static String mode(Path path) throws java.io.IOException
    {
        return java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(path));
    }

    @Test
    void apiTokens_workAsBearerAndStopWorkingWhenRevoked()
    {
        String cookie = sessionCookie(login("lan", "mat-khau-cua-lan"));
        HttpResponse<String> created = server.send("POST", "/api/v1/auth/tokens", "{\"name\":\"script\",\"days\":30}", "Cookie", cookie);
        assertEquals(201, created.statusCode(), created.body());
        String token = json(created).get("token").asText();
        String id = json(created).get("id").asText();
        assertTrue(token.startsWith("dct_" + id + "_"), token);
        assertEquals("leader | token", json(server.get("/api/v1/auth/me", "Authorization", "Bearer " + token)).get("role").asText() + " | token");
        assertEquals(204, server.send("DELETE", "/api/v1/auth/tokens/" + id, null, "Cookie", cookie).statusCode());
        HttpResponse<String> revoked = server.get("/api/v1/auth/me", "Authorization", "Bearer " + token);
        assertEquals(401, revoked.statusCode());
        assertEquals("the API token is unknown, revoked or expired", title(revoked));
    }

    @Test
    void adminRoutes_refuseOtherRolesAndAnonymousCallers()
    {
        HttpResponse<String> anonymous = server.get("/api/v1/admin/accounts");
        assertEquals(401, anonymous.statusCode());
        assertEquals("log in first (POST /api/v1/auth/login)", title(anonymous));
        HttpResponse<String> leader = server.get("/api/v1/admin/accounts", Role.LEADER);
        assertEquals(403, leader.statusCode());
        assertEquals("this needs the admin role; your role is leader", title(leader));
    }

    @Test
    void POST_adminAccounts_createsAScopedAccountAndRejectsUnknownCommunes()
    {
        String admin = "Bearer " + server.token(Role.ADMIN);
        HttpResponse<String> bad = server.send("POST", "/api/v1/admin/accounts",
                "{\"username\":\"xa-x\",\"role\":\"leader\",\"scope\":[\"99999\"],\"password\":\"mat-khau-dai-du\"}", "Authorization", admin);
        assertEquals(400, bad.statusCode());
        assertEquals("invalid parameter 'scope': unknown commune '99999' (scopes name communes of 01/07/2025); allowed: 23479, 23485, 23497", title(bad));
        HttpResponse<String> created = server.send("POST", "/api/v1/admin/accounts",
                "{\"username\":\"xa-koi\",\"role\":\"leader\",\"scope\":[\"23485\"],\"password\":\"mat-khau-dai-du\"}", "Authorization", admin);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("[\"23485\"]", json(created).get("scope").toString());
        HttpResponse<String> shortPassword = server.send("POST", "/api/v1/admin/accounts",
                "{\"username\":\"xa-y\",\"role\":\"leader\",\"password\":\"short\"}", "Authorization", admin);
        assertEquals("invalid parameter 'password': a password needs at least 10 characters", title(shortPassword));
        assertFalse(server.accounts.find("xa-koi").orElseThrow().passwordHash().contains("mat-khau"));
        assertTrue(server.accounts.find("xa-koi").orElseThrow().passwordHash().startsWith("$argon2id$"));
    }

    @Test
    void crossSiteWriteWithASessionCookie_returns403()
    {
        String cookie = sessionCookie(login("lan", "mat-khau-cua-lan"));
        HttpResponse<String> response = server.send("POST", "/api/v1/auth/tokens", "{\"name\":\"x\"}", "Cookie", cookie, "Origin", "http://evil.example");
        assertEquals(403, response.statusCode());
        assertEquals("cross-site request refused: a logged-in browser may change things only from this server's own pages", title(response));
    }

    @Test
    void everyDataRequestIsAuditedAndAdminsReadTheChainedLog()
    {
        server.get("/api/v1/cubes/population_stock/query?dims=sex", Role.STATISTICIAN);
        List<AuditEntry> entries = server.audit.read(1, 10_000, entry -> "test-statistician".equals(entry.user())
                && "/api/v1/cubes/population_stock/query".equals(entry.path()));
        AuditEntry entry = entries.get(entries.size() - 1);
        assertEquals("statistician | token | GET | dims=sex | population_stock | 2 | 200", entry.role() + " | " + entry.via() + " | "
                + entry.method() + " | " + entry.query() + " | " + entry.cube() + " | " + entry.cells() + " | " + entry.status());
        HttpResponse<String> readResponse = server.get("/api/v1/admin/audit?user=test-statistician&cube=population_stock", Role.ADMIN);
        assertEquals(200, readResponse.statusCode(), readResponse.body());
        JsonNode read = json(readResponse);
        assertTrue(read.get("entries").size() >= 1, read.toString());
        JsonNode verified = json(server.get("/api/v1/admin/audit/verify", Role.ADMIN));
        assertTrue(verified.get("intact").asBoolean(), verified.toString());
    }

    @Test
    void responsesCarryTheSecurityHeadersAndApiErrorsNoStackTrace()
    {
        for (String path : List.of("/", "/js/app.js", "/api/v1/cubes", "/api/v1/nothing-here")) {
            HttpResponse<String> response = server.get(path);
            assertEquals("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self';"
                    + " connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                    response.headers().firstValue("Content-Security-Policy").orElse(null), path);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), path);
        }
        HttpResponse<String> missing = server.get("/api/v1/nothing-here");
        assertEquals(404, missing.statusCode());
        assertEquals("no such resource: /api/v1/nothing-here", title(missing));
        HttpResponse<String> badJson = server.send("POST", "/api/v1/auth/login", "{not json");
        assertEquals(400, badJson.statusCode());
        assertFalse(badJson.body().contains("at vn.dancu") || badJson.body().contains("Exception"), badJson.body());
    }

    @Test
    void GET_query_answersWithAnETagAndA304WhenTheClientHasIt()
    {
        HttpResponse<String> first = server.get("/api/v1/cubes/population_stock/query?dims=unit");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.startsWith("\"v1-"), etag);
        HttpResponse<String> again = server.get("/api/v1/cubes/population_stock/query?dims=unit", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void largeResponsesAreGzipped()
    {
        HttpResponse<byte[]> response = server.getBytes("/webjars/swagger-ui/5.34.1/swagger-ui.css", "Accept-Encoding", "gzip");
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(null));
        HttpResponse<byte[]> api = server.getBytes("/api/v1/openapi.json", "Accept-Encoding", "gzip");
        assertEquals("gzip", api.headers().firstValue("Content-Encoding").orElse(null));
    }

    @Test
    void pathTraversalOnStaticAndApiRoutesIsRefused()
    {
        for (String path : List.of("/../pom.xml", "/%2e%2e/%2e%2e/etc/passwd", "/js/..%2f..%2f..%2fpom.xml", "/webjars/..%2f..%2fMETA-INF/MANIFEST.MF",
                "/api/v1/cubes/..%2f..%2fserver/query", "/api/docs/..%2f..%2fdancu-api/openapi.json")) {
            HttpResponse<String> response = server.get(path);
            assertTrue(response.statusCode() == 400 || response.statusCode() == 404, path + " answered " + response.statusCode());
            assertFalse(response.body().contains("root:") || response.body().contains("<project") || response.body().contains("Manifest-Version"), path);
        }
    }

    @Test
    void openApiDescribesEveryRouteAndSwaggerUiIsServed()
    {
        JsonNode openApi = json(server.get("/api/v1/openapi.json"));
        assertEquals("3.0.3", openApi.get("openapi").asText());
        Set<String> described = new TreeSet<>();
        for (Iterator<String> paths = openApi.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            openApi.get("paths").get(path).fieldNames().forEachRemaining(method -> described.add(method.toUpperCase() + " /api/v1" + path));
        }
        Set<String> routes = new TreeSet<>();
        server.server.unsafe.internalRouter.allHttpHandlers().forEach(handler -> {
            String path = handler.endpoint.path;
            String method = handler.endpoint.method.name();
            if (path.startsWith("/api/v1") && List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                routes.add(method + " " + path);
            }
        });
        // This server answers neither SQL nor reports (the route sweep checks a server that does); the description lists them.
        Set<String> optional = Set.of("GET /api/v1/reports", "GET /api/v1/sql/views", "POST /api/v1/sql/queries", "POST /api/v1/sql/cancel",
                "GET /api/v1/sql/progress", "GET /api/v1/sql/result");
        Set<String> served = new TreeSet<>(described);
        served.removeAll(optional);
        // Nor saved tables and subscriptions (MyReportsApiTest checks a server that does).
        served.removeIf(route -> route.matches("\\w+ /api/v1/(saved-tables|subscriptions|deliveries|admin/subscriptions)(/.*)?"));
        assertEquals(routes, served);
        HttpResponse<String> docs = server.get("/api/docs/");
        assertEquals(200, docs.statusCode());
        assertTrue(docs.body().contains("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js"), docs.body());
    }
}
