package vn.dancu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.javalin.Javalin;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.DemoAccounts;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Role;
import vn.dancu.model.publish.DataLayout;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The route sweep (issue 12): on a register generated with every fault kind ({@code --bad-rate}) and the generator's
 * ordinary imperfections, ingested and built by the engine here, every GET route of the OpenAPI description is called
 * for every demo role, with every cube, every export format and every report, then every parameter gets bad values.
 * No answer may be a 5xx; every 4xx has the API's JSON error shape (a 400 names the parameter); every file parses.
 * Failures are collected and reported together, with the number of requests made.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteSweepTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The roles of the sweep: their session cookies (anonymous: none). */
    private static final Map<String, String> SESSIONS = new LinkedHashMap<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    /** The parameters that may be given more than once (their values add up). */
    private static final Set<String> REPEATABLE = Set.of("dims", "measures", "filter", "ids");
    private static final List<String> FAILURES = new ArrayList<>();
    /** Milliseconds spent per route (path without its query), to see where the sweep's time goes. */
    private static final Map<String, long[]> TIMES = new TreeMap<>();

    @TempDir
    static Path data;
    private static Javalin server;
    private static JsonNode openApi;
    private static JsonNode cubes;

    @BeforeAll
    static void buildAMessyRegisterAndServeIt() throws Exception
    {
        long started = System.nanoTime();
        String folder = data.toString();
        Path key = data.resolve("test.key");
        Files.writeString(key, "a route sweep test key of enough length");
        // CSV, so that the line-level faults (malformed lines, bad quoting, invalid UTF-8) are among the injected ones.
        assertEquals(0, Dancu.commandLine().execute("generate", "--data", folder, "--persons", "1200", "--seed", "12", "--bad-rate", "0.02",
                "--format", "csv", "--start", "2024-12-01", "--end", "2026-11-30"));
        assertTrue(Files.readAllLines(data.resolve("raw/faults.csv")).size() > 20, "the generator injected faults");
        assertEquals(0, Dancu.commandLine().execute("ingest", "--data", folder, "--key-file", key.toString(), "--master", "local[2]"));
        assertEquals(0, Dancu.commandLine().execute("build", "--data", folder, "--master", "local[2]"));
        // A viewer account beside the demo accounts (cheap hash: the sweep is not about password hashing).
        try (vn.dancu.api.state.StateDatabase state = vn.dancu.api.state.StateDatabase.embedded(data.resolve("server"))) {
            new AccountStore(state, new PasswordHasher(1024, 1), Clock.systemUTC())
                    .create("xem", "Người xem", Role.VIEWER, Set.of(), "viewer-password-of-the-sweep");
        }
        System.out.printf("route sweep: register generated, ingested and built in %.1f s%n", (System.nanoTime() - started) / 1e9);
        // No rate limits: every role's requests come from 127.0.0.1 as fast as the sweep can send them.
        ServeOptions options = ServeOptions.defaults();
        options.rateLimit = 0;
        options.accountRateLimit = 0;
        options.loginRateLimit = 0;
        SqlServerOptions sql = SqlServerOptions.defaults();
        sql.maxRows = 1000;
        server = ServeCommand.start(new DataLayout(folder), 0, null, true, sql, options, System.out);
        SESSIONS.put("anonymous", null);
        SESSIONS.put("viewer", login("xem", "viewer-password-of-the-sweep"));
        for (DemoAccounts.Demo demo : DemoAccounts.ALL) {
            String name = demo.scope().isEmpty() ? demo.role().code() : "one-commune";
            SESSIONS.put(name, login(demo.username(), demo.password()));
        }
        assertEquals(List.of("anonymous", "viewer", "admin", "statistician", "leader", "planner", "one-commune"), List.copyOf(SESSIONS.keySet()));
        openApi = JSON.readTree(get(null, "/api/v1/openapi.json").body());
        cubes = JSON.readTree(get(SESSIONS.get("admin"), "/api/v1/cubes").body()).get("cubes");
    }

    @AfterAll
    static void stop()
    {
        if (server != null) {
            server.stop();
        }
        System.out.println("route sweep: " + REQUESTS.get() + " requests, " + FAILURES.size() + " failures");
        TIMES.forEach((route, time) -> System.out.printf("  %-40s %5d requests %7d ms%n", route, time[0], time[1]));
    }

    private static String login(String username, String password) throws Exception
    {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        REQUESTS.incrementAndGet();
        assertEquals(200, response.statusCode(), response.body());
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String base()
    {
        return "http://localhost:" + server.port();
    }

    private static HttpResponse<byte[]> get(String session, String pathAndQuery) throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).timeout(Duration.ofMinutes(2));
        if (session != null) {
            request.header("Cookie", session);
        }
        REQUESTS.incrementAndGet();
        return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A query string from name–value pairs, each value percent-encoded. */
    private static String query(String... pairs)
    {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            text.append(text.isEmpty() ? "?" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static void fail(String what)
    {
        synchronized (FAILURES) {
            FAILURES.add(what);
        }
    }

    /** Calls a URL as a role and checks the answer whatever its status; returns the answer. */
    private static HttpResponse<byte[]> sweep(String role, String pathAndQuery) throws Exception
    {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = get(SESSIONS.get(role), pathAndQuery);
        check(role, pathAndQuery, response, null);
        String route = pathAndQuery.replaceAll("\\?.*", "").replaceAll("/cubes/[^/]+", "/cubes/{cube}");
        synchronized (TIMES) {
            long[] time = TIMES.computeIfAbsent(route, key -> new long[2]);
            time[0]++;
            time[1] += (System.nanoTime() - start) / 1_000_000;
        }
        return response;
    }

    /**
     * No 5xx; a 4xx in the JSON error shape (a 400 naming a parameter of the request, or {@code expected} when given);
     * a 2xx whose body parses as its content type says.
     */
    private static void check(String role, String pathAndQuery, HttpResponse<byte[]> response, String expectedParameter)
    {
        String where = role + " GET " + pathAndQuery + " → " + response.statusCode();
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 500) {
            fail(where + ": " + new String(response.body(), StandardCharsets.UTF_8));
            return;
        }
        if (status >= 400) {
            try {
                JsonNode error = JSON.readTree(response.body());
                if (!type.startsWith("application/json") || !error.has("title") || !error.has("type") || !error.has("details")
                        || error.get("status").asInt() != status || error.get("title").asText().isBlank()) {
                    fail(where + ": not the JSON error shape: " + type + " " + new String(response.body(), StandardCharsets.UTF_8));
                    return;
                }
                String title = error.get("title").asText();
                if (status == 400 && "bad-parameter".equals(error.get("type").asText())) {
                    if (expectedParameter != null ? !title.startsWith("invalid parameter '" + expectedParameter + "'")
                            : !namesAParameterOf(pathAndQuery, title)) {
                        fail(where + ": the title does not name " + (expectedParameter == null ? "a parameter of the request" : expectedParameter)
                                + ": " + title);
                    }
                }
                else if (expectedParameter != null) {
                    fail(where + ": expected a 400 naming " + expectedParameter + ", got " + title);
                }
            }
            catch (Exception e) {
                fail(where + ": not JSON: " + new String(response.body(), StandardCharsets.UTF_8));
            }
            return;
        }
        if (expectedParameter != null) {
            fail(where + ": expected a 400 naming " + expectedParameter);
            return;
        }
        try {
            checkFile(pathAndQuery, type, response.body());
        }
        catch (Exception | AssertionError e) {
            fail(where + ": the " + type + " does not parse: " + e);
        }
    }

    private static boolean namesAParameterOf(String pathAndQuery, String title)
    {
        if (title.startsWith("invalid parameter 'cube'")) {
            return true;
        }
        int question = pathAndQuery.indexOf('?');
        if (question < 0) {
            return false;
        }
        for (String pair : pathAndQuery.substring(question + 1).split("&")) {
            String name = java.net.URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
            if (title.startsWith("invalid parameter '" + name + "'")) {
                return true;
            }
        }
        return false;
    }

    /** Reads the file back as a user's program would. */
    static void checkFile(String pathAndQuery, String type, byte[] body) throws Exception
    {
        if (type.startsWith(XLSX)) {
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
                assertTrue(workbook.getNumberOfSheets() >= 1, "sheets");
                Sheet first = workbook.getSheetAt(0);
                assertFalse(first.getRow(0).getCell(0).getStringCellValue().isBlank(), "a title in A1");
                if (pathAndQuery.startsWith("/api/v1/reports")) {
                    checkReportWorkbook(pathAndQuery, workbook);
                }
            }
            return;
        }
        if (type.startsWith("application/pdf")) {
            PdfReader reader = new PdfReader(body);
            try {
                assertTrue(reader.getNumberOfPages() >= 1, "pages");
                String text = new PdfTextExtractor(reader).getTextFromPage(1);
                assertFalse(text.isBlank(), "text on page 1");
            }
            finally {
                reader.close();
            }
            return;
        }
        if (type.startsWith("application/vnd.sdmx.data+csv")) {
            String text = new String(body, StandardCharsets.UTF_8);
            String header = text.substring(0, text.indexOf("\r\n"));
            assertTrue(header.startsWith("STRUCTURE,STRUCTURE_ID,ACTION,"), header);
            assertTrue(header.endsWith(",TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,CONF_STATUS"), header);
            csvRecords(text, true);
            return;
        }
        if (type.startsWith("text/csv")) {
            assertTrue(body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF, "a UTF-8 byte-order mark");
            String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
            // A report is sections of different widths; an export is one table.
            csvRecords(text, !pathAndQuery.startsWith("/api/v1/reports"));
            return;
        }
        if (type.startsWith("application/json") || type.startsWith("application/geo+json")) {
            JsonNode node = JSON.readTree(body);
            if (pathAndQuery.contains("format=json-stat")) {
                checkJsonStat(node);
            }
            return;
        }
        if (type.startsWith("text/html") || type.startsWith("text/javascript") || type.startsWith("text/css")) {
            return;
        }
        throw new AssertionError("unexpected content type " + type);
    }

    private static List<CSVRecord> csvRecords(String text, boolean rectangular) throws Exception
    {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            List<CSVRecord> records = parser.getRecords();
            assertFalse(records.isEmpty(), "records");
            if (rectangular) {
                for (CSVRecord record : records) {
                    assertEquals(records.get(0).size(), record.size(), "columns of record " + record.getRecordNumber());
                }
            }
            return records;
        }
    }

    private static void checkJsonStat(JsonNode node)
    {
        assertEquals("2.0", node.get("version").asText());
        assertEquals("dataset", node.get("class").asText());
        JsonNode ids = node.get("id");
        JsonNode sizes = node.get("size");
        assertEquals(ids.size(), sizes.size(), "id and size");
        long cells = 1;
        for (int i = 0; i < ids.size(); i++) {
            JsonNode dimension = node.get("dimension").get(ids.get(i).asText());
            assertTrue(dimension != null, "dimension " + ids.get(i));
            assertEquals(sizes.get(i).asInt(), dimension.get("category").get("index").size(), "size of " + ids.get(i));
            cells *= sizes.get(i).asLong();
        }
        assertEquals(cells, node.get("value").size(), "values");
        if (node.has("status")) {
            for (Iterator<Map.Entry<String, JsonNode>> statuses = node.get("status").fields(); statuses.hasNext(); ) {
                Map.Entry<String, JsonNode> status = statuses.next();
                int index = Integer.parseInt(status.getKey());
                assertTrue(index >= 0 && index < cells, "status index " + index);
                assertEquals("c", status.getValue().asText());
                assertTrue(node.get("value").get(index).isNull(), "a withheld value is null");
            }
        }
    }

    /** A report opens with all its tables: every sheet has its header (data quality is left out of planners' reports). */
    private static void checkReportWorkbook(String pathAndQuery, XSSFWorkbook workbook)
    {
        List<String> sheets = new ArrayList<>();
        workbook.forEach(sheet -> sheets.add(sheet.getSheetName()));
        // The contents sheet (its name is in the report's language), then the seven tables, and the projection in an annual report.
        List<String> expected = new ArrayList<>(List.of("1 unit_sex", "2 age_sex", "3 ethnicity", "4 households", "5 vital_events", "6 identity_coverage",
                "7 data_quality"));
        if (pathAndQuery.contains("kind=annual")) {
            expected.add("8 projection");
        }
        assertEquals(expected, sheets.subList(1, sheets.size()));
        for (Sheet sheet : workbook) {
            if (sheet == workbook.getSheetAt(0)) {
                continue;
            }
            Row header = sheet.getRow(5);
            assertTrue(header != null && header.getPhysicalNumberOfCells() >= 2 || sheet.getSheetName().equals("7 data_quality"),
                    sheet.getSheetName() + " has no table: " + (header == null ? "" : header.getCell(0)));
        }
    }

    /** The cubes of the version with their query dimensions, time grain and reference dates. */
    private static List<JsonNode> cubeList()
    {
        List<JsonNode> list = new ArrayList<>();
        cubes.forEach(list::add);
        return list;
    }

    private static List<String> refDates(JsonNode cube)
    {
        List<String> dates = new ArrayList<>();
        cube.get("refDates").forEach(date -> dates.add(date.asText()));
        return dates;
    }

    /** The questions the sweep asks of a cube: each dimension, the geographies, levels, dates and periods. */
    private static List<String> questions(JsonNode cube)
    {
        List<String> dates = refDates(cube);
        String time = cube.get("time").asText();
        Set<String> asked = new LinkedHashSet<>();
        asked.add("");
        List<String> dimensions = new ArrayList<>();
        cube.get("queryDimensions").forEach(dimension -> dimensions.add(dimension.asText()));
        for (String dimension : dimensions) {
            asked.add(query("dims", dimension));
        }
        if (dimensions.contains("unit")) {
            for (String other : dimensions) {
                if (!other.equals("unit")) {
                    asked.add(query("dims", "unit," + other));
                }
            }
            asked.add(query("dims", "unit", "level", "area"));
            asked.add(query("dims", "unit", "level", "province"));
            asked.add(query("dims", "unit", "geo", "asof"));
        }
        String first = dates.get(0);
        String last = dates.get(dates.size() - 1);
        String beforeReform = dates.stream().filter(date -> date.compareTo("2025-07-01") < 0).reduce((a, b) -> b).orElse(first);
        switch (time) {
            case "MONTH_END" -> {
                asked.add(query("date", first));
                asked.add(query("date", beforeReform, "geo", "asof", "dims", "unit"));
                asked.add(query("date", beforeReform, "geo", "asof", "level", "district", "dims", "unit"));
                asked.add(query("date", last, "dims", "unit,sex", "lang", "en"));
            }
            case "MONTH", "YEAR" -> {
                for (int year = Integer.parseInt(first.substring(0, 4)); year <= Integer.parseInt(last.substring(0, 4)); year++) {
                    asked.add(query("period", Integer.toString(year), "dims", "unit"));
                }
                asked.add(query("period", "2025", "geo", "asof", "dims", "unit"));
                asked.add(query("period", "2025", "geo", "asof", "level", "area"));
                if (time.equals("MONTH")) {
                    asked.add(query("period", "2024-Q3", "dims", "unit"));
                    asked.add(query("period", "2025-01/2025-06", "geo", "asof", "dims", "unit"));
                    asked.add(query("period", last.substring(0, 4) + "-01/" + last.substring(0, 7), "dims", "unit"));
                    asked.add(query("period", last.substring(0, 4) + "-Q" + ((Integer.parseInt(last.substring(5, 7)) + 2) / 3)));
                    asked.add(query("period", "2026-01/2026-08"));
                    asked.add(query("date", last, "dims", "unit"));
                }
            }
            default -> { }
        }
        return List.copyOf(asked);
    }

    @Test
    @Order(1)
    void everyRegisteredRouteIsInTheOpenApiDescription()
    {
        Set<String> described = new TreeSet<>();
        for (Iterator<String> paths = openApi.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            openApi.get("paths").get(path).fieldNames().forEachRemaining(method -> described.add(method.toUpperCase() + " /api/v1" + path));
        }
        Set<String> routes = new TreeSet<>();
        server.unsafe.internalRouter.allHttpHandlers().forEach(handler -> {
            String path = handler.endpoint.path;
            String method = handler.endpoint.method.name();
            if (path.startsWith("/api/v1") && List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                routes.add(method + " " + path);
            }
        });
        assertTrue(routes.contains("GET /api/v1/reports") && routes.contains("POST /api/v1/sql/queries"), "the server of the sweep serves SQL and reports");
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(described);
        assertEquals(Set.of(), missing, "routes the OpenAPI description does not list");
        Set<String> extra = new TreeSet<>(described);
        extra.removeAll(routes);
        assertEquals(Set.of(), extra, "routes the OpenAPI description lists but the server does not serve");
    }

    @Test
    @Order(2)
    void everyGetRouteForEveryRoleAnswersWithoutAServerErrorAndEveryFileParses() throws Exception
    {
        // A statement run by the statistician, so that the SQL result download has something to give.
        HttpResponse<String> statement = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/sql/queries"))
                .header("Cookie", SESSIONS.get("statistician")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"statement\": \"SELECT sex, count(*) AS n FROM persons GROUP BY sex\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        REQUESTS.incrementAndGet();
        assertEquals(200, statement.statusCode(), statement.body());

        List<String> latest = refDates(cubeList().stream().filter(cube -> cube.get("name").asText().equals("population_stock")).findFirst().orElseThrow());
        String lastMonth = latest.get(latest.size() - 1).substring(0, 7);
        int lastYear = Integer.parseInt(lastMonth.substring(0, 4));
        List<String> urls = new ArrayList<>();
        for (Iterator<String> paths = openApi.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            if (!openApi.get("paths").get(path).has("get")) {
                continue;
            }
            // A saved table, subscription or delivery by number: none exists here, so every role gets its 401 or 404.
            String route = "/api/v1" + path.replace("{id}", "1");
            if (path.contains("{cube}")) {
                for (JsonNode cube : cubeList()) {
                    String name = cube.get("name").asText();
                    String concrete = route.replace("{cube}", name);
                    boolean snapshot = cube.get("time").asText().equals("SNAPSHOT");
                    if (path.endsWith("/series") || path.endsWith("/series/export")) {
                        if (snapshot) {
                            // A snapshot has no series: a 400 naming the cube.
                            urls.add(concrete + (path.endsWith("/export") ? "?format=csv" : ""));
                            continue;
                        }
                        for (String step : List.of("", "month", "year")) {
                            for (String format : path.endsWith("/export") ? List.of("csv", "xlsx", "json-stat") : List.of("")) {
                                List<String> pairs = new ArrayList<>();
                                if (!step.isEmpty()) {
                                    pairs.addAll(List.of("step", step));
                                }
                                if (!format.isEmpty()) {
                                    pairs.addAll(List.of("format", format));
                                }
                                urls.add(concrete + query(pairs.toArray(String[]::new)));
                            }
                        }
                        urls.add(concrete + query("dims", "unit", "step", "year", "from", (lastYear - 2) + "-01", "to", lastMonth)
                                + (path.endsWith("/export") ? "&format=xlsx" : ""));
                        continue;
                    }
                    if (path.endsWith("/export")) {
                        List<String> asked = questions(cube);
                        for (String question : List.of(asked.get(0), asked.get(Math.min(1, asked.size() - 1)), asked.get(asked.size() - 1))) {
                            for (String format : List.of("csv", "xlsx", "json-stat", "sdmx-csv")) {
                                urls.add(concrete + (question.isEmpty() ? "?" : question + "&") + "format=" + format);
                            }
                        }
                        continue;
                    }
                    if (path.endsWith("/query")) {
                        questions(cube).forEach(question -> urls.add(concrete + question));
                        continue;
                    }
                    urls.add(concrete);
                }
                continue;
            }
            switch (path) {
                case "/reports" -> {
                    // The latest month, a month within a quarter, the data's first month; the last whole year, the running
                    // year, the data's first (one-month) year.
                    for (String period : List.of(lastMonth, (lastYear - 1) + "-08", latest.get(0).substring(0, 7), Integer.toString(lastYear - 1),
                            Integer.toString(lastYear), latest.get(0).substring(0, 4))) {
                        for (String geo : List.of("2025", "asof")) {
                            for (String format : List.of("xlsx", "pdf", "csv")) {
                                urls.add(route + query("kind", period.length() == 4 ? "annual" : "monthly", "period", period, "geo", geo, "format", format));
                            }
                        }
                    }
                    urls.add(route + query("kind", "annual", "period", Integer.toString(lastYear - 1), "lang", "en", "format", "pdf"));
                }
                case "/indicators", "/indicators/export" -> {
                    List<String> formats = path.endsWith("export") ? List.of("csv", "xlsx", "json-stat", "sdmx-csv") : List.of("");
                    for (String format : formats) {
                        String tail = format.isEmpty() ? "" : "&format=" + format;
                        urls.add(route + "?lang=vi" + tail);
                        for (int year = Integer.parseInt(latest.get(0).substring(0, 4)); year <= lastYear; year++) {
                            urls.add(route + query("year", Integer.toString(year), "level", "area") + tail);
                        }
                        urls.add(route + query("geo", "asof", "date", "2024-12-31") + tail);
                        urls.add(route + query("level", "province") + tail);
                    }
                }
                case "/indicators/series", "/indicators/series/export" -> {
                    for (String format : path.endsWith("export") ? List.of("csv", "xlsx", "json-stat") : List.of("")) {
                        String tail = format.isEmpty() ? "" : "&format=" + format;
                        urls.add(route + "?level=area" + tail);
                        urls.add(route + query("ids", "crudeBirthRate,totalFertilityRate,sexRatioAtBirth,householdSize") + tail);
                        urls.add(route + query("ids", "population", "from", (lastYear - 1) + "-01", "to", lastMonth) + tail);
                    }
                }
                case "/projections", "/projections/export" -> {
                    for (String format : path.endsWith("export") ? List.of("csv", "xlsx") : List.of("")) {
                        String tail = format.isEmpty() ? "" : "&format=" + format;
                        urls.add(route + "?lang=vi" + tail);
                        urls.add(route + query("scenario", "all", "ages", "bands", "sex", "split") + tail);
                        urls.add(route + query("ages", "single", "sex", "split", "lang", "en") + tail);
                        urls.add(route + query("unit", "23485", "ages", "groups", "sex", "split") + tail);
                    }
                }
                case "/projections/indicators" -> {
                    urls.add(route);
                    urls.add(route + query("unit", "23485", "lang", "en"));
                }
                case "/tables" -> {
                    // The table builder: the planner's table and one with periods side by side, as JSON and as files (the CSV
                    // ends with '#' lines of title, source and notes, so it is not one rectangle: read apart in TableApiTest).
                    for (String table : List.of("cube=population_stock&rows=unit,ageCustom&cols=sex&ageBands=3-5,6-10,11-14,15-17&period=2025",
                            "cube=births&rows=unit&cols=period,sex&period=2025,2026")) {
                        urls.add(route + "?" + table);
                        for (String format : List.of("xlsx", "json-stat", "sdmx-csv", "pdf")) {
                            urls.add(route + "?" + table + "&format=" + format);
                        }
                    }
                }
                case "/units" -> {
                    urls.add(route);
                    urls.add(route + query("geo", "asof", "date", "2024-06-30"));
                    urls.add(route + query("geo", "asof", "date", latest.get(latest.size() - 1), "lang", "en"));
                }
                case "/sql/result" -> {
                    urls.add(route);
                    urls.add(route + query("format", "xlsx"));
                }
                default -> urls.add(route);
            }
        }
        // The roles in parallel (the server answers concurrent requests; each role's answers are checked the same way).
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (String role : SESSIONS.keySet()) {
                done.add(pool.submit(() -> {
                    for (String url : urls) {
                        sweep(role, url);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> future : done) {
                future.get();
            }
        }
        finally {
            pool.shutdown();
        }
        System.out.println("route sweep: " + urls.size() + " URLs × " + SESSIONS.size() + " roles");
        assertEquals(List.of(), List.copyOf(FAILURES), FAILURES.size() + " failures of " + REQUESTS.get() + " requests");
    }

    /** Bad values for each parameter of each GET route: repeated, empty, the wrong type, out of range. */
    @Test
    @Order(3)
    void badValuesOfEveryParameterAnswer400NamingIt() throws Exception
    {
        int before = FAILURES.size();
        for (Iterator<String> paths = openApi.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            JsonNode operation = openApi.get("paths").get(path).get("get");
            if (operation == null || !operation.has("parameters")) {
                continue;
            }
            String route = "/api/v1" + path.replace("{cube}", path.contains("series") || path.endsWith("export") ? "births" : "population_stock")
                    .replace("{id}", "1");
            Map<String, String> valid = validParameters(path);
            for (JsonNode parameter : operation.get("parameters")) {
                if (!parameter.get("in").asText().equals("query")) {
                    continue;
                }
                String name = parameter.get("name").asText();
                String good = valid.getOrDefault(name, example(parameter));
                for (String bad : badValues(name, parameter)) {
                    Map<String, String> asked = new LinkedHashMap<>(valid);
                    asked.put(name, bad);
                    String url = route + queryOf(asked);
                    check("admin", url, get(SESSIONS.get("admin"), url), name);
                    // Other roles get a 4xx too (a 400, or their role's 401/403 first), never a 5xx.
                    sweep("anonymous", url);
                }
                if (!REPEATABLE.contains(name)) {
                    Map<String, String> asked = new LinkedHashMap<>(valid);
                    asked.remove(name);
                    String url = route + queryOf(asked) + (asked.isEmpty() ? "?" : "&") + name + "=" + URLEncoder.encode(good, StandardCharsets.UTF_8)
                            + "&" + name + "=" + URLEncoder.encode(good, StandardCharsets.UTF_8);
                    check("admin", url, get(SESSIONS.get("admin"), url), name);
                }
                String empty = route + queryOf(valid) + (valid.isEmpty() ? "?" : "&") + name + "=";
                check("admin", empty.replace("?&", "?"), get(SESSIONS.get("admin"), empty.replace("?&", "?")), name);
            }
            // A parameter the route does not have.
            String unknown = route + queryOf(valid) + (valid.isEmpty() ? "?" : "&") + "colour=blue";
            check("admin", unknown.replace("?&", "?"), get(SESSIONS.get("admin"), unknown.replace("?&", "?")), "colour");
        }
        // Path parameters and malformed requests.
        check("admin", "/api/v1/cubes/nope/query", get(SESSIONS.get("admin"), "/api/v1/cubes/nope/query"), null);
        assertEquals(404, get(null, "/api/v1/cubes/nope/query").statusCode());
        String longDims = "/api/v1/cubes/population_stock/query?dims=" + "sex,".repeat(4000);
        HttpResponse<byte[]> tooLong = get(null, longDims);
        assertEquals(414, tooLong.statusCode());
        check("anonymous", "(16 KB of dims)", tooLong, null);
        HttpResponse<byte[]> nul = get(null, "/api/v1/cubes/%00/query");
        assertEquals(400, nul.statusCode());
        check("anonymous", "/api/v1/cubes/%00/query", nul, null);
        HttpResponse<byte[]> bigHeaders = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/health")).header("X-Padding", "a".repeat(70_000))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        REQUESTS.incrementAndGet();
        assertEquals(431, bigHeaders.statusCode());
        check("anonymous", "/api/v1/health with 70 KB of headers", bigHeaders, null);
        assertEquals(List.of(), List.copyOf(FAILURES.subList(before, FAILURES.size())), (FAILURES.size() - before) + " failures");
    }

    private static String queryOf(Map<String, String> parameters)
    {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> {
            pairs.add(name);
            pairs.add(value);
        });
        return query(pairs.toArray(String[]::new));
    }

    /** A request of the route that is answered with 200 for an admin: the base that each bad value changes one parameter of. */
    private static Map<String, String> validParameters(String path)
    {
        Map<String, String> valid = new LinkedHashMap<>();
        switch (path) {
            case "/reports" -> {
                valid.put("kind", "annual");
                valid.put("period", "2025");
            }
            case "/cubes/{cube}/export", "/cubes/{cube}/series/export", "/indicators/export", "/indicators/series/export", "/projections/export" ->
                    valid.put("format", "csv");
            case "/tables" -> {
                valid.put("cube", "population_stock");
                valid.put("rows", "unit");
                valid.put("cols", "sex");
            }
            default -> { }
        }
        return valid;
    }

    private static String example(JsonNode parameter)
    {
        JsonNode schema = parameter.get("schema");
        String name = parameter.get("name").asText();
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        return switch (name) {
            case "dims" -> "unit";
            case "measures" -> "population";
            case "filter" -> "sex:F";
            case "date" -> "2025-12-31";
            case "period" -> "2025";
            case "year" -> "2025";
            case "from" -> "2025-01";
            case "to" -> "2025-12";
            case "ids" -> "population";
            case "limit" -> "10";
            case "status" -> "200";
            default -> "x";
        };
    }

    /** Values a parameter must refuse with a 400 naming it: the wrong type or form, a value out of range. */
    private static List<String> badValues(String name, JsonNode parameter)
    {
        JsonNode schema = parameter.get("schema");
        List<String> bad = new ArrayList<>();
        if (schema.has("enum")) {
            bad.add("nope");
        }
        if ("integer".equals(schema.path("type").asText())) {
            bad.add("abc");
            bad.add("-1");
        }
        if ("date".equals(schema.path("format").asText())) {
            bad.add("2026-02-30");
            bad.add("1800-01-31");
            bad.add("31/12/2025");
        }
        if (schema.has("pattern")) {
            bad.add("nope");
        }
        switch (name) {
            case "dims" -> bad.addAll(List.of("nope", "unit,,sex", "unit,unit"));
            case "measures" -> bad.add("nope");
            case "filter" -> bad.addAll(List.of("nope", "unit:,,,", "sex:", "nope:F", "sex:Q"));
            case "ids" -> bad.addAll(List.of("nope", "population,,sexRatio"));
            // (months of two years, 2025-11/2026-02, are a statistician's question: 200 for the admin, 403 for others)
            case "period" -> bad.addAll(List.of("1999", "2026-Q5", "2026-M13", "2026-05/2026-02", "LATEST_WEEK", "YEAR_TO_DATE-0Y"));
            case "year" -> bad.add("1999");
            case "from" -> bad.addAll(List.of("2026-13", "2030-01"));
            case "to" -> bad.add("2026-13");
            default -> { }
        }
        return bad;
    }
}
