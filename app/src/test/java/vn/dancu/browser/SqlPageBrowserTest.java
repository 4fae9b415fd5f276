package vn.dancu.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dancu.api.access.DemoAccounts;
import vn.dancu.api.sql.SqlAuditLog;
import vn.dancu.api.sql.SqlService;
import vn.dancu.api.sql.SqlTestServer;
import vn.dancu.api.sql.TestEngines;
import vn.dancu.cli.Dancu;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.sql.SqlLimits;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statisticians' SQL page and the report downloads in a real browser, against a server with the SQL service and
 * the reports over a small register generated, ingested and built through the command line (600 persons, two months;
 * only the population cube, which the SQL statements and the report's first tables read: the other cubes' builds would
 * double the setup).
 */
class SqlPageBrowserTest
{
    private static final String LATEST = "2026-10-31";
    private static final String BY_SEX = "SELECT sex, sum(population) AS n FROM cube_population_stock WHERE ref_date = DATE '" + LATEST
            + "' GROUP BY sex ORDER BY sex";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path work;
    private static SqlTestServer server;
    private static SqlService sql;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception
    {
        Path data = work.resolve("data");
        Path key = work.resolve("test.key");
        Files.writeString(key, "a browser test key of enough length");
        String folder = data.toString();
        assertEquals(0, Dancu.commandLine().execute("generate", "--data", folder, "--persons", "600", "--seed", "7", "--start", "2026-09-01", "--end", LATEST));
        assertEquals(0, Dancu.commandLine().execute("ingest", "--data", folder, "--key-file", key.toString(), "--master", "local[2]"));
        assertEquals(0, Dancu.commandLine().execute("build", "--data", folder, "--master", "local[2]", "--cube", "population_stock"));
        DataLayout layout = new DataLayout(folder);
        Path serverFolder = Path.of(layout.server());
        server = new SqlTestServer(layout, serverFolder, CubeCatalog.builtIn(), 5, queries -> {
            sql = new SqlService(new SqlLimits(Duration.ofSeconds(60), 10_000),
                    new SqlAuditLog(serverFolder.resolve("audit").resolve("sql-audit.jsonl"), Clock.systemUTC()),
                    TestEngines.process(layout, serverFolder.resolve("sql-engine.log"), "1g"));
            return sql;
        }, Clock.systemUTC());
        List<String> communes = Area.konray().communes(Area.konray().catalogue(), Reorganisation2025.EFFECTIVE_DATE).stream().map(AdminUnit::code).toList();
        DemoAccounts.ensure(server.accounts, communes);
        browser = new Chromium(server.url(""), work);
    }

    @AfterAll
    static void stop()
    {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (sql != null) {
            sql.close();
        }
    }

    @AfterEach
    void noBrowserErrors()
    {
        assertEquals(List.of(), browser.severeLogs(), "browser console errors");
        browser.logOut();
    }

    /** POSTs a statement from inside the page, with the page's session: what the browser's user is answered. */
    private static JsonNode post(String statement)
    {
        Object body = ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/sql/queries', {method: 'POST', headers: {'Content-Type': 'application/json', Accept: 'application/json'},"
                        + " body: JSON.stringify({statement: arguments[0]})}).then(r => r.text().then(t => done(r.status + ' ' + t)));",
                statement);
        String text = String.valueOf(body);
        try {
            return JSON.createObjectNode().put("status", Integer.parseInt(text.substring(0, 3))).set("body", JSON.readTree(text.substring(4)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void waitFor(String script)
    {
        new WebDriverWait(browser.driver, Duration.ofSeconds(120)).until(d -> Boolean.TRUE.equals(browser.script(script)));
    }

    /** Types a statement into the editor, runs it with Run (or Ctrl+Enter) and waits until it has an answer. */
    private static void run(String statement, boolean keyboard)
    {
        WebElement editor = browser.find("#sql-statement");
        browser.script("arguments[0].value = ''", editor);
        editor.sendKeys(statement);
        if (keyboard) {
            editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        }
        else {
            browser.find("#sql-run").click();
        }
        waitFor("const s = document.getElementById('sql-page').dataset.state; return s === 'done' || s === 'error';");
    }

    /** The result table's body as the user reads it: one list of cell texts per row. */
    private static List<List<String>> tableRows()
    {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector("#sql-table tbody tr"))) {
            rows.add(row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
        }
        return rows;
    }

    private static List<List<String>> rowsOf(JsonNode answer, int from, int to)
    {
        List<List<String>> rows = new ArrayList<>();
        JsonNode all = answer.get("rows");
        for (int i = from; i < Math.min(to, all.size()); i++) {
            List<String> cells = new ArrayList<>();
            all.get(i).forEach(cell -> cells.add(cell.isNull() ? "NULL" : cell.asText()));
            rows.add(cells);
        }
        return rows;
    }

    private static String vi(long value)
    {
        return String.format(Locale.ROOT, "%,d", value).replace(',', '.');
    }

    private static HttpResponse<byte[]> getWithSession(String href) throws Exception
    {
        Cookie session = browser.driver.manage().getCookieNamed("dancu_session");
        assertTrue(session != null, "the browser has a session cookie");
        return CLIENT.send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", "dancu_session=" + session.getValue()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aStatisticianRunsAStatementAndSeesExactlyTheApiAnswerWithItsChartAndDownloads() throws Exception
    {
        browser.logIn("thongke", "dancu-thongke-demo");
        browser.afterAction(() -> browser.find("nav a[data-page=sql]").click());
        assertEquals("SQL", browser.text("nav a[aria-current=page]"));
        assertTrue(browser.driver.getCurrentUrl().contains("page=sql"), browser.driver.getCurrentUrl());
        waitFor("return document.getElementById('sql-views').dataset.state === 'ready'");
        assertFalse(browser.driver.findElements(By.cssSelector("#sql-views [data-view=cube_population_stock]")).isEmpty(), "the views list the cube");

        run(BY_SEX, true);
        assertEquals("done", browser.find("#sql-page").getAttribute("data-state"), () -> browser.text("#sql-error"));
        JsonNode answer = post(BY_SEX).get("body");
        assertEquals(List.of("sex", "n"), browser.driver.findElements(By.cssSelector("#sql-table thead th")).stream().map(WebElement::getText).toList());
        assertEquals(rowsOf(answer, 0, 50), tableRows());
        assertEquals(2, tableRows().size());
        assertEquals("Dòng 1–2 / 2", browser.text("#sql-range"));
        assertTrue(browser.text("#sql-summary").startsWith("2 dòng, 2 cột"), browser.text("#sql-summary"));

        // The chart: sex as the category, n as the bars, the numbers of the answer.
        browser.find("#sql-chart-button").click();
        Object drawn = browser.script("const o = echarts.getInstanceByDom(document.getElementById('sql-chart')).getOption();"
                + "return JSON.stringify(o.dataset[0].source);");
        JsonNode source = JSON.readTree(String.valueOf(drawn));
        for (int i = 0; i < answer.get("rows").size(); i++) {
            assertEquals(answer.get("rows").get(i).get(0).asText(), source.get(i).get(0).asText());
            assertEquals(answer.get("rows").get(i).get(1).asLong(), source.get(i).get(1).asLong());
        }
        assertEquals("Biểu đồ cột: cột sex làm nhãn, cột số n làm giá trị.", browser.text("#sql-chart-note"));

        // The downloads: the caller's last result as CSV (and XLSX).
        String csvHref = browser.find("#sql-csv").getAttribute("href");
        assertEquals(server.url("/api/v1/sql/result?format=csv"), csvHref);
        assertEquals(server.url("/api/v1/sql/result?format=xlsx"), browser.find("#sql-xlsx").getAttribute("href"));
        HttpResponse<byte[]> csv = getWithSession(csvHref);
        assertEquals(200, csv.statusCode());
        String text = new String(csv.body(), StandardCharsets.UTF_8).replace("\uFEFF", "");
        assertTrue(text.startsWith("sex,n"), text);
        browser.screenshot("sql-statistician");
    }

    @Test
    void aForbiddenStatementShowsTheApisRefusalInOneLineAndAnEngineErrorFoldsItsDetailAway()
    {
        browser.logIn("thongke", "dancu-thongke-demo");
        browser.open("/?page=sql");
        String forbidden = "SELECT * FROM parquet.`/etc`";
        run(forbidden, false);
        assertEquals("error", browser.find("#sql-page").getAttribute("data-state"));
        JsonNode refusal = post(forbidden);
        assertEquals(400, refusal.get("status").asInt());
        assertEquals("sql-refused", refusal.get("body").get("type").asText());
        String title = refusal.get("body").get("title").asText();
        assertTrue(title.startsWith("reading files is not allowed"), title);
        String firstLine = title.lines().findFirst().orElseThrow().replaceAll("\\s+", " ").strip();
        String shown = firstLine.length() > 160 ? firstLine.substring(0, 157) + "…" : firstLine;
        assertEquals("Câu lệnh bị từ chối: " + shown, browser.text("#sql-error"));
        assertEquals("sql-refused", browser.find("#sql-error").getAttribute("data-type"));
        assertFalse(browser.find("#sql-result").isDisplayed(), "no result is shown for a refused statement");

        // An error of the engine (Spark's analysis, many lines long): one line, the whole message folded away.
        run("SELECT no_such_column FROM cube_population_stock", false);
        String error = browser.text("#sql-error");
        assertTrue(error.startsWith("Câu lệnh có lỗi: ") && !error.contains("\n") && error.length() <= 180, error);
        WebElement detail = browser.find("#sql-error-detail");
        assertEquals(null, detail.getAttribute("open"), "the detail is folded");
        String whole = String.valueOf(browser.script("return document.querySelector('#sql-error-detail pre').textContent"));
        assertTrue(whole.contains("no_such_column") && whole.length() >= error.length() - 20, whole);
        // The refused requests (the page's and the test's) are the only console errors: the browser logs every 4xx.
        List<String> logged = browser.severeLogs();
        assertFalse(logged.isEmpty());
        assertTrue(logged.stream().allMatch(line -> line.contains("/api/v1/sql/queries") && line.contains("400")), logged.toString());
    }


    @Test
    void aLongResultIsPagedFiftyRowsAtATime()
    {
        browser.logIn("admin", "dancu-admin-demo");
        browser.open("/?page=sql");
        String statement = "SELECT pid FROM persons ORDER BY pid";
        run(statement, false);
        JsonNode answer = post(statement).get("body");
        int total = answer.get("rowCount").asInt();
        assertTrue(total > 100, "persons has more than two pages: " + total);
        assertEquals("Dòng 1–50 / " + vi(total), browser.text("#sql-range"));
        assertEquals(rowsOf(answer, 0, 50), tableRows());
        assertFalse(browser.find("#sql-prev").isEnabled());
        browser.find("#sql-next").click();
        assertEquals("Dòng 51–100 / " + vi(total), browser.text("#sql-range"));
        assertEquals(rowsOf(answer, 50, 100), tableRows());
        assertTrue(browser.find("#sql-prev").isEnabled());
        browser.find("#sql-prev").click();
        assertEquals("Dòng 1–50 / " + vi(total), browser.text("#sql-range"));
        assertTrue(browser.driver.findElements(By.id("sql-truncated")).isEmpty(), "not truncated");
    }

    @Test
    void aPlannerHasNoSqlPageAndDownloadsTheReportOfTheLatestMonthAsXlsx() throws Exception
    {
        browser.logIn("quyhoach", "dancu-quyhoach-demo");
        browser.open("/");
        assertTrue(browser.driver.findElements(By.cssSelector("nav a[data-page=sql]")).isEmpty(), "no SQL item for a planner");
        browser.find("#report-menu summary").click();
        WebElement link = browser.find("#report-link");
        assertTrue(link.isDisplayed());
        String href = link.getAttribute("href");
        assertEquals(server.url("/api/v1/reports?kind=monthly&period=2026-10&geo=2025&format=xlsx&lang=vi"), href);
        HttpResponse<byte[]> report = getWithSession(href);
        assertEquals(200, report.statusCode());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.headers().firstValue("Content-Type").orElse(""));
        assertEquals("PK", new String(report.body(), 0, 2, StandardCharsets.ISO_8859_1), "an XLSX is a zip");

        // Choosing another kind and format changes the link.
        new org.openqa.selenium.support.ui.Select(browser.find("#report-kind")).selectByValue("annual");
        new org.openqa.selenium.support.ui.Select(browser.find("#report-format")).selectByValue("pdf");
        assertEquals(server.url("/api/v1/reports?kind=annual&period=2026&geo=2025&format=pdf&lang=vi"), browser.find("#report-link").getAttribute("href"));
        browser.screenshot("report-menu-planner");
    }

    @Test
    void theReportMenuOffersThePartialYearByItsMonthsAndSaysAFailureInThePage() throws Exception
    {
        browser.logIn("lanhdao", "dancu-lanhdao-demo");
        browser.open("/");
        browser.find("#report-menu summary").click();
        new org.openqa.selenium.support.ui.Select(browser.find("#report-kind")).selectByValue("annual");
        // The register covers September and October 2026 only: its one year is offered, marked partial.
        assertEquals("2026 (T9–T10, chưa đủ năm)", new org.openqa.selenium.support.ui.Select(browser.find("#report-period")).getFirstSelectedOption().getText());
        // The session ends (logged out elsewhere) before the download: the menu says so in plain words, the page stays.
        HttpResponse<byte[]> logout = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(server.url("/api/v1/auth/logout")))
                .header("Cookie", "dancu_session=" + browser.driver.manage().getCookieNamed("dancu_session").getValue())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(204, logout.statusCode());
        browser.find("#report-link").click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20))
                .until(driver -> "error".equals(browser.find("#report-status").getAttribute("data-state")));
        assertTrue(browser.text("#report-status").startsWith("Cần đăng nhập để tải báo cáo. Chi tiết: "), browser.text("#report-status"));
        assertEquals("true", browser.find("body").getAttribute("data-ready"), "the page is still there");
        browser.screenshot("report-menu-failure");
        // The browser logs the refused request itself; nothing else went wrong.
        List<String> logs = browser.severeLogs();
        assertEquals(1, logs.size(), logs.toString());
        assertTrue(logs.get(0).contains("/api/v1/reports?kind=annual&period=2026") && logs.get(0).contains("401"), logs.get(0));
    }

    @Test
    void anAnonymousVisitorHasNeitherTheSqlPageNorReports()
    {
        browser.open("/");
        assertTrue(browser.driver.findElements(By.cssSelector("nav a[data-page=sql]")).isEmpty(), "no SQL item for a visitor");
        assertTrue(browser.driver.findElements(By.id("report-menu")).isEmpty(), "no report downloads for a visitor");
        // Opening the page's address anyway says who it is for, without asking the API.
        browser.open("/?page=sql");
        assertTrue(browser.text("#sql-forbidden").startsWith("Trang SQL dành cho thống kê viên"), browser.text("#main"));
    }
}
