package vn.dancu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.model.publish.DataLayout;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * generate → ingest → build → serve on a small register through the command line, then the served figures are
 * checked against a count made another way: DuckDB over the raw register files.
 */
class PipelineEndToEndTest
{
    @TempDir
    static Path data;
    private static Javalin server;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Residents on the last day by 5-year band and sex, straight from the raw files: a person is resident when their
     * last entry or exit event is not an exit (death or move out); everyone in the extract lived in the area in the period.
     */
    private static final String RESIDENTS_BY_BAND_AND_SEX = """
            WITH last_event AS (
              SELECT id_number, arg_max(event_type, event_date) AS event_type
              FROM read_parquet('%1$s/raw/events.parquet')
              WHERE event_type IN ('BIRTH', 'MOVE_IN', 'MOVE_OUT', 'DEATH')
              GROUP BY id_number)
            SELECT CASE WHEN age >= 100 THEN '100+' ELSE CAST(age // 5 * 5 AS VARCHAR) || '-' || CAST(age // 5 * 5 + 4 AS VARCHAR) END AS band,
                   CASE sex WHEN 'Nam' THEN 'M' ELSE 'F' END AS sex, count(*) AS persons
            FROM (SELECT p.sex, date_part('year', age(DATE '2026-10-31', p.birth_date)) AS age
                  FROM read_parquet('%1$s/raw/persons.parquet') p LEFT JOIN last_event e USING (id_number)
                  WHERE coalesce(e.event_type, '') NOT IN ('MOVE_OUT', 'DEATH'))
            GROUP BY ALL
            """;

    @BeforeAll
    static void runPipeline() throws Exception
    {
        Path key = data.resolve("test.key");
        Files.writeString(key, "an end-to-end test key of enough length");
        String folder = data.toString();
        assertEquals(0, Dancu.commandLine().execute("generate", "--data", folder, "--persons", "1500", "--seed", "7", "--end", "2026-10-31"));
        assertEquals(0, Dancu.commandLine().execute("ingest", "--data", folder, "--key-file", key.toString(), "--master", "local[2]"));
        assertEquals(0, Dancu.commandLine().execute("build", "--data", folder, "--master", "local[2]"));
        // Exact counts are for the statistician role (anonymous visitors get small counts withheld): a token for one.
        try (vn.dancu.api.state.StateDatabase state = vn.dancu.api.state.StateDatabase.embedded(data.resolve("server"))) {
            vn.dancu.api.access.AccountStore accounts = new vn.dancu.api.access.AccountStore(state,
                    new vn.dancu.api.access.PasswordHasher(1024, 1), java.time.Clock.systemUTC());
            accounts.create("e2e", null, vn.dancu.api.access.Role.STATISTICIAN, java.util.Set.of(), "end-to-end-password");
            token = new vn.dancu.api.access.ApiTokens(state, java.time.Clock.systemUTC())
                    .issue("e2e", "end-to-end test", java.time.Duration.ofDays(1)).text();
        }
        server = ServeCommand.start(new DataLayout(folder), 0, null);
    }

    private static String token;

    @AfterAll
    static void stop()
    {
        if (server != null) {
            server.stop();
        }
    }

    private static JsonNode get(String path) throws Exception
    {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static Map<String, Long> directCount() throws Exception
    {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement();
             ResultSet rows = statement.executeQuery(RESIDENTS_BY_BAND_AND_SEX.formatted(data))) {
            while (rows.next()) {
                counts.put(rows.getString("band") + " " + rows.getString("sex"), rows.getLong("persons"));
            }
        }
        return counts;
    }

    @Test
    void pyramidServedByTheApiEqualsADirectCountOverTheRegister() throws Exception
    {
        JsonNode served = get("/api/v1/cubes/population_stock/query?dims=ageBand,sex&date=2026-10-31");
        Map<String, Long> pyramid = new LinkedHashMap<>();
        for (JsonNode row : served.get("rows")) {
            pyramid.put(row.get("ageBand").asText() + " " + row.get("sex").asText(), row.get("population").asLong());
        }
        Map<String, Long> direct = directCount();
        assertTrue(direct.size() > 20, "the register should fill most age bands, got " + direct);
        assertEquals(new java.util.TreeMap<>(direct), new java.util.TreeMap<>(pyramid));
    }

    @Test
    void areaTotalEqualsTheNumberOfResidentsInTheRegister() throws Exception
    {
        long direct = directCount().values().stream().mapToLong(Long::longValue).sum();
        JsonNode served = get("/api/v1/cubes/population_stock/query?dims=area");
        assertEquals("2026-10-31", served.get("refDate").asText());
        assertEquals(direct, served.get("rows").get(0).get("population").asLong());
        long communes = 0;
        for (JsonNode row : get("/api/v1/cubes/population_stock/query?dims=commune&geo=2025").get("rows")) {
            communes += row.get("population").asLong();
        }
        assertEquals(direct, communes);
    }

    @Test
    void dashboardPageItsContentHashedFilesAndEChartsAreServedByTheApiProcess() throws Exception
    {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
        // Nothing from another host (a closed network): every file of the page is named by a path of this server.
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page.body()).find(), page.body());
        // The app's files under the hash of their contents, kept a year by the browser (docs/dashboard.md).
        Matcher app = Pattern.compile("src=\"(/app/[0-9a-f]{12}/dist/app\\.js)\"").matcher(page.body());
        assertTrue(app.find(), page.body());
        HttpResponse<String> module = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + app.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, module.statusCode());
        assertEquals("public, max-age=31536000, immutable", module.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(module.body().contains("dancu-ready"), "the bundled app marks when its panels are drawn");
        // The overview draws no chart with ECharts; a page with charts asks for the app's build of it at once, beside the app.
        assertFalse(page.body().contains("echarts"), page.body());
        HttpResponse<String> charts = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/?page=structure")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher preload = Pattern.compile("<link rel=\"preload\" as=\"script\" href=\"(/app/[0-9a-f]{12}/vendor/echarts.dancu.min.js)\">").matcher(charts.body());
        assertTrue(preload.find(), charts.body());
        HttpResponse<String> echarts = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + preload.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, echarts.statusCode());
        assertEquals("public, max-age=31536000, immutable", echarts.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(echarts.body().startsWith("/*! Apache ECharts 5.3.1") && echarts.body().length() > 400_000, echarts.body().substring(0, 80));
    }
}
