package vn.dancu.browser;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dancu.api.subscription.MyReportsHarness;
import vn.dancu.api.table.TableFixture;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner's whole path with the table builder (issue 16's acceptance), on a server with saved tables and
 * subscriptions as {@code ./dancu serve} wires them: communes × school-age bands × sex at the latest year end, built
 * with the form, its numbers checked against the query API's single ages, the XLSX downloaded and read back with POI,
 * the table saved; then the engine publishes a new version whose newest year end is 31/12/2026, and the saved table,
 * opened from "Báo cáo của tôi", is the table at that new date, with the new version's numbers.
 */
class PlannerSavedTableBrowserTest
{
    private static final String SCHOOL = "3-5,6-10,11-14,15-17";
    private static final int[][] BANDS = {{3, 5}, {6, 10}, {11, 14}, {15, 17}};

    @TempDir
    Path data;

    @TempDir
    Path work;

    @Test
    void aPlannerBuildsSavesAndFindsTheTableAtTheNewDateOfTheNextVersion() throws Exception
    {
        TableFixture first = new TableFixture();
        first.publish(data, "v1", TableFixture.DATES);
        try (MyReportsHarness server = new MyReportsHarness(data, Optional.empty());
                Chromium browser = new Chromium("http://localhost:" + server.server.port(), work)) {
            browser.driver.manage().window().setSize(new Dimension(1400, 1600));
            browser.logIn("quyhoach", "dancu-quyhoach-demo");

            // Build it with the form, from another table: communes and bands in the rows, sex in the columns, the latest year.
            browser.open("/?page=tables&cube=population_stock&rows=sex&tdate=2026-10-31");
            new Select(browser.find("#tb-place-unit")).selectByValue("rows");
            new Select(browser.find("#tb-place-ageCustom")).selectByValue("rows");
            new Select(browser.find("#tb-place-sex")).selectByValue("cols");
            browser.find("#tb-bands").clear();
            browser.find("#tb-school").click();
            browser.find("#tb-period").clear();
            browser.find("[data-relative='LATEST_YEAR']").click();
            assertEquals("LATEST_YEAR", browser.find("#tb-period").getAttribute("value"));
            browser.afterAction(() -> browser.find("#tb-apply").click());
            assertEquals("Thời điểm: năm 2025 (31/12/2025)", browser.text("#table-reference"));
            assertNumbersAreTheQueryApis(browser, first, "2025-12-31");

            // The workbook, downloaded by its link and read back.
            browser.find("#table-downloads a[data-format='xlsx']").click();
            Path file = browser.downloads.resolve("dancu-table_population_stock_2025-12-31.xlsx");
            new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> Files.exists(file) && file.toFile().length() > 0);
            JsonNode table = browser.api("/api/v1/tables?cube=population_stock&rows=unit,ageCustom&cols=sex&ageBands=" + SCHOOL + "&period=LATEST_YEAR");
            try (InputStream in = Files.newInputStream(file)) {
                assertEquals(cells(table), workbookCells(in));
            }

            // Saved under a name; the server keeps the period as written (relative).
            browser.find("#tb-save-name").clear();
            browser.find("#tb-save-name").sendKeys("Trẻ em tuổi đi học theo xã");
            browser.find("#tb-save").click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> !browser.text("#tb-save-message").isEmpty());
            JsonNode saved = MyReportsHarness.json(server.send("quyhoach", "GET", "/api/v1/saved-tables", null)).get("savedTables").get(0);
            assertEquals("Trẻ em tuổi đi học theo xã", saved.get("name").asText());
            assertTrue(saved.get("query").asText().contains("period=LATEST_YEAR"), saved.toString());

            // A new version: the data now reach 31/12/2026.
            TableFixture second = new TableFixture();
            second.publish(data, "v2", List.of("2024-12-31", "2025-12-31", "2026-10-31", "2026-12-31"));
            // The server looks at the version pointer at most once a second: wait until it answers from the new version.
            String[] latest = {""};
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).withMessage(() -> "the server still answers " + latest[0])
                    .until(d -> (latest[0] = server.send("quyhoach", "GET", "/api/v1/tables?cube=population_stock&rows=sex&period=LATEST_YEAR", null)
                            .body()).contains("2026-12-31"));

            // Opened from "Báo cáo của tôi": the same table at the new year end, with the new version's numbers.
            browser.open("/?page=myreports");
            WebElement open = browser.find("#myreports-tables-table .myreports-open");
            assertEquals("Trẻ em tuổi đi học theo xã", open.getText());
            browser.afterAction(open::click);
            assertEquals("Thời điểm: năm 2026 (31/12/2026)", browser.text("#table-reference"));
            assertNumbersAreTheQueryApis(browser, second, "2026-12-31");

            // And the saved table's stable URL (R, Python) gives the new date's file.
            HttpResponse<byte[]> xlsx = server.bytes("quyhoach", "/api/v1/saved-tables/" + saved.get("id").asLong() + "/data?format=xlsx");
            assertEquals(200, xlsx.statusCode());
            JsonNode now = browser.api("/api/v1/tables?cube=population_stock&rows=unit,ageCustom&cols=sex&ageBands=" + SCHOOL + "&period=2026");
            assertEquals(cells(now), workbookCells(new ByteArrayInputStream(xlsx.body())));
            assertEquals(List.of(), browser.severeLogs());
        }
    }

    /** The shown figures are the API table's; every published band is the sum of the query API's single ages, and the fixture's exact count. */
    private static void assertNumbersAreTheQueryApis(Chromium browser, TableFixture fixture, String date)
    {
        JsonNode table = browser.api("/api/v1/tables?cube=population_stock&rows=unit,ageCustom&cols=sex&ageBands=" + SCHOOL + "&date=" + date);
        JsonNode single = browser.api("/api/v1/cubes/population_stock/query?dims=unit,age,sex&date=" + date);
        List<List<String>> shown = shownRows(browser);
        assertEquals(13, shown.size(), "3 communes × 4 bands and the totals");
        int published = 0;
        for (int r = 0; r < 12; r++) {
            String commune = table.get("rows").get("headers").get(r).get("codes").get(0).asText();
            List<String> expected = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                JsonNode cell = table.get("cells").get(r).get(c);
                expected.add(text(cell));
                if (cell.get("value").isNull()) {
                    continue;
                }
                String sex = c == 0 ? "M" : "F";
                long sum = 0;
                for (int age = BANDS[r % 4][0]; age <= BANDS[r % 4][1]; age++) {
                    for (JsonNode row : single.get("rows")) {
                        if (row.get("unit").asText().equals(commune) && row.get("age").asText().equals(Integer.toString(age)) && row.get("sex").asText().equals(sex)) {
                            sum += row.get("population").asLong();
                        }
                    }
                }
                assertEquals(sum, cell.get("value").asLong(), commune + " band " + r % 4 + " " + sex);
                assertEquals(fixture.count(date, commune, sex, BANDS[r % 4][0], BANDS[r % 4][1]), sum, "the register's count");
                published++;
            }
            expected.add(text(table.get("rowTotals").get(r)));
            assertEquals(expected, shown.get(r).subList(2, 5), "row " + r);
        }
        assertTrue(published >= 4, "bands are published and compared: " + published);
    }

    private static List<String> cells(JsonNode table)
    {
        List<String> cells = new ArrayList<>();
        for (JsonNode row : table.get("cells")) {
            for (JsonNode cell : row) {
                cells.add(cell.get("value").isNull() ? "x" : cell.get("value").asText());
            }
        }
        return cells;
    }

    private static List<String> workbookCells(InputStream in) throws Exception
    {
        List<String> cells = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            for (int r = 0; r < 12; r++) {
                for (int c = 0; c < 2; c++) {
                    var value = sheet.getRow(5 + r).getCell(2 + c);
                    cells.add(value.getCellType() == CellType.NUMERIC ? Long.toString((long) value.getNumericCellValue()) : value.getStringCellValue());
                }
            }
        }
        return cells;
    }

    private static String text(JsonNode cell)
    {
        if ("suppressed".equals(cell.get("status").asText())) {
            return "x";
        }
        return cell.get("value").isNull() ? "—" : String.format(Locale.ROOT, "%,d", cell.get("value").asLong()).replace(',', '.');
    }

    private static List<List<String>> shownRows(Chromium browser)
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
