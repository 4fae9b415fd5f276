package vn.dancu.browser;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dancu.api.TestServer;
import vn.dancu.api.access.DemoAccounts;
import vn.dancu.api.table.TableFixture;
import vn.dancu.datasets.geo.Area;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table builder as a planner uses it: communes × school-age bands × sex at the latest year end, built with the
 * form, the numbers shown checked against the API (the table and the query API's single ages), the XLSX downloaded and
 * read back, the save button, the browser's back button, a phone's width, and the one-commune account.
 */
class TablesBrowserTest
{
    private static final String SCHOOL = "3-5,6-10,11-14,15-17";
    private static final String TABLE_API = "/api/v1/tables?cube=population_stock&rows=unit,ageCustom&cols=sex&ageBands=" + SCHOOL + "&period=2025";

    @TempDir
    static Path work;
    private static TestServer server;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception
    {
        new TableFixture().publish(work.resolve("data"));
        server = TestServer.start(work.resolve("data"), Area.konray(), "population_stock");
        DemoAccounts.ensure(server.accounts, TableFixture.COMMUNES);
        browser = new Chromium(server.url(""), work);
        browser.driver.manage().window().setSize(new Dimension(1400, 1600));
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
    }

    @AfterEach
    void noBrowserErrors()
    {
        // The save button's 404 (this server has no saved tables yet) is the one expected failed request.
        assertEquals(List.of(), browser.severeLogs().stream().filter(line -> !line.contains("/api/v1/saved-tables")).toList(), "browser console errors");
    }

    @Test
    void aPlannerBuildsCommunesBySchoolAgeBandsAndSexChecksItAndDownloadsTheWorkbook() throws Exception
    {
        browser.logIn("quyhoach", "dancu-quyhoach-demo");
        assertTrue(browser.find("#nav").getText().contains("Bảng số liệu"), "the menu offers the page to signed-in users");
        // Start from another table, then build the planner's one with the form.
        browser.open("/?page=tables&cube=population_stock&rows=sex&tdate=2026-10-31");
        assertEquals(List.of("Nam", "Nữ"), rowLabels());
        new Select(browser.find("#tb-place-unit")).selectByValue("rows");
        new Select(browser.find("#tb-place-ageCustom")).selectByValue("rows");
        new Select(browser.find("#tb-place-sex")).selectByValue("cols");
        browser.find("#tb-bands").clear();
        browser.find("#tb-school").click();
        assertEquals(SCHOOL, browser.find("#tb-bands").getAttribute("value"));
        browser.find("#tb-period").clear();
        browser.find("#tb-period").sendKeys("2025");
        browser.afterAction(() -> browser.find("#tb-apply").click());
        String url = browser.driver.getCurrentUrl();
        assertTrue(url.contains("page=tables&") && url.contains("cube=population_stock") && url.contains("rows=unit%2CageCustom")
                && url.contains("cols=sex") && url.contains("bands=3-5%2C6-10%2C11-14%2C15-17") && url.contains("period=2025"), url);
        assertEquals("Thời điểm: năm 2025 (31/12/2025)", browser.text("#table-reference"));

        // The numbers shown are the API's table, and each published band is the sum of the query API's single ages.
        JsonNode table = browser.api(TABLE_API);
        JsonNode single = browser.api("/api/v1/cubes/population_stock/query?dims=unit,age,sex&date=2025-12-31");
        Map<String, Long> singles = new LinkedHashMap<>();
        for (JsonNode row : single.get("rows")) {
            singles.put(row.get("unit").asText() + "|" + row.get("age").asText() + "|" + row.get("sex").asText(),
                    row.get("population").isNull() ? -1 : row.get("population").asLong());
        }
        List<List<String>> shown = shownRows();
        assertEquals(13, shown.size());
        int withheld = 0;
        int[][] bands = {{3, 5}, {6, 10}, {11, 14}, {15, 17}};
        for (int r = 0; r < 12; r++) {
            String commune = table.get("rows").get("headers").get(r).get("codes").get(0).asText();
            List<String> expected = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                JsonNode cell = table.get("cells").get(r).get(c);
                expected.add(text(cell));
                if (cell.get("value").isNull()) {
                    withheld++;
                    continue;
                }
                long sum = 0;
                for (int age = bands[r % 4][0]; age <= bands[r % 4][1]; age++) {
                    long value = singles.getOrDefault(commune + "|" + age + "|" + (c == 0 ? "M" : "F"), 0L);
                    assertTrue(value >= 0, "a published band holds no withheld single age");
                    sum += value;
                }
                assertEquals(sum, cell.get("value").asLong(), commune + " band " + r % 4);
            }
            expected.add(text(table.get("rowTotals").get(r)));
            assertEquals(expected, shown.get(r).subList(2, 5), "row " + r);
        }
        assertEquals(List.of(text(table.get("columnTotals").get(0)), text(table.get("columnTotals").get(1)), text(table.get("grandTotal"))),
                shown.get(12).subList(1, 4));
        assertTrue(withheld > 0, "the planner's table withholds some bands");
        assertEquals("x: " + table.get("disclosure").get("withheldCells").asInt() + " ô bị ẩn để bảo vệ thông tin cá nhân",
                browser.text("#table-notes .withheld-note"));
        browser.screenshot("tables-quyhoach-1400");

        // The workbook: downloaded by the link, read back with POI, the same figures.
        browser.find("#table-downloads a[data-format='xlsx']").click();
        Path file = browser.downloads.resolve("dancu-table_population_stock_2025-12-31.xlsx");
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> Files.exists(file) && file.toFile().length() > 0);
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals("Dân số cuối tháng — Dân số", sheet.getRow(0).getCell(0).getStringCellValue());
            for (int r = 0; r < 12; r++) {
                for (int c = 0; c < 2; c++) {
                    var value = sheet.getRow(5 + r).getCell(2 + c);
                    String read = value.getCellType() == CellType.NUMERIC ? Long.toString((long) value.getNumericCellValue()) : value.getStringCellValue();
                    JsonNode cell = table.get("cells").get(r).get(c);
                    assertEquals(cell.get("value").isNull() ? "x" : cell.get("value").asText(), read, "workbook row " + r);
                }
            }
        }

        // Save: the server of this test has no saved tables yet, and the page says so.
        browser.find("#tb-save").click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> !browser.text("#tb-save-message").isEmpty());
        assertEquals("Máy chủ này chưa hỗ trợ lưu bảng.", browser.text("#tb-save-message"));

        // Another table, then the browser's back button brings this one back.
        new Select(browser.find("#tb-place-sex")).selectByValue("");
        browser.afterAction(() -> browser.find("#tb-apply").click());
        assertEquals(List.of("Dân số"), headerTexts());
        browser.afterAction(() -> browser.driver.navigate().back());
        assertEquals(List.of("Nam", "Nữ", "Tổng"), headerTexts());
        assertEquals(shown, shownRows());

        // A phone: the table scrolls inside its box, nothing else runs off the screen.
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.open("/?page=tables&cube=population_stock&rows=unit,ageCustom&cols=sex,period&bands=" + SCHOOL + "&period=2024,2025");
        Number pageWidth = (Number) browser.script("return document.documentElement.scrollWidth");
        Number viewport = (Number) browser.script("return document.documentElement.clientWidth");
        assertTrue(pageWidth.intValue() <= viewport.intValue(), "page " + pageWidth + " wider than " + viewport);
        assertEquals(Boolean.TRUE, browser.script("const box = document.querySelector('.pivot-scroll'); return box.scrollWidth > box.clientWidth;"));
        assertFalse(browser.find("#pivot-hint").getAttribute("hidden") != null, "the hint says the table scrolls sideways");
        assertEquals(null, browser.find("#table-form details").getAttribute("open"), "on a phone the form is folded: the table comes first");
        browser.script("document.querySelector('#table-result').scrollIntoView()");
        browser.screenshot("tables-quyhoach-390");
        browser.driver.manage().window().setSize(new Dimension(1400, 1600));
        browser.logOut();
    }

    @Test
    void theOneCommuneAccountSeesItsCommuneOnlyAndAnonymousVisitorsAreAskedToLogIn()
    {
        browser.logOut();
        browser.open("/?page=tables");
        assertFalse(browser.find("#nav").getText().contains("Bảng số liệu"));
        assertEquals("Bảng số liệu dành cho người dùng đã đăng nhập (mọi vai trò).", browser.find("#tables-login p").getText());

        browser.logIn("xa-dakkoi", "dancu-dakkoi-demo");
        browser.open("/?page=tables");
        List<List<String>> shown = shownRows();
        assertEquals(5, shown.size());
        assertEquals("Xã Đăk Kôi", shown.get(0).get(0));
        JsonNode table = browser.api(TABLE_API);
        assertEquals(4, table.get("rows").get("headers").size());
        assertEquals(text(table.get("grandTotal")), shown.get(4).get(3));
        browser.screenshot("tables-xa-dakkoi-1400");
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.open("/?page=tables");
        browser.script("document.querySelector('#table-result').scrollIntoView()");
        browser.screenshot("tables-xa-dakkoi-390");
        browser.driver.manage().window().setSize(new Dimension(1400, 1600));
        browser.logOut();
    }

    @Test
    void thePageHasNoSeriousAccessibilityViolationAndPrintsTheTableWithoutTheForm() throws Exception
    {
        String axe = Axe.script();
        List<String> found = new ArrayList<>();
        for (String[] account : List.of(new String[] {"quyhoach", "dancu-quyhoach-demo"}, new String[] {"xa-dakkoi", "dancu-dakkoi-demo"})) {
            browser.logIn(account[0], account[1]);
            browser.open("/?page=tables");
            browser.script(axe);
            Object violations = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                    + ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | '))))"
                    + ".catch(e => done(['axe failed: ' + e]));");
            for (Object violation : (List<?>) violations) {
                found.add(account[0] + ": " + violation);
            }
            browser.logOut();
        }
        assertEquals(List.of(), found);

        browser.logIn("quyhoach", "dancu-quyhoach-demo");
        browser.open("/?page=tables");
        Map<String, Object> pdf = browser.driver.executeCdpCommand("Page.printToPDF", Map.of("paperWidth", 8.27, "paperHeight", 11.69, "printBackground", true));
        byte[] bytes = java.util.Base64.getDecoder().decode((String) pdf.get("data"));
        Files.write(Chromium.SCREENSHOTS.resolve("print-tables.pdf"), bytes);
        com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(bytes);
        StringBuilder printed = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            // Chromium's PDF spaces some letters apart: compared without white space.
            printed.append(new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(page).replaceAll("\\s+", ""));
        }
        reader.close();
        String text = printed.toString();
        assertTrue(text.contains("Dânsốcuốitháng—Dânsố"), text);
        assertTrue(text.contains("XãĐăkKôi") && text.contains("15–17tuổi") && text.contains("Tổng"), text);
        assertFalse(text.contains("Xembảng") || text.contains("Lưubảng") || text.contains("Tảivề"), "the form and the buttons are not printed: " + text);
        assertTrue(text.startsWith("Thốngkêdânsố") && text.contains("Bảngsốliệu—") && text.contains("Nguồn:CSDLdâncư"), "the report header: " + text);
        assertFalse(text.contains("null") || text.contains("undefined"), "no empty value printed as a word: " + text);
        browser.logOut();
    }

    private static String text(JsonNode cell)
    {
        if ("suppressed".equals(cell.get("status").asText())) {
            return "x";
        }
        if (cell.get("value").isNull()) {
            return "—";
        }
        return String.format(java.util.Locale.ROOT, "%,d", cell.get("value").asLong()).replace(',', '.');
    }

    private static List<String> rowLabels()
    {
        List<String> labels = new ArrayList<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector("#pivot tbody tr"))) {
            labels.add(row.findElement(By.cssSelector("th")).getAttribute("aria-label"));
        }
        return labels;
    }

    private static List<String> headerTexts()
    {
        List<WebElement> lines = browser.driver.findElements(By.cssSelector("#pivot thead tr"));
        List<String> texts = new ArrayList<>();
        for (WebElement cell : lines.get(lines.size() - 1).findElements(By.cssSelector("th.num"))) {
            texts.add(cell.getText());
        }
        return texts;
    }

    /** The rows of the pivot as shown: row labels (written out where the page leaves a repeated one blank), then the figures. */
    private static List<List<String>> shownRows()
    {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector("#pivot tbody tr, #pivot tfoot tr"))) {
            List<String> cells = new ArrayList<>();
            for (WebElement cell : row.findElements(By.cssSelector("th, td"))) {
                String label = cell.getAttribute("aria-label");
                cells.add(label != null && !label.isEmpty() ? label : cell.getText());
            }
            rows.add(cells);
        }
        return rows;
    }
}
