package vn.dancu.api.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dancu.api.access.Role;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.sql.SqlLimits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQL engine in its own process, attacked as an outsider with a statistician account would: statements that run
 * away (in their tasks, in the optimiser), that build huge values, that return huge rows, that read where the server
 * keeps its files; an engine killed under a statement. Each is answered within its time limit plus 10 s, leaves the
 * engine idle, is in the SQL audit trail and the server's audit log, and the dashboard answers throughout.
 *
 * <p>A server with a 5 s SQL time limit and an engine of 768 MiB, over a copy of the shared test register (1,000
 * persons), so that a test may delete a file under it. Results are limited to 10,000 rows and 4 MiB.
 */
class SqlEngineProcessTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final long LIMIT_SECONDS = 5;
    private static final String DASHBOARD = "/api/v1/cubes/population_stock/query?dims=sex";

    private static Path data;
    private static Path serverFolder;
    private static SqlTestServer test;
    private static SqlService sql;
    private static String token;

    @BeforeAll
    static void start() throws Exception
    {
        data = Files.createTempDirectory("dancu-sql-engine-test");
        copy(Path.of(TestRegister.layout().root()), data);
        DataLayout layout = new DataLayout(data.toString());
        serverFolder = data.resolve("server");
        test = new SqlTestServer(layout, serverFolder, CubeCatalog.builtIn(), 5, queries -> {
            sql = new SqlService(new SqlLimits(Duration.ofSeconds(LIMIT_SECONDS), 10_000, 4L << 20), new SqlAuditLog(serverFolder.resolve("audit/sql-audit.jsonl"),
                    Clock.systemUTC()), TestEngines.process(layout, serverFolder.resolve("sql-engine.log"), "768m"));
            return sql;
        }, Clock.systemUTC());
        token = test.token("stat-hoa", Role.STATISTICIAN, Set.of());
        sql.start();
        assertEquals(200, post("SELECT 1").statusCode());
    }

    @AfterAll
    static void stop() throws IOException
    {
        if (test != null) {
            test.close();
        }
        Path log = serverFolder.resolve("sql-engine.log");
        if (Files.exists(log)) {
            System.out.println("--- " + log + "\n" + Files.readString(log));
        }
        if (sql != null) {
            assertTrue(sql.engine().serving().isEmpty(), "the engine stops with the server");
        }
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path relative = from.relativize(path);
                if (relative.startsWith("server")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static HttpResponse<String> post(String statement)
    {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(test.url("/api/v1/sql/queries")))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("statement", statement)))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException
    {
        return JSON.readTree(response.body());
    }

    /** A statement's answer, how long it took, and the dashboard's answers while it ran. */
    private record Outcome(HttpResponse<String> response, double seconds, List<Integer> dashboard, long enginePid)
    {
        JsonNode body() throws IOException
        {
            return JSON.readTree(response.body());
        }
    }

    /** Runs {@code statement} while an anonymous visitor asks the dashboard a question every 100 ms. */
    private static Outcome runWhileTheDashboardIsAsked(String statement) throws Exception
    {
        long pid = sql.engine().ready().pid();
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> post(statement));
        while (!answer.isDone()) {
            HttpResponse<String> dashboard = CLIENT.send(HttpRequest.newBuilder(URI.create(test.url(DASHBOARD))).build(), HttpResponse.BodyHandlers.ofString());
            if (!answer.isDone()) {
                statuses.add(dashboard.statusCode());
            }
            Thread.sleep(100);
        }
        HttpResponse<String> response = answer.get();
        return new Outcome(response, (System.nanoTime() - started) / 1e9, statuses, pid);
    }

    /** CPU seconds (user + system, all threads) the process has used, from /proc. */
    private static double cpuSeconds(long pid) throws IOException
    {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /**
     * The engine serving once the statement was answered (the same or a restarted one) uses less than a tenth of a
     * core over 3 s: nothing of the statement goes on.
     */
    private static void assertTheEngineIsIdle(Outcome outcome, boolean restarted) throws Exception
    {
        SqlEngineProcess.Engine engine = sql.engine().ready();
        if (restarted) {
            assertNotEquals(outcome.enginePid(), engine.pid(), "the engine should have been restarted");
            assertFalse(ProcessHandle.of(outcome.enginePid()).map(ProcessHandle::isAlive).orElse(false), "the old engine should be gone");
            Thread.sleep(2000);
        }
        else {
            assertEquals(outcome.enginePid(), engine.pid(), "the engine should not have been restarted");
        }
        double before = cpuSeconds(engine.pid());
        Thread.sleep(3000);
        double used = cpuSeconds(engine.pid()) - before;
        assertTrue(used < 0.3, "the engine used " + used + " s of CPU in 3 s after the statement was answered");
    }

    private static void assertAnsweredInTime(Outcome outcome)
    {
        assertTrue(outcome.seconds() < LIMIT_SECONDS + 10, "answered after " + outcome.seconds() + " s");
        assertFalse(outcome.dashboard().isEmpty(), "the dashboard should have been asked while the statement ran");
        assertTrue(outcome.dashboard().stream().allMatch(status -> status == 200), "the dashboard answered " + outcome.dashboard());
    }

    /** The SQL audit trail's entry of the last statement of that text: outcome | message. */
    private static String audited(String statement) throws IOException
    {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(serverFolder.resolve("audit/sql-audit.jsonl"))) {
            JsonNode entry = JSON.readTree(line);
            if (entry.get("statement").asText().equals(statement)) {
                found.add(entry.get("outcome").asText() + " | " + entry.get("message").asText());
            }
        }
        assertFalse(found.isEmpty(), "no SQL audit entry for " + statement);
        return found.get(found.size() - 1);
    }

    /** The status the server's audit log recorded for the last request with that statement (it is written in the background). */
    private static int auditedStatus(String statement) throws Exception
    {
        for (int attempt = 0; attempt < 100; attempt++) {
            int status = -1;
            try (Stream<Path> segments = Files.list(serverFolder.resolve("audit"))) {
                for (Path segment : segments.filter(path -> path.getFileName().toString().startsWith("audit-log")).sorted().toList()) {
                    for (String line : Files.readAllLines(segment)) {
                        JsonNode entry = JSON.readTree(line);
                        if (statement.equals(entry.path("statement").asText(null)) && "/api/v1/sql/queries".equals(entry.path("path").asText())) {
                            status = entry.get("status").asInt();
                        }
                    }
                }
            }
            if (status > 0) {
                return status;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    @Test
    void crossJoinOfThePersonsIsStoppedWithinItsLimitAndTheEngineIsIdleAfterwards() throws Exception
    {
        // the statement (31,000 persons cubed) with one more join: the test register has 1,000 persons
        String statement = "SELECT count(*) FROM persons a CROSS JOIN persons b CROSS JOIN persons c CROSS JOIN persons d";
        Outcome outcome = runWhileTheDashboardIsAsked(statement);
        assertEquals(422, outcome.response().statusCode(), outcome.response().body());
        assertEquals("sql-time-limit", outcome.body().get("type").asText());
        assertTrue(outcome.body().get("title").asText().startsWith("the statement ran longer than the time limit of 5 s"), outcome.response().body());
        assertAnsweredInTime(outcome);
        boolean restarted = outcome.body().get("title").asText().endsWith("was restarted");
        assertTheEngineIsIdle(outcome, restarted);
        assertTrue(audited(statement).startsWith("time_limit | the statement ran longer than the time limit of 5 s"), audited(statement));
        assertEquals(422, auditedStatus(statement));
    }

    @Test
    void tasksThatIgnoreTheCancelAreStoppedByRestartingTheEngine() throws Exception
    {
        // computed from the rows, so in a task (10^12 steps), by code that never looks whether its task was cancelled
        String statement = "SELECT levenshtein(repeat('a', 1000000 + id), repeat('b', 1000000)) FROM range(1)";
        Outcome outcome = runWhileTheDashboardIsAsked(statement);
        assertEquals(422, outcome.response().statusCode(), outcome.response().body());
        assertEquals("the statement ran longer than the time limit of 5 s and was cancelled; the SQL engine could not stop it and was restarted",
                outcome.body().get("title").asText());
        assertAnsweredInTime(outcome);
        assertTheEngineIsIdle(outcome, true);
        assertEquals("time_limit | the statement ran longer than the time limit of 5 s and was cancelled; the SQL engine could not stop it and was restarted",
                audited(statement));
        assertEquals(200, post("SELECT 2").statusCode());
    }

    @Test
    void optimiserFoldingAnEndlessConstantIsStoppedByRestartingTheEngine() throws Exception
    {
        // a constant: Spark's optimiser computes it before any job, on the statement's thread (10^12 steps)
        String statement = "SELECT levenshtein(repeat('a', 1000000), repeat('b', 1000000))";
        Outcome outcome = runWhileTheDashboardIsAsked(statement);
        assertEquals(422, outcome.response().statusCode(), outcome.response().body());
        assertEquals("the statement ran longer than the time limit of 5 s and was cancelled; the SQL engine could not stop it and was restarted",
                outcome.body().get("title").asText());
        assertAnsweredInTime(outcome);
        assertTheEngineIsIdle(outcome, true);
        assertEquals(422, auditedStatus(statement));
    }

    @Test
    void constantTooLargeForTheEnginesMemoryIsRefusedBeforeItIsBuilt() throws Exception
    {
        String statement = "SELECT length(concat_ws(',', sequence(1,50000000)))";
        Outcome outcome = runWhileTheDashboardIsAsked(statement);
        assertEquals(400, outcome.response().statusCode(), outcome.response().body());
        assertEquals("sql-refused", outcome.body().get("type").asText());
        assertEquals("sequence(…) would build a value of 50,000,000 elements; a value may have at most 1,000,000 elements here"
                + " (the SQL engine's memory is shared by every statement)", outcome.body().get("title").asText());
        assertTrue(outcome.seconds() < LIMIT_SECONDS, "answered after " + outcome.seconds() + " s");
        assertEquals("refused | sequence(…) would build a value of 50,000,000 elements; a value may have at most 1,000,000 elements here"
                + " (the SQL engine's memory is shared by every statement)", audited(statement));
        assertEquals(400, auditedStatus(statement));
    }

    @Test
    void constantThatRunsTheEngineOutOfMemoryRestartsItAndIsAudited() throws Exception
    {
        // each part is within the guard's bounds; the optimiser folds them into one string of 1,000,000,000 characters
        String statement = "SELECT length(concat_ws('', array_repeat(repeat('x', 1000000), 1000)))";
        Outcome outcome = runWhileTheDashboardIsAsked(statement);
        assertEquals(422, outcome.response().statusCode(), outcome.response().body());
        assertEquals("sql-crashed", outcome.body().get("type").asText(), outcome.response().body());
        assertEquals("the SQL engine ran out of memory (its heap is 768m) while the statement ran; run it again asking for less at once"
                + " (aggregate, filter, LIMIT); the engine is restarted", outcome.body().get("title").asText());
        assertAnsweredInTime(outcome);
        assertTheEngineIsIdle(outcome, true);
        assertEquals("crashed | the SQL engine ran out of memory (its heap is 768m) while the statement ran; run it again asking for less at once"
                + " (aggregate, filter, LIMIT); the engine is restarted", audited(statement));
        assertEquals(422, auditedStatus(statement));
        assertEquals("[[3]]", json(post("SELECT 1 + 2")).get("rows").toString());
    }

    @Test
    void hugeRowsAreCutAtTheResultSizeLimit() throws Exception
    {
        // rows of 1,000,000 characters against the test server's size limit of 4 MiB: 4 rows fit (1,000,005 bytes each as JSON)
        String statement = "SELECT repeat('x', 1000000) AS x FROM range(3000)";
        Outcome outcome = runWhileTheDashboardIsAsked(statement);
        assertEquals(200, outcome.response().statusCode(), outcome.response().body());
        JsonNode body = outcome.body();
        assertEquals(4, body.get("rowCount").asInt());
        assertEquals(4, body.get("rows").size());
        assertEquals(1_000_000, body.get("rows").get(3).get(0).asText().length());
        assertTrue(body.get("truncated").asBoolean());
        assertEquals("bytes", body.get("truncation").asText());
        assertEquals(4L << 20, body.get("byteLimit").asLong());
        assertEquals("truncated: the result is larger than the size limit of 4 MiB; only the first 4 rows are here", body.get("note").asText());
        assertTrue(outcome.response().body().length() < 4_200_000, "the answer has " + outcome.response().body().length() + " characters");
        assertTrue(outcome.seconds() < LIMIT_SECONDS + 10, "answered after " + outcome.seconds() + " s");
        assertTheEngineIsIdle(outcome, false);
        assertEquals("ok | truncated: the result is larger than the size limit of 4 MiB; only the first 4 rows are here", audited(statement));
    }

    @Test
    void engineKilledUnderAStatementIsRestartedAndTheNextStatementAnswered() throws Exception
    {
        String statement = "SELECT count(*) FROM range(1000000000000) WHERE id % 11 = 5";
        long pid = sql.engine().ready().pid();
        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> post(statement));
        while (sql.progress("stat-hoa").map(progress -> progress.tasksTotal() == 0).orElse(true)) {
            Thread.sleep(20);
        }
        assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
        HttpResponse<String> response = answer.get();
        assertEquals(422, response.statusCode(), response.body());
        assertEquals("sql-crashed", json(response).get("type").asText());
        assertEquals("the SQL engine ended (exit status 137) while the statement ran; run it again; the engine is restarted", json(response).get("title").asText());
        assertEquals("crashed | the SQL engine ended (exit status 137) while the statement ran; run it again; the engine is restarted", audited(statement));
        HttpResponse<String> next = post("SELECT count(*) FROM ethnic_groups");
        assertEquals(200, next.statusCode(), next.body());
        assertEquals("[[54]]", json(next).get("rows").toString());
        assertNotEquals(pid, sql.engine().ready().pid());
    }

    @Test
    void serverPathsAreHiddenFromExplainAndMessagesAndCannotBeAskedFor() throws Exception
    {
        String root = data.toString();
        for (String explain : List.of("EXPLAIN SELECT * FROM persons", "EXPLAIN EXTENDED SELECT count(*) FROM cube_births",
                "EXPLAIN FORMATTED SELECT * FROM households h JOIN persons p ON h.household_pid = p.household_pid")) {
            HttpResponse<String> response = post(explain);
            assertEquals(200, response.statusCode(), response.body());
            String plan = json(response).get("rows").get(0).get(0).asText();
            assertTrue(plan.contains("<data>/curated/snapshots/") || plan.contains("<data>/cubes/versions/"), plan);
            assertFalse(plan.contains(root), plan);
            assertFalse(plan.contains("file:/"), plan);
        }
        for (String statement : List.of("SELECT input_file_name() FROM persons", "SELECT _metadata.file_path FROM events",
                "SELECT input_file_block_start() FROM households")) {
            HttpResponse<String> response = post(statement);
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(json(response).get("title").asText().endsWith("is not allowed: it shows where the server keeps its files"), response.body());
        }
        // a file of a view deleted under the running engine: Spark's message names it (put back afterwards: an engine that
        // starts again registers the views anew)
        Path snapshots = Path.of(new DataLayout(root).curated()).resolve("snapshots");
        Path original = Path.of(new DataLayout(TestRegister.layout().root()).curated()).resolve("snapshots");
        List<Path> deleted;
        try (Stream<Path> files = Files.walk(snapshots)) {
            deleted = files.filter(path -> path.toString().contains("/households/") && path.toString().endsWith(".parquet")).toList();
        }
        HttpResponse<String> missing;
        try {
            for (Path file : deleted) {
                Files.delete(file);
            }
            missing = post("SELECT count(*) FROM households");
        }
        finally {
            for (Path file : deleted) {
                Files.copy(original.resolve(snapshots.relativize(file).toString()), file);
            }
        }
        assertEquals(422, missing.statusCode(), missing.body());
        String message = json(missing).get("title").asText();
        assertTrue(message.contains("<data>/curated/snapshots/"), message);
        assertFalse(message.contains(root), message);
        assertFalse(message.contains("/tmp/"), message);
        assertTrue(audited("SELECT count(*) FROM households").startsWith("failed | "), audited("SELECT count(*) FROM households"));
        assertFalse(audited("SELECT count(*) FROM households").contains(root));
    }

    /** The SQL audit trail's last entry for that statement. */
    private static JsonNode auditEntry(String statement) throws IOException
    {
        JsonNode found = null;
        for (String line : Files.readAllLines(serverFolder.resolve("audit/sql-audit.jsonl"))) {
            JsonNode entry = JSON.readTree(line);
            if (entry.get("statement").asText().equals(statement)) {
                found = entry;
            }
        }
        assertTrue(found != null, "no SQL audit entry for " + statement);
        return found;
    }

    private static HttpResponse<String> cancel() throws Exception
    {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(test.url("/api/v1/sql/cancel"))).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the user's statement has started its first Spark tasks. */
    private static void awaitTasks() throws InterruptedException
    {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sql.progress("stat-hoa").map(progress -> progress.tasksTotal() == 0).orElse(true)) {
            assertTrue(System.nanoTime() < deadline, "the statement's tasks did not start within 60 s");
            Thread.sleep(20);
        }
    }

    @Test
    void firstRowLargerThanTheSizeLimitIsAnswered422WithoutTheRow() throws Exception
    {
        // 5 values of 1,000,000 characters, each within the guard's bounds: one row of 5 MB against the 4 MiB limit
        String statement = "SELECT array_repeat(repeat('x', 1000000), 5) AS x";
        HttpResponse<String> response = post(statement);
        assertEquals(422, response.statusCode(), response.body().length() > 2000 ? response.body().substring(0, 2000) : response.body());
        JsonNode body = json(response);
        assertEquals("sql-too-large", body.get("type").asText());
        assertEquals(422, body.get("status").asInt());
        assertEquals("the first row alone is larger than the result size limit of 4 MiB (5,000,019 bytes as JSON): select fewer or smaller columns",
                body.get("title").asText());
        assertTrue(response.body().length() < 2000, "the answer carries no row: " + response.body().length() + " characters");
        assertEquals("too_large | the first row alone is larger than the result size limit of 4 MiB (5,000,019 bytes as JSON):"
                + " select fewer or smaller columns", audited(statement));
        assertEquals(422, auditedStatus(statement));
    }

    @Test
    void everyStatementIsAuditedWithItsAccountItsTextAndItsOutcome() throws Exception
    {
        // one statement of each outcome a statistician can cause by what they send, with the answer they get
        Map<String, List<Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("SELECT count(*) AS n FROM ethnic_groups", List.of(200, "ok"));
        cases.put("SELECT id FROM range(20000)", List.of(200, "ok"));
        cases.put("DROP VIEW persons", List.of(400, "refused"));
        cases.put("SELECT * FROM parquet.`/etc`", List.of(400, "refused"));
        cases.put("SELEC 1", List.of(400, "syntax"));
        cases.put("SELECT no_such_column FROM persons", List.of(400, "analysis"));
        cases.put("SELECT assert_true(id < 0) FROM range(3)", List.of(422, "failed"));
        for (Map.Entry<String, List<Object>> entry : cases.entrySet()) {
            String statement = entry.getKey();
            HttpResponse<String> response = post(statement);
            assertEquals(entry.getValue().get(0), response.statusCode(), statement + " → " + response.body());
            JsonNode audited = auditEntry(statement);
            assertEquals("stat-hoa", audited.get("user").asText(), audited.toString());
            assertEquals("127.0.0.1", audited.get("address").asText(), audited.toString());
            assertEquals(entry.getValue().get(1), audited.get("outcome").asText(), audited.toString());
            if (response.statusCode() != 200) {
                assertEquals(json(response).get("title").asText(), audited.get("message").asText(), audited.toString());
            }
            assertEquals(response.statusCode(), auditedStatus(statement), statement);
        }
        assertEquals(10_000, auditEntry("SELECT id FROM range(20000)").get("rows").asInt());
        assertEquals("truncated: the result has more rows than the limit of 10,000", auditEntry("SELECT id FROM range(20000)").get("message").asText());

        // a second statement while one runs (409 busy), then the running one cancelled by its user (409 cancelled)
        String slow = "SELECT count(*) FROM range(1000000000000) WHERE id % 13 = 5";
        long pid = sql.engine().ready().pid();
        CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> post(slow));
        awaitTasks();
        HttpResponse<String> second = post("SELECT 42");
        assertEquals(409, second.statusCode(), second.body());
        assertEquals("sql-busy", json(second).get("type").asText());
        assertEquals("busy", auditEntry("SELECT 42").get("outcome").asText());
        assertEquals("stat-hoa", auditEntry("SELECT 42").get("user").asText());
        assertEquals("{\"cancelled\":true}", cancel().body());
        HttpResponse<String> cancelled = running.get(LIMIT_SECONDS + 10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(409, cancelled.statusCode(), cancelled.body());
        assertEquals("sql-cancelled", json(cancelled).get("type").asText());
        assertEquals("cancelled", auditEntry(slow).get("outcome").asText());
        assertEquals("stat-hoa", auditEntry(slow).get("user").asText());
        assertEquals(409, auditedStatus(slow));
        assertEquals(pid, sql.engine().ready().pid(), "a statement whose tasks look at their cancel is stopped without a restart");
    }

    @Test
    void engineKilledWhileIdleIsReplacedAndTheNextStatementWaitsForTheNewOne() throws Exception
    {
        long pid = sql.engine().ready().pid();
        ProcessHandle old = ProcessHandle.of(pid).orElseThrow();
        assertTrue(old.destroyForcibly());
        old.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        HttpResponse<String> next = post("SELECT count(*) AS n FROM code_lists");
        assertEquals(200, next.statusCode(), next.body());
        long restarted = sql.engine().ready().pid();
        assertNotEquals(pid, restarted);
        HttpResponse<String> later = post("SELECT count(*) FROM ethnic_groups");
        assertEquals("[[54]]", json(later).get("rows").toString());
        assertEquals(restarted, sql.engine().ready().pid());
        assertEquals("ok", auditEntry("SELECT count(*) AS n FROM code_lists").get("outcome").asText());
    }

    @Test
    void noAnswerOfAnyStatementShowsWhereTheServerKeepsItsFiles() throws Exception
    {
        // statements an attacker would try to learn the server's folders: metadata commands, plans, file readers, errors
        List<String> statements = List.of(
                "DESCRIBE TABLE EXTENDED persons", "DESCRIBE FORMATTED events", "DESCRIBE QUERY SELECT * FROM persons",
                "SHOW CREATE TABLE persons", "SHOW TABLE EXTENDED LIKE 'persons'", "SHOW TABLES", "SHOW VIEWS", "SHOW COLUMNS IN households",
                "SHOW DATABASES", "SHOW CATALOGS", "SHOW PARTITIONS persons", "SHOW TBLPROPERTIES persons",
                "EXPLAIN SELECT * FROM events", "EXPLAIN CODEGEN SELECT count(*) FROM persons", "EXPLAIN COST SELECT * FROM households",
                "EXPLAIN FORMATTED SELECT * FROM cube_population_stock",
                "SELECT * FROM parquet.`" + data.resolve("curated") + "`", "SELECT * FROM csv.`file:///etc/passwd`",
                "SELECT * FROM no_such_view", "SELECT * FROM global_temp.persons", "SELECT * FROM spark_catalog.default.persons",
                "SELECT input_file_name(), * FROM persons", "SELECT _metadata FROM persons", "SELECT _metadata.file_name FROM households",
                "SELECT reflect('java.lang.System', 'getProperty', 'user.dir')", "SELECT java_method('java.lang.System', 'getenv', 'HOME')",
                "SET spark.sql.warehouse.dir", "SET", "SELECT current_catalog(), current_database(), current_user()",
                "CREATE TABLE t LOCATION '/tmp/t' AS SELECT 1", "ADD JAR /tmp/x.jar", "LIST FILES", "LIST JARS",
                "SELECT assert_true(false) FROM persons", "SELECT raise_error('boom') FROM households",
                "SELECT CAST(sex AS INT) FROM persons", "SELECT 1 / 0 FROM events");
        List<String> secrets = new ArrayList<>(List.of(data.toString(), "file:/", "/tmp/", System.getProperty("java.home"),
                System.getProperty("user.dir"), System.getProperty("user.home") + "/"));
        List<String> leaks = new ArrayList<>();
        for (String statement : statements) {
            HttpResponse<String> response = post(statement);
            String body = response.body();
            if (response.statusCode() >= 500) {
                leaks.add(statement + " → " + response.statusCode() + " " + body);
                continue;
            }
            JsonNode json = json(response);
            if (response.statusCode() != 200 && !(json.has("title") && json.has("type") && json.get("status").asInt() == response.statusCode())) {
                leaks.add(statement + " → not the JSON error shape: " + body);
            }
            // what the statistician sees: the rows, or the error; the statement itself is echoed and may name a path of its own
            String shown = response.statusCode() == 200 ? json.get("rows").toString() : json.get("title").asText();
            for (String secret : secrets) {
                if (shown.contains(secret)) {
                    leaks.add(statement + " → " + response.statusCode() + " shows " + secret + ": " + shown);
                }
            }
            String audited = auditEntry(statement).path("message").asText("");
            for (String secret : secrets) {
                if (audited.contains(secret)) {
                    leaks.add(statement + " → the audit's message shows " + secret);
                }
            }
        }
        assertEquals(List.of(), leaks);
    }
}
