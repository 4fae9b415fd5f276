package vn.dancu.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.TestServer;
import vn.dancu.api.access.DemoAccounts;
import vn.dancu.datasets.geo.Area;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "Dự báo" page (issue 17, point 3) on a projection cube written by hand, in thousandths of a person as the engine
 * writes it, so that every figure on the page can be worked out on paper (the comments give the sums): the fan of the
 * scenarios, the projected pyramid against the jump-off year, school-age and health figures per year with the range
 * of the scenarios, labelled as a projection with its jump-off date — for a planner (rounded to tens), a statistician
 * (whole persons) and an anonymous visitor; on a phone of 390 px and printed.
 */
class DashboardForecastBrowserTest
{
    static final String RVE = "23479";
    static final String KOI = "23485";
    static final String BRAIH = "23497";

    @TempDir
    static Path work;
    private static TestServer server;
    private static Chromium browser;

    /**
     * Jump-off 31/12/2025 (every scenario): Đăk Kôi 123.4 boys and 118.6 girls aged 4, 200 women aged 30, 3 men aged 85;
     * Đăk Rve 55.5 boys and 60 girls aged 8. The area: 560.5 persons. 2026 and 2027 differ by scenario only in the
     * children born after the jump-off (ages 0 and 1).
     */
    static void publishFixture(Path data) throws Exception
    {
        // The register reaches back before the reform (30/06/2025, on the old communes), as the demo's does.
        CubeFixture stock = new CubeFixture("population_stock").row("2025-12-31", KOI, "F", 30, "14", "PERMANENT", 200)
                .row("2025-06-30", "23482", "F", 30, "14", "PERMANENT", 150);
        CubeFixture projection = new CubeFixture("population_projection");
        String[] scenarios = {"MEDIUM", "LOW", "HIGH", "ZERO_MIGRATION"};
        long[] born2026 = {20_000, 15_000, 25_000, 19_000};
        long[] births2026 = {20_500, 15_400, 25_600, 19_400};
        long[] aged1In2027 = {19_800, 14_900, 24_700, 18_800};
        long[] born2027 = {21_000, 15_500, 26_000, 19_000};
        for (int s = 0; s < scenarios.length; s++) {
            String scenario = scenarios[s];
            projection.row("2025-12-31", KOI, "2025", scenario, "M", 4, 123_400L, 0L, 0L, 0L)
                    .row("2025-12-31", KOI, "2025", scenario, "F", 4, 118_600L, 0L, 0L, 0L)
                    .row("2025-12-31", KOI, "2025", scenario, "F", 30, 200_000L, 0L, 0L, 0L)
                    .row("2025-12-31", KOI, "2025", scenario, "M", 85, 3_000L, 0L, 0L, 0L)
                    .row("2025-12-31", RVE, "2025", scenario, "M", 8, 55_500L, 0L, 0L, 0L)
                    .row("2025-12-31", RVE, "2025", scenario, "F", 8, 60_000L, 0L, 0L, 0L)
                    .row("2026-12-31", KOI, "2025", scenario, "M", 5, 121_049L, 0L, 2_351L, 0L)
                    .row("2026-12-31", KOI, "2025", scenario, "F", 5, 117_251L, 0L, 1_349L, 0L)
                    .row("2026-12-31", KOI, "2025", scenario, "F", 31, 200_000L, 0L, 0L, 0L)
                    .row("2026-12-31", KOI, "2025", scenario, "M", 0, born2026[s], births2026[s], 500L, 0L)
                    .row("2026-12-31", RVE, "2025", scenario, "M", 9, 55_000L, 0L, 500L, 0L)
                    .row("2026-12-31", RVE, "2025", scenario, "F", 9, 59_500L, 0L, 500L, 0L)
                    .row("2027-12-31", KOI, "2025", scenario, "M", 6, 119_000L, 0L, 2_049L, 0L)
                    .row("2027-12-31", KOI, "2025", scenario, "F", 6, 116_000L, 0L, 1_251L, 0L)
                    .row("2027-12-31", KOI, "2025", scenario, "F", 32, 199_000L, 0L, 1_000L, 0L)
                    .row("2027-12-31", KOI, "2025", scenario, "M", 1, aged1In2027[s], 0L, 200L, 0L)
                    .row("2027-12-31", KOI, "2025", scenario, "M", 0, born2027[s], born2027[s], 0L, 0L)
                    .row("2027-12-31", RVE, "2025", scenario, "M", 10, 54_500L, 0L, 500L, 0L)
                    .row("2027-12-31", RVE, "2025", scenario, "F", 10, 59_000L, 0L, 500L, 0L);
        }
        // The old communes of Đăk Kôi at the jump-off (geography PRE2025): Đắk Kôi (23482) and Đắk Tơ Lung (23485), adding up to it.
        for (String scenario : scenarios) {
            projection.row("2025-12-31", "23482", "PRE2025", scenario, "M", 4, 100_000L, 0L, 0L, 0L)
                    .row("2025-12-31", "23485", "PRE2025", scenario, "M", 4, 23_400L, 0L, 0L, 0L)
                    .row("2025-12-31", "23482", "PRE2025", scenario, "F", 4, 118_600L, 0L, 0L, 0L)
                    .row("2025-12-31", "23482", "PRE2025", scenario, "F", 30, 150_000L, 0L, 0L, 0L)
                    .row("2025-12-31", "23485", "PRE2025", scenario, "F", 30, 50_000L, 0L, 0L, 0L)
                    .row("2025-12-31", "23482", "PRE2025", scenario, "M", 85, 3_000L, 0L, 0L, 0L);
        }
        CubeFixture.publish(data, "v1", "konray", stock, projection);
    }

    @BeforeAll
    static void start() throws Exception
    {
        publishFixture(work.resolve("data"));
        server = TestServer.start(work.resolve("data"), Area.konray(), "population_stock", "population_projection");
        DemoAccounts.ensure(server.accounts, List.of(RVE, KOI, BRAIH));
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
        browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        assertEquals(List.of(), browser.severeLogs(), "browser console errors");
        browser.logOut();
    }

    private static List<List<String>> rows(JsonNode dataset)
    {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : dataset.get("source")) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.isNull() ? "null" : cell.asText()));
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void aPlannerSeesTheFanThePyramidAndTheSchoolAgeTableRoundedToTensAndLabelledAsAProjection()
    {
        browser.logIn("quyhoach", "dancu-quyhoach-demo");
        browser.open("/?page=forecast");
        assertEquals("Dự báo", browser.text("#nav [aria-current=page]"));
        // The area: 2025: 560.5 → 560; 2026: 572.8, 567.8, 577.8, 571.8 → 570, 570, 580, 570; 2027: 588.3, 577.9, 598.2, 585.3.
        assertEquals(List.of(List.of("2025 (năm gốc)", "560", "560", "560", "560"), List.of("2026", "570", "570", "580", "570"),
                List.of("2027", "590", "580", "600", "590")), rows(browser.dataset("forecast-fan")));
        assertEquals("Dự báo dân số theo phương án — Toàn địa bàn (năm gốc 31/12/2025)", browser.text("[data-panel=\"forecast-fan\"] .panel-title"));
        String notes = browser.text("[data-panel=\"forecast-fan\"] .panel-notes");
        assertTrue(notes.contains("Dự báo (kết quả mô hình, không phải số người đếm được): bốn phương án, năm gốc 31/12/2025"), notes);
        assertTrue(notes.contains("Số liệu được làm tròn đến 10 người; số từ 1 đến 4 người được ẩn (x)"), notes);
        // 2027 (the last year) against the jump-off: 0–4: 21 + 19.8 boys → 40; 5–9: 119 → 120, 116 → 120; 10–14: 54.5 → 50, 59 → 60;
        // in 2025 the 3 men aged 85 are withheld with the women of their band.
        List<List<String>> pyramid = rows(browser.dataset("forecast-pyramid"));
        assertEquals(List.of("0–4 tuổi", "40", "0", "120", "120"), pyramid.get(0));
        assertEquals(List.of("5–9 tuổi", "120", "120", "60", "60"), pyramid.get(1));
        assertEquals(List.of("10–14 tuổi", "50", "60", "0", "0"), pyramid.get(2));
        assertEquals(List.of("85–89 tuổi", "0", "0", "null", "null"), pyramid.get(17));
        assertEquals("Tháp dân số dự báo năm 2027, phương án trung bình, so với năm gốc 31/12/2025",
                browser.text("[data-panel=\"forecast-pyramid\"] .panel-title"));
        // School ages, medium (range of the scenarios): 2026 0–2: 20, 15, 25, 19 → 20, 20, 30, 20; 2027: 40.8, 30.4, 50.7, 37.8.
        assertEquals(List.of(List.of("2025 (năm gốc)", "0", "240", "120", "0", "0"), List.of("2026", "20 (20–30)", "240", "110", "0", "0"),
                List.of("2027", "40 (30–50)", "0", "350", "0", "0")), rows(browser.dataset("forecast-school")));
        // Another projected year for the pyramid: 2026.
        browser.afterAction(() -> new Select(browser.find("#pyramid-year")).selectByValue("2026"));
        assertEquals(List.of("0–4 tuổi", "20", "0", "120", "120"), rows(browser.dataset("forecast-pyramid")).get(0));
        // The downloads are the projection's own files, CSV and XLSX.
        List<String> links = browser.driver.findElements(By.cssSelector("[data-panel=\"forecast-school\"] .menu-item[href]")).stream()
                .map(link -> link.getAttribute("href").replaceAll("^https?://[^/]+", "")).toList();
        assertEquals(List.of("/api/v1/projections/export?unit=AREA&lang=vi&scenario=all&ages=groups&format=csv",
                "/api/v1/projections/export?unit=AREA&lang=vi&scenario=all&ages=groups&format=xlsx"), links);
        browser.screenshot("forecast-planner");
    }

    @Test
    void aStatisticianSeesWholePersonsAndTheElderlyThatAViewerDoesNot()
    {
        browser.logIn("thongke", "dancu-thongke-demo");
        browser.open("/?page=forecast&unit=" + KOI);
        // Đăk Kôi 2025: 123.4 + 118.6 + 200 + 3 = 445; 2026: 458.3, 453.3, 463.3, 457.3.
        assertEquals(List.of(List.of("2025 (năm gốc)", "445", "445", "445", "445"), List.of("2026", "458", "453", "463", "457"),
                List.of("2027", "475", "464", "485", "472")), rows(browser.dataset("forecast-fan")));
        List<List<String>> health = rows(browser.dataset("forecast-health"));
        // Population, births, under 1, women 15–49, 60+, 80+, total and old-age dependency: 2025 has 3 men of 85 (3/200 = 1.5 per 100).
        assertEquals(List.of("2025 (năm gốc)", "445", "0", "0", "200", "3", "3", "122,5", "1,5"), health.get(0));
        assertEquals(List.of("2026", "458 (453–463)", "21 (15–26)", "20 (15–25)", "200", "0", "0", "129,2 (126,7–131,7)", "0,0"), health.get(1));
        browser.logOut();
        browser.open("/?page=forecast&unit=" + KOI);
        List<List<String>> viewer = rows(browser.dataset("forecast-health"));
        // An anonymous visitor: 3 persons aged 60+ are withheld, and the old-age ratio with them; the rest rounded to tens.
        assertEquals(List.of("2025 (năm gốc)", "450", "0", "0", "200", "null", "null", "122,5", "null"), viewer.get(0));
        assertTrue(browser.find("[data-panel=\"forecast-health\"]").getAttribute("data-withheld").equals("3"));
        browser.screenshot("forecast-viewer");
    }

    @Test
    void onAPhoneOf390PixelsNothingOverflowsAndThePrintedPageCarriesTheProjectionLabels() throws Exception
    {
        browser.logIn("xa-dakkoi", "dancu-dakkoi-demo");
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        browser.open("/?page=forecast");
        // The one-commune account sees its commune.
        assertEquals("Dự báo dân số theo phương án — Xã Đăk Kôi (năm gốc 31/12/2025)", browser.text("[data-panel=\"forecast-fan\"] .panel-title"));
        Object overflowing = browser.script("""
                const width = document.documentElement.clientWidth; const out = [];
                const scrolls = (node) => { for (let p = node.parentElement; p && p !== document.body; p = p.parentElement) {
                  const x = getComputedStyle(p).overflowX; if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true; } return false; };
                for (const node of document.querySelectorAll('main *')) { const r = node.getBoundingClientRect();
                  // The download menus fold into their closed <details>, as in DashboardLayoutBrowserTest.
                  const folded = node.closest('details:not([open])') && !node.closest('summary') && node.closest('details:not([open])') !== node;
                  if (r.width && r.height && (r.right > width + 1 || r.left < -1) && !scrolls(node) && !folded) out.push(node.tagName + '.' + node.className); }
                if (document.documentElement.scrollWidth > width + 1) out.push('page scrolls sideways');
                return out;""");
        assertEquals(List.of(), overflowing);
        browser.screenshot("forecast-phone");
        browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.open("/?page=forecast");
        List<String> titles = browser.driver.findElements(By.cssSelector("[data-panel] .panel-title")).stream().map(WebElement::getText).toList();
        assertEquals(4, titles.size());
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        Map<String, Object> pdf = browser.driver.executeCdpCommand("Page.printToPDF", Map.of("paperWidth", 8.27, "paperHeight", 11.69, "printBackground", true));
        byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
        java.nio.file.Files.write(Chromium.SCREENSHOTS.resolve("print-forecast.pdf"), bytes);
        PdfReader reader = new PdfReader(bytes);
        StringBuilder text = new StringBuilder();
        try {
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(new PdfTextExtractor(reader).getTextFromPage(page).replaceAll("\\s+", ""));
            }
        }
        finally {
            reader.close();
        }
        for (String title : titles) {
            assertTrue(text.toString().contains(title.replaceAll("\\s+", "")), "the printed page lacks «" + title + "»");
        }
        assertTrue(text.toString().contains("Dựbáo(kếtquảmôhình,khôngphảisốngườiđếmđược):bốnphươngán,nămgốc31/12/2025"), text.toString());
    }
    @Test
    void thePlannerPicksTheHistoricalUnitsAndSeesAnOldCommuneWithTheRegistersLastDateInTheSource()
    {
        browser.logIn("quyhoach", "dancu-quyhoach-demo");
        browser.open("/?page=forecast");
        String source = browser.text("[data-panel=\"forecast-fan\"] .source");
        assertTrue(source.startsWith("Nguồn: CSDL dân cư, số liệu sổ đăng ký đến 31/12/2025 (năm gốc); các năm sau là dự báo; cập nhật "), source);
        assertEquals(null, browser.find("#filter-geo option[value=asof]").getAttribute("disabled"), "the historical units are offered on this page");
        browser.afterAction(() -> new Select(browser.find("#filter-geo")).selectByValue("asof"));
        assertTrue(browser.driver.getCurrentUrl().contains("geo=asof"), browser.driver.getCurrentUrl());
        List<String> units = browser.driver.findElements(By.cssSelector("#filter-unit option")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Toàn khu vực", "Thị trấn Đắk Rve", "Xã Đắk Kôi", "Xã Đắk Tơ Lung", "Xã Đắk Ruồng", "Xã Đắk Pne", "Xã Đắk Tờ Re",
                "Xã Tân Lập"), units);
        browser.afterAction(() -> new Select(browser.find("#filter-unit")).selectByValue("23485"));
        assertEquals("Dự báo dân số theo phương án — Xã Đắk Tơ Lung (đơn vị trước 01/07/2025) (năm gốc 31/12/2025)",
                browser.text("[data-panel=\"forecast-fan\"] .panel-title"));
        // Đắk Tơ Lung at the jump-off: 23.4 + 50 = 73.4 → 70 in every scenario.
        assertEquals(List.of("2025 (năm gốc)", "70", "70", "70", "70"), rows(browser.dataset("forecast-fan")).get(0));
        List<String> links = browser.driver.findElements(By.cssSelector("[data-panel=\"forecast-school\"] .menu-item[href]")).stream()
                .map(link -> link.getAttribute("href").replaceAll("^https?://[^/]+", "")).toList();
        assertEquals("/api/v1/projections/export?unit=23485&geo=asof&lang=vi&scenario=all&ages=groups&format=csv", links.get(0));
        // Another page keeps the 2025 units for a planner (the historical units are the statistician's there).
        browser.open("/?page=structure&geo=asof");
        assertEquals("", new Select(browser.find("#filter-geo")).getFirstSelectedOption().getAttribute("value"));
    }

    @Test
    void theOneCommuneAccountSeesOnlyTheOldCommunesThatMergedIntoIt()
    {
        browser.logIn("xa-dakkoi", "dancu-dakkoi-demo");
        browser.open("/?page=forecast&geo=asof");
        assertEquals("Dự báo dân số theo phương án — Xã Đắk Kôi (đơn vị trước 01/07/2025) (năm gốc 31/12/2025)",
                browser.text("[data-panel=\"forecast-fan\"] .panel-title"));
        List<String> units = browser.driver.findElements(By.cssSelector("#filter-unit option")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Xã Đắk Kôi", "Xã Đắk Tơ Lung"), units);
        // Đắk Kôi: 100 + 118.6 + 150 + 3 = 371.6 → 370.
        assertEquals(List.of("2025 (năm gốc)", "370", "370", "370", "370"), rows(browser.dataset("forecast-fan")).get(0));
    }

    /** The filled page (a published projection), every kind of caller, both geographies, desktop and phone. */
    @Test
    void axeFindsNoSeriousOrCriticalViolationOnTheFilledPage()
    {
        String axe = Axe.script();
        List<String> found = new ArrayList<>();
        String[][] accounts = {{"anonymous", null}, {"quyhoach", "dancu-quyhoach-demo"}, {"thongke", "dancu-thongke-demo"}, {"xa-dakkoi", "dancu-dakkoi-demo"}};
        for (String[] account : accounts) {
            if (account[1] != null) {
                browser.logIn(account[0], account[1]);
            }
            for (int width : new int[] {1400, 390}) {
                browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", width == 390 ? 844 : 1000,
                        "deviceScaleFactor", 1, "mobile", width == 390));
                for (String geo : List.of("", "&geo=asof")) {
                    browser.open("/?page=forecast" + geo);
                    assertEquals(3, rows(browser.dataset("forecast-fan")).size(), account[0] + " " + width + geo + ": the fan is drawn");
                    browser.script(axe);
                    Object violations = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                            + ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | '))))"
                            + ".catch(e => done(['axe failed: ' + e]));");
                    for (Object violation : (List<?>) violations) {
                        found.add(account[0] + " " + width + "px" + geo + ": " + violation);
                    }
                }
            }
            browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            if (account[1] != null) {
                browser.logOut();
            }
        }
        assertEquals(List.of(), found);
    }
}
