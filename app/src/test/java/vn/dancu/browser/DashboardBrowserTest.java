package vn.dancu.browser;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.dancu.api.TestServer;
import vn.dancu.api.access.DemoAccounts;
import vn.dancu.cli.Dancu;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.cube.CubeCatalog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser against a server started on a small generated register (generate → ingest →
 * build, as ./dancu does): each chart must show exactly the numbers the API answers the same user.
 */
class DashboardBrowserTest
{
    private static final String LATEST = "2026-10-31";
    /** Two years and a month of register: the 25 month ends of the overview's trend, and few partitions to build. */
    private static final String FIRST_DAY = "2024-10-01";
    /** The pyramid's default comparison: five years before, or (as here) the earliest month end. */
    private static final String EARLIEST = "2024-10-31";
    private static final List<String> BANDS = List.of("0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
            "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90-94", "95-99", "100+");
    private static final List<String> PAGES = List.of("overview", "structure", "communes", "change", "d06", "quality");

    @TempDir
    static Path work;
    private static TestServer server;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception
    {
        Path data = work.resolve("data");
        Path key = work.resolve("test.key");
        Files.writeString(key, "a browser test key of enough length");
        String folder = data.toString();
        assertEquals(0, Dancu.commandLine().execute("generate", "--data", folder, "--persons", "2000", "--seed", "11", "--start", FIRST_DAY, "--end", LATEST));
        assertEquals(0, Dancu.commandLine().execute("ingest", "--data", folder, "--key-file", key.toString(), "--master", "local[2]"));
        assertEquals(0, Dancu.commandLine().execute("build", "--data", folder, "--master", "local[2]"));
        server = TestServer.start(data, Area.konray(), CubeCatalog.builtIn().names().toArray(String[]::new));
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
    }

    @AfterEach
    void noBrowserErrors()
    {
        assertEquals(List.of(), browser.severeLogs(), "browser console errors");
        browser.logOut();
    }

    /** 1234567 as the Vietnamese page writes it: 1.234.567. */
    private static String vi(long value)
    {
        return String.format(Locale.ROOT, "%,d", value).replace(',', '.');
    }

    private static long total(JsonNode answer, String measure)
    {
        long sum = 0;
        for (JsonNode row : answer.get("rows")) {
            sum += row.get(measure).asLong();
        }
        return sum;
    }

    /** Chart rows keyed by their first column, the other columns as text ("null" when withheld). */
    private static Map<String, List<String>> rowsByLabel(JsonNode dataset)
    {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (JsonNode row : dataset.get("source")) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i < row.size(); i++) {
                values.add(row.get(i).isNull() ? "null" : row.get(i).asText());
            }
            rows.put(row.get(0).asText(), values);
        }
        return rows;
    }

    /** The pyramid as the API answers it: band code → [males, females] (absent combinations are 0, withheld "null"). */
    private static Map<String, List<String>> pyramidOf(JsonNode answer)
    {
        Map<String, String> cells = new LinkedHashMap<>();
        for (JsonNode row : answer.get("rows")) {
            cells.put(row.get("ageBand").asText() + "|" + row.get("sex").asText(), row.get("population").isNull() ? "null" : row.get("population").asText());
        }
        Map<String, List<String>> pyramid = new LinkedHashMap<>();
        for (String band : BANDS) {
            pyramid.put(band, List.of(cells.getOrDefault(band + "|M", "0"), cells.getOrDefault(band + "|F", "0")));
        }
        return pyramid;
    }

    /** The label the page gives a band: the API's, or (a band nobody is in) the page's own. */
    private static String bandLabel(JsonNode answer, String band)
    {
        for (JsonNode row : answer.get("rows")) {
            if (row.get("ageBand").asText().equals(band)) {
                return row.get("ageBandLabel").asText();
            }
        }
        return band.endsWith("+") ? band : band.replace('-', '–') + " tuổi";
    }

    @Test
    void overviewShowsThePopulationAndItsTwelveMonthChangeAsTheApiCountsThem()
    {
        browser.open("/");
        long population = browser.api("/api/v1/cubes/population_stock/query?dims=area").get("rows").get(0).get("population").asLong();
        long yearBefore = browser.api("/api/v1/cubes/population_stock/query?dims=area&date=2025-10-31").get("rows").get(0).get("population").asLong();
        assertEquals(vi(population), browser.text("[data-panel=\"kpi-population\"] .kpi-value"));
        assertEquals(String.valueOf(population), browser.find("[data-panel=\"kpi-population\"] .kpi-value").getAttribute("data-value"));
        String change = (population >= yearBefore ? "+" : "\u2212") + vi(Math.abs(population - yearBefore));
        assertEquals(change, browser.text("[data-panel=\"kpi-change\"] .kpi-value"));
        assertTrue(browser.text("[data-panel=\"kpi-population\"]").contains("tại 31/10/2026"), browser.text("[data-panel=\"kpi-population\"]"));

        // The sparkline: 25 month ends, each the area's population at that date.
        JsonNode spark = browser.dataset("kpi-population");
        assertEquals(25, spark.get("source").size());
        for (JsonNode point : spark.get("source")) {
            String[] day = point.get(0).asText().split("/");
            long expected = browser.api("/api/v1/cubes/population_stock/query?dims=area&date=" + day[2] + "-" + day[1] + "-" + day[0])
                    .get("rows").get(0).get("population").asLong();
            assertEquals(expected, point.get(1).asLong(), point.get(0).asText());
        }
        assertEquals("Tổng quan", browser.text("nav a[aria-current=page]"));
        assertTrue(Integer.parseInt(browser.find("body").getAttribute("data-requests")) <= 7, "at most one data request per card");
    }

    @Test
    void pyramidDrawsTheApiCountsOfBothPeriodsAndWithholdsWhatTheApiWithholds()
    {
        browser.open("/?page=structure");
        JsonNode drawn = browser.dataset("pyramid");
        assertEquals(List.of("band", "M", "F", "cmpM", "cmpF"), List.of(drawn.get("dimensions").get(0).asText(), drawn.get("dimensions").get(1).asText(),
                drawn.get("dimensions").get(2).asText(), drawn.get("dimensions").get(3).asText(), drawn.get("dimensions").get(4).asText()));
        JsonNode latest = browser.api("/api/v1/cubes/population_stock/query?dims=ageBand,sex&date=" + LATEST);
        Map<String, List<String>> now = pyramidOf(latest);
        Map<String, List<String>> before = pyramidOf(browser.api("/api/v1/cubes/population_stock/query?dims=ageBand,sex&date=" + EARLIEST));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        now.forEach((band, values) -> expected.put(bandLabel(latest, band), List.of(values.get(0), values.get(1), before.get(band).get(0), before.get(band).get(1))));
        assertEquals(expected, rowsByLabel(drawn));
        // An anonymous visitor gets small counts withheld: the chart marks them and says how many.
        long withheld = expected.values().stream().flatMap(List::stream).filter("null"::equals).count();
        assertTrue(withheld > 0, "a register of 2,000 persons has small counts among the old ages");
        assertEquals(String.valueOf(withheld), browser.find("[data-panel=\"pyramid\"]").getAttribute("data-withheld"));
        assertTrue(browser.text("[data-panel=\"pyramid\"] .withheld-note").startsWith("x: " + withheld + " ô bị ẩn"));
        assertEquals("Tháp dân số theo nhóm 5 tuổi và giới tính, 31/10/2026", browser.text("[data-panel=\"pyramid\"] .panel-title"));
    }

    @Test
    void aFilterGoesIntoTheUrlAndEveryChartIsRedrawnWithTheFilteredNumbers()
    {
        browser.logIn("lanhdao", "dancu-lanhdao-demo");
        browser.open("/?page=structure");
        browser.afterAction(() -> new Select(browser.find("#filter-sex")).selectByValue("F"));
        assertTrue(browser.driver.getCurrentUrl().contains("sex=F"), browser.driver.getCurrentUrl());
        JsonNode womenAnswer = browser.api("/api/v1/cubes/population_stock/query?dims=ageBand,sex&filter=sex:F");
        Map<String, List<String>> women = pyramidOf(womenAnswer);
        Map<String, List<String>> drawn = rowsByLabel(browser.dataset("pyramid"));
        women.forEach((band, values) -> assertEquals(List.of("0", values.get(1)), drawn.get(bandLabel(womenAnswer, band)).subList(0, 2), band));
        assertEquals("Lọc: Nữ", browser.text("[data-panel=\"pyramid\"] .panel-sub"));

        // Clicking a commune's tile on the map filters on it; the filter follows to the other pages.
        browser.afterAction(() -> browser.find("nav a[data-page=communes]").click());
        browser.afterAction(() -> browser.find(".tile[data-unit=\"23485\"]").click());
        assertTrue(browser.driver.getCurrentUrl().contains("unit=23485"), browser.driver.getCurrentUrl());
        assertEquals("true", browser.find(".tile[data-unit=\"23485\"]").getAttribute("aria-pressed"));
        assertEquals("selected", browser.find("tr[data-unit=\"23485\"]").getAttribute("class"));
        browser.afterAction(() -> browser.find("nav a[data-page=overview]").click());
        long womenOfDakKoi = total(browser.api("/api/v1/cubes/population_stock/query?filter=sex:F&filter=unit:23485"), "population");
        assertEquals(vi(womenOfDakKoi), browser.text("[data-panel=\"kpi-population\"] .kpi-value"));
        assertEquals("Lọc: Xã Đăk Kôi; Nữ", browser.text("[data-panel=\"kpi-population\"] .panel-sub"));

        // The address is the view: opened afresh (a bookmark, a colleague), it shows the same.
        String address = browser.driver.getCurrentUrl();
        browser.driver.navigate().refresh();
        browser.waitReady();
        assertEquals(address, browser.driver.getCurrentUrl());
        assertEquals(vi(womenOfDakKoi), browser.text("[data-panel=\"kpi-population\"] .kpi-value"));
    }

    @Test
    void theLanguageSwitchTurnsLabelsAndNumbersIntoEnglish()
    {
        browser.open("/");
        long population = browser.api("/api/v1/cubes/population_stock/query?dims=area").get("rows").get(0).get("population").asLong();
        browser.afterAction(() -> browser.find("#lang-switch").click());
        assertEquals("en", browser.script("return document.documentElement.lang"));
        assertTrue(browser.driver.getCurrentUrl().contains("lang=en"));
        assertEquals("Overview", browser.text("nav a[aria-current=page]"));
        assertEquals("Population", browser.text("[data-panel=\"kpi-population\"] .panel-title"));
        assertEquals(String.format(Locale.ROOT, "%,d", population), browser.text("[data-panel=\"kpi-population\"] .kpi-value"));
        assertEquals("Tiếng Việt", browser.text("#lang-switch"));
        browser.afterAction(() -> browser.find("#lang-switch").click());
        assertEquals("Tổng quan", browser.text("nav a[aria-current=page]"));
    }

    @Test
    void theCsvDownloadOfAChartHasTheByteOrderMarkTheHeaderAndTheApiNumbersAndItsImageIsAPng() throws Exception
    {
        browser.open("/?page=structure");
        // One download menu per chart: the data formats of the API and the chart as a picture.
        assertEquals(1, browser.driver.findElements(By.cssSelector("[data-panel=\"pyramid\"] details.download-menu")).size());
        browser.find("[data-panel=\"pyramid\"] details.download-menu > summary").click();
        WebElement csv = browser.find("[data-panel=\"pyramid\"] a[data-format=csv]");
        assertTrue(csv.getAttribute("href").contains("/api/v1/cubes/population_stock/export?"), csv.getAttribute("href"));
        csv.click();
        Path file = browser.downloads.resolve("population_stock_" + LATEST + ".csv");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!Files.exists(file) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(file), "downloaded " + List.of(browser.downloads.toFile().list()));
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "UTF-8 byte-order mark");
        List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertEquals("ageBand,Nhóm tuổi (5 năm),sex,Giới tính,population,population_status", lines.get(0));
        JsonNode answer = browser.api("/api/v1/cubes/population_stock/query?dims=ageBand,sex&date=" + LATEST);
        JsonNode first = answer.get("rows").get(0);
        assertEquals(first.get("ageBand").asText() + "," + first.get("ageBandLabel").asText() + "," + first.get("sex").asText() + ","
                + first.get("sexLabel").asText() + "," + first.get("population").asText() + ",ok", lines.get(1));

        // The chart as an image, drawn by the browser.
        browser.find("[data-panel=\"pyramid\"] button[data-format=png]").click();
        Path image = browser.downloads.resolve("dancu_pyramid_" + LATEST + ".png");
        deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!Files.exists(image) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        byte[] png = Files.readAllBytes(image);
        assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));
        assertTrue(png.length > 10_000, "a pyramid image of " + png.length + " bytes");
        // The picture stands on its own: the chart at twice its size, with the title and filters above it and the date
        // and source under it (PNG header: width and height, big-endian, at bytes 16 and 20).
        long width = java.nio.ByteBuffer.wrap(png, 16, 4).getInt();
        long height = java.nio.ByteBuffer.wrap(png, 20, 4).getInt();
        long canvasWidth = ((Number) browser.script("return document.querySelector('[data-panel=pyramid] canvas').getBoundingClientRect().width")).longValue();
        long canvasHeight = ((Number) browser.script("return document.querySelector('[data-panel=pyramid] canvas').getBoundingClientRect().height")).longValue();
        assertEquals(2 * canvasWidth, width, 2.0);
        assertTrue(height > 2 * canvasHeight + 100, height + " pixels high for a chart of " + canvasHeight);
    }

    @Test
    void rolesSeeWhatTheyMaySeeAndEveryPageDrawsWithoutErrors()
    {
        for (String[] account : new String[][] {{"viewer", null, null}, {"leader", "lanhdao", "dancu-lanhdao-demo"},
                {"statistician", "thongke", "dancu-thongke-demo"}}) {
            browser.logOut();
            if (account[1] != null) {
                browser.logIn(account[1], account[2]);
                assertEquals(account[0], browser.find("#who").getAttribute("data-role"));
            }
            for (String page : PAGES) {
                browser.open("/?page=" + page);
                List<WebElement> panels = browser.driver.findElements(By.cssSelector("[data-panel]"));
                assertFalse(panels.isEmpty(), page);
                for (WebElement panel : panels) {
                    assertNotEquals("error", panel.getAttribute("data-state"), page + ": " + panel.getText());
                }
                int requests = Integer.parseInt(browser.find("body").getAttribute("data-requests"));
                assertTrue(requests <= panels.size(), page + ": " + requests + " data requests for " + panels.size() + " charts");
                browser.screenshot(account[0] + "-" + page);
            }
            browser.open("/?page=structure");
            boolean ethnicity = !account[0].equals("viewer");
            assertEquals(ethnicity ? "ready" : "message", browser.panelState("ethnic"));
            assertEquals(ethnicity, !browser.driver.findElements(By.id("filter-eth")).isEmpty());
            assertEquals(account[0].equals("statistician"), browser.find("#filter-geo option[value=asof]").isEnabled());
            if (!ethnicity) {
                assertEquals("Nội dung này dành cho vai trò: Cán bộ quy hoạch, Lãnh đạo, Thống kê viên, Quản trị viên. Hãy đăng nhập bằng tài khoản phù hợp.",
                        browser.text("[data-panel=\"ethnic\"] .message"));
            }
        }
    }

    @Test
    void aPartialYearIsDrawnMarkedWithTheMonthsItCoversBesideTheWholeYears()
    {
        // The register runs from 01/10/2024 to 31/10/2026: 2024 has three months, 2026 ten.
        browser.logIn("lanhdao", "dancu-lanhdao-demo");
        browser.open("/?page=change");
        List<String> years = new ArrayList<>(rowsByLabel(browser.dataset("births")).keySet());
        assertEquals(List.of("2024 (T10–T12/2024)", "2025", "2026 (T1–T10/2026)"), years);
        Object bands = browser.script("const node = document.querySelector('[data-panel=\"births\"] [_echarts_instance_]');"
                + "return JSON.stringify(echarts.getInstanceByDom(node).getOption().series[0].markArea.data.map(d => d[0].name + ' @ ' + d[0].xAxis));");
        assertEquals("[\"T10–T12/2024 @ 2024 (T10–T12/2024)\",\"T1–T10/2026 @ 2026 (T1–T10/2026)\"]", bands);
        assertTrue(browser.text("[data-panel=\"births\"]").contains("Năm chưa đủ 12 tháng: 2024: T10–T12/2024"), browser.text("[data-panel=\"births\"]"));
        // The crude rates of the partial years are per year of their months (person-years), and say which months.
        List<String> rateYears = new ArrayList<>(rowsByLabel(browser.dataset("rates")).keySet());
        assertEquals(List.of("2024 (T10–T12/2024)", "2025", "2026 (T1–T10/2026)"), rateYears);
        browser.screenshot("change-partial-years");
    }

    @Test
    void theComparisonTableShowsTheIndicatorsOfTheApi()
    {
        browser.open("/?page=communes");
        JsonNode units = browser.api("/api/v1/indicators?ids=population,sexRatio,medianAge&level=commune&date=" + LATEST);
        for (JsonNode value : units.get("values")) {
            WebElement row = browser.find("tr[data-unit=\"" + value.get("unit").asText() + "\"]");
            List<String> cells = row.findElements(By.cssSelector("td")).stream().map(WebElement::getText).toList();
            int column = List.of("population", "sexRatio", "medianAge").indexOf(value.get("indicator").asText());
            String expected = column == 0 ? vi(value.get("value").asLong()) : String.format(Locale.ROOT, "%.1f", value.get("value").asDouble()).replace('.', ',');
            assertEquals(expected, cells.get(column), value.get("indicator").asText() + " of " + value.get("unit").asText());
        }
        JsonNode tiles = browser.dataset("map");
        assertEquals(3, tiles.get("source").size(), "the three communes of 2025 are tiles (no public boundaries)");
        // The data reach back before 01/07/2025: the area was one former district, whose shape carries the area's total.
        long population = browser.api("/api/v1/cubes/population_stock/query?dims=area").get("rows").get(0).get("population").asLong();
        assertEquals("1", browser.find(".map-canvas").getAttribute("data-districts"));
        assertEquals(List.of("Huyện Kon Rẫy", vi(population)), browser.driver.findElements(By.cssSelector(".map-canvas text")).stream()
                .map(WebElement::getText).toList());
    }

    @Test
    void thePrintStylesheetGivesAnA4ReportWithTheFilterSummaryAndNoControls() throws Exception
    {
        browser.open("/?page=structure&sex=M");
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertEquals("none", browser.script("return getComputedStyle(document.querySelector('.filters-bar')).display"));
            assertEquals("none", browser.script("return getComputedStyle(document.querySelector('nav')).display"));
            assertEquals("none", browser.script("return getComputedStyle(document.querySelector('[data-panel=pyramid] .actions')).display"));
            assertEquals("block", browser.script("return getComputedStyle(document.querySelector('.print-summary')).display"));
            String summary = browser.text(".print-summary");
            assertTrue(summary.startsWith("Cơ cấu dân số — Huyện Kon Rẫy cũ (nay: xã Đăk Rve, Đăk Kôi, Kon Braih)\nThời điểm: 31/10/2026; Địa giới: Đơn vị từ 01/07/2025."), summary);
            assertTrue(summary.contains("Bộ lọc: Giới tính: Nam."), summary);
            assertTrue(summary.contains("Nguồn: CSDL dân cư, số liệu đến 31/10/2026, cập nhật "), summary);
            Map<String, Object> pdf = browser.driver.executeCdpCommand("Page.printToPDF", Map.of("paperWidth", 8.27, "paperHeight", 11.69, "printBackground", true));
            byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
            Files.write(Chromium.SCREENSHOTS.resolve("print-structure.pdf"), bytes);
            assertEquals("%PDF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        }
        finally {
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }
}
