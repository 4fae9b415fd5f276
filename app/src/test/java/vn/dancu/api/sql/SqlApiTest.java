package vn.dancu.api.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dancu.api.access.Role;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.sql.SqlLimits;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlApiTest
{
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Hours of work that stops when cancelled (its tasks check between batches of rows). */
    private static final String RUNAWAY = "SELECT count(*) FROM range(1000000000000) WHERE id % 7 = 3";
    private static Javalin server;
    private static SqlService sql;
    private static Path auditFile;

    private static SqlTestServer test;
    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception
    {
        DataLayout layout = TestRegister.layout();
        Path serverFolder = Files.createTempDirectory("dancu-sql-server");
        auditFile = serverFolder.resolve("audit/sql-audit.jsonl");
        test = new SqlTestServer(layout, serverFolder, CubeCatalog.builtIn(), 5, queries -> {
            sql = new SqlService(new SqlLimits(Duration.ofSeconds(15), 50), new SqlAuditLog(auditFile, Clock.systemUTC()),
                    TestEngines.process(layout, serverFolder.resolve("sql-engine.log"), "1g"));
            return sql;
        }, Clock.systemUTC());
        server = test.server;
    }

    @AfterAll
    static void stop()
    {
        test.close();
        sql.close();
    }

    /** A statistician's token per user name. */
    private static String token(String user)
    {
        return TOKENS.computeIfAbsent(user, name -> test.token("stat-" + name, Role.STATISTICIAN, Set.of()));
    }

    private static HttpResponse<String> post(String user, String path, String statement) throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("statement", statement))));
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postWithToken(String token, String statement) throws Exception
    {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/sql/queries"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("statement", statement)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception
    {
        return get("an", path);
    }

    private static HttpResponse<String> get(String user, String path) throws Exception
    {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Authorization", "Bearer " + token(user)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void POST_query_cubeViewGivesTheNumbersOfTheCubeQuery() throws Exception
    {
        HttpResponse<String> response = post("an", "/api/v1/sql/queries", """
                SELECT c.commune_code_2025 AS unit, p.sex, sum(p.population) AS population
                FROM cube_population_stock p JOIN unit_successors c ON p.commune_code = c.old_commune_code
                WHERE p.ref_date = DATE '2025-06-30'
                GROUP BY 1, 2 ORDER BY 1, 2""");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        Map<String, Long> fromSql = new TreeMap<>();
        body.get("rows").forEach(row -> fromSql.put(row.get(0).asText() + " " + row.get(1).asText(), row.get(2).asLong()));
        Map<String, Long> fromApi = new TreeMap<>();
        JSON.readTree(get("/api/v1/cubes/population_stock/query?dims=unit,sex&date=2025-06-30&geo=2025").body()).get("rows")
                .forEach(row -> fromApi.put(row.get("unit").asText() + " " + row.get("sex").asText(), row.get("population").asLong()));
        assertTrue(fromApi.size() >= 4, fromApi.toString());
        assertEquals(fromApi, fromSql);
        assertEquals("[{\"name\":\"unit\",\"type\":\"string\"},{\"name\":\"sex\",\"type\":\"string\"},{\"name\":\"population\",\"type\":\"bigint\"}]",
                body.get("columns").toString());
        assertFalse(body.get("truncated").asBoolean());
    }

    @Test
    void POST_query_readingAFile_returns400WithTheGuardsMessage() throws Exception
    {
        HttpResponse<String> response = post("an", "/api/v1/sql/queries", "SELECT * FROM parquet.`/etc`");
        assertEquals(400, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("sql-refused", body.get("type").asText());
        assertEquals("reading files is not allowed (parquet.`/etc`): only the registered views can be read; \\tables or SHOW TABLES lists them",
                body.get("title").asText());
    }

    @Test
    void POST_query_anonymous_returns401_andOtherRoles_return403() throws Exception
    {
        HttpResponse<String> anonymous = post(null, "/api/v1/sql/queries", "SELECT 1");
        assertEquals(401, anonymous.statusCode());
        assertEquals("SQL needs a statistician account: log in (POST /api/v1/auth/login) or send an API token",
                JSON.readTree(anonymous.body()).get("title").asText());
        HttpResponse<String> planner = postWithToken(test.token(Role.PLANNER), "SELECT 1");
        assertEquals(403, planner.statusCode());
        assertEquals("SQL is for the statistician role; the role of test-planner is planner", JSON.readTree(planner.body()).get("title").asText());
        HttpResponse<String> scoped = postWithToken(test.token("scoped-statistician", Role.STATISTICIAN, Set.of("23479")), "SELECT 1");
        assertEquals(403, scoped.statusCode());
        assertEquals("SQL reads the whole register: an account limited to some communes cannot use it", JSON.readTree(scoped.body()).get("title").asText());
    }

    @Test
    void POST_query_resultBeyondTheRowLimitIsTruncated() throws Exception
    {
        JsonNode body = JSON.readTree(post("an", "/api/v1/sql/queries", "SELECT id FROM range(60)").body());
        assertEquals(50, body.get("rowCount").asInt());
        assertTrue(body.get("truncated").asBoolean());
        assertEquals(50, body.get("rowLimit").asInt());
    }

    @Test
    void runawayQueryIsStoppedAtTheTimeLimitWhileTheDashboardAnswers() throws Exception
    {
        CompletableFuture<HttpResponse<String>> runaway = CompletableFuture.supplyAsync(() -> {
            try {
                return post("bo", "/api/v1/sql/queries", RUNAWAY);
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (!runaway.isDone() && sql.progress("stat-bo").map(progress -> progress.stagesTotal() == 0).orElse(true)) {
            Thread.sleep(20);
        }
        assertFalse(runaway.isDone(), () -> "the runaway statement ended at once: " + runaway.join().statusCode() + " " + runaway.join().body());
        HttpResponse<String> busy = post("bo", "/api/v1/sql/queries", "SELECT 1");
        HttpResponse<String> dashboard = get("/api/v1/cubes/population_stock/query?dims=sex");
        assertFalse(runaway.isDone(), "the cube query should answer while the SQL statement still runs");
        assertEquals(200, dashboard.statusCode(), dashboard.body());
        assertEquals(409, busy.statusCode());
        assertEquals("a statement of yours is already running: wait for it to finish or cancel it (POST /api/v1/sql/cancel);"
                + " one statement at a time per user", JSON.readTree(busy.body()).get("title").asText());

        HttpResponse<String> stopped = runaway.get(60, TimeUnit.SECONDS);
        assertEquals(422, stopped.statusCode());
        assertEquals("the statement ran longer than the time limit of 15 s and was cancelled", JSON.readTree(stopped.body()).get("title").asText());
        assertEquals(200, post("bo", "/api/v1/sql/queries", "SELECT 1").statusCode());
    }

    @Test
    void POST_cancel_stopsTheUsersRunningStatement() throws Exception
    {
        CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> {
            try {
                return post("chi", "/api/v1/sql/queries", RUNAWAY);
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (!running.isDone() && sql.progress("stat-chi").isEmpty()) {
            Thread.sleep(20);
        }
        assertFalse(running.isDone(), () -> "the statement ended at once: " + running.join().statusCode() + " " + running.join().body());
        HttpResponse<String> cancel = post("chi", "/api/v1/sql/cancel", "");
        assertEquals("{\"cancelled\":true}", cancel.body());
        HttpResponse<String> cancelled = running.get(60, TimeUnit.SECONDS);
        assertEquals(409, cancelled.statusCode());
        assertEquals("the statement was cancelled", JSON.readTree(cancelled.body()).get("title").asText());
    }

    @Test
    void everyStatementIsInTheAuditLog() throws Exception
    {
        post("dung", "/api/v1/sql/queries", "SELECT count(*) FROM ethnic_groups");
        post("dung", "/api/v1/sql/queries", "ADD JAR /tmp/x.jar");
        List<JsonNode> entries = Files.readAllLines(auditFile).stream().map(line -> {
            try {
                return JSON.readTree(line);
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(entry -> entry.get("user").asText().equals("stat-dung")).toList();
        assertEquals(2, entries.size());
        assertEquals("SELECT count(*) FROM ethnic_groups | ok | 1", entries.get(0).get("statement").asText() + " | "
                + entries.get(0).get("outcome").asText() + " | " + entries.get(0).get("rows").asLong());
        assertEquals("ADD JAR /tmp/x.jar | refused | ADD JAR is not allowed: only read-only queries of the registered views may run"
                + " (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)",
                entries.get(1).get("statement").asText() + " | " + entries.get(1).get("outcome").asText() + " | " + entries.get(1).get("message").asText());
    }

    @Test
    void GET_result_downloadsTheLastResultAsXlsx() throws Exception
    {
        post("em", "/api/v1/sql/queries", "SELECT code, label_en, range_from FROM code_lists WHERE list_name = 'ageGroup5' ORDER BY range_from LIMIT 2");
        HttpResponse<byte[]> file = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/sql/result?format=xlsx"))
                .header("Authorization", "Bearer " + token("em")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            Sheet sheet = workbook.getSheet("result");
            assertEquals("code", sheet.getRow(2).getCell(0).getStringCellValue());
            assertEquals("5-9", sheet.getRow(4).getCell(0).getStringCellValue());
            assertEquals("5–9", sheet.getRow(4).getCell(1).getStringCellValue());
            assertEquals(5.0, sheet.getRow(4).getCell(2).getNumericCellValue());
        }
        HttpResponse<String> csv = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/sql/result"))
                .header("Authorization", "Bearer " + token("em")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("\uFEFFcode,label_en,range_from\r\n0-4,0–4,0\r\n5-9,5–9,5\r\n", csv.body());
    }

    @Test
    void GET_views_listsTheViewsWithTheirColumns() throws Exception
    {
        JsonNode views = JSON.readTree(get("/api/v1/sql/views").body()).get("views");
        JsonNode cube = null;
        for (JsonNode view : views) {
            if (view.get("name").asText().equals("cube_population_stock")) {
                cube = view;
            }
        }
        assertEquals("cube", cube.get("kind").asText());
        assertEquals("population", cube.get("columns").get(6).get("name").asText());
        assertEquals("Population (persons)", cube.get("columns").get(6).get("description").asText());
    }
}
