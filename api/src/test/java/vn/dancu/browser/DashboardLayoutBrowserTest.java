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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import vn.dancu.api.TestServer;
import vn.dancu.api.settings.ServerSettings;
import vn.dancu.api.settings.Target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dancu.browser.DashboardFixtureBrowserTest.BRAIH;
import static vn.dancu.browser.DashboardFixtureBrowserTest.KOI;
import static vn.dancu.browser.DashboardFixtureBrowserTest.RVE;

/**
 * The dashboard as leaders use it, on the hand-written cubes of {@link DashboardFixtureBrowserTest}: printed on A4, on a
 * phone, read by assistive technology (axe-core), by a one-commune account, offline, and the Decision 06 forecast.
 */
class DashboardLayoutBrowserTest
{
    private static final List<String> PAGES = List.of("overview", "structure", "communes", "change", "forecast", "d06", "quality");
    private static final String[][] ACCOUNTS = {{"khach", null}, {"lanhdao", "dancu-lanhdao-demo"}, {"xa-dakkoi", "dancu-dakkoi-demo"},
            {"thongke", "dancu-thongke-demo"}, {"admin", "dancu-admin-demo"}};
    private static final Map<String, String> TITLES = Map.of("overview", "Tổng quan", "structure", "Cơ cấu dân số", "communes", "Các xã",
            "change", "Biến động", "forecast", "Dự báo", "d06", "Đề án 06", "quality", "Chất lượng dữ liệu");

    /** Every element inside the viewport, or inside an element that scrolls (or clips) sideways: the offenders, described. */
    private static final String OVERFLOWING = """
            const width = document.documentElement.clientWidth;
            const scrolls = (node) => { for (let p = node.parentElement; p && p !== document.body; p = p.parentElement) {
              const x = getComputedStyle(p).overflowX; if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true; } return false; };
            const out = [];
            for (const node of document.body.querySelectorAll('*')) {
              const r = node.getBoundingClientRect();
              if (!r.width || !r.height || getComputedStyle(node).visibility === 'hidden') continue;
              const folded = node.closest('details:not([open])') && !node.closest('summary') && node.closest('details:not([open])') !== node;
              if ((r.right > width + 1 || r.left < -1) && !scrolls(node) && !folded && !node.closest('.visually-hidden, .skip'))
                out.push(node.tagName + '.' + node.className + ' ' + Math.round(r.left) + '–' + Math.round(r.right) + ' ' + (node.textContent || '').slice(0, 40));
            }
            if (document.documentElement.scrollWidth > width + 1) out.push('page scrolls sideways: ' + document.documentElement.scrollWidth);
            return out;""";

    /** In the print layout: panels that overlap each other, and charts wider than their panel. */
    private static final String PRINT_OVERLAPS = """
            const panels = [...document.querySelectorAll('[data-panel]')].map(p => [p.dataset.panel, p.getBoundingClientRect()]);
            const out = [];
            for (let i = 0; i < panels.length; i++) for (let j = 0; j < i; j++) {
              const [a, r] = panels[i]; const [b, s] = panels[j];
              if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1) out.push(a + ' overlaps ' + b);
            }
            for (const [name, r] of panels) for (const c of document.querySelectorAll('[data-panel="' + name + '"] canvas, [data-panel="' + name + '"] svg')) {
              const q = c.getBoundingClientRect(); if (q.width && q.right > r.right + 1) out.push(name + ': a chart of ' + Math.round(q.width) + ' px in a panel of ' + Math.round(r.width));
            }
            return out;""";

    @TempDir
    static Path work;
    private static TestServer server;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception
    {
        server = DashboardFixtureBrowserTest.startFixtureServer(work.resolve("data"));
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
        phone(false);
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        assertEquals(List.of(), browser.severeLogs(), "browser console errors");
        browser.logOut();
    }

    private static void logIn(String[] account)
    {
        browser.logOut();
        if (account[1] != null) {
            browser.logIn(account[0], account[1]);
        }
    }

    private static void phone(boolean on)
    {
        if (on) {
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        }
        else {
            browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** The printed page as a PDF (A4), and the text of each of its pages. */
    private static List<String> print(String name, boolean landscape) throws Exception
    {
        Map<String, Object> pdf = browser.driver.executeCdpCommand("Page.printToPDF", Map.of("paperWidth", 8.27, "paperHeight", 11.69,
                "landscape", landscape, "printBackground", true));
        byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
        Files.write(Chromium.SCREENSHOTS.resolve(name + ".pdf"), bytes);
        PdfReader reader = new PdfReader(bytes);
        try {
            List<String> pages = new ArrayList<>();
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                // Chromium's PDF spaces some letters apart ("Tổ n g quan"): the text is compared without white space.
                pages.add(extractor.getTextFromPage(page).replaceAll("\\s+", ""));
            }
            return pages;
        }
        finally {
            reader.close();
        }
    }

    private static String bare(String text)
    {
        return text.replaceAll("\\s+", "");
    }

    private static String day(String iso)
    {
        return iso.substring(8, 10) + "/" + iso.substring(5, 7) + "/" + iso.substring(0, 4);
    }

    @Test
    void everyPagePrintsOnA4InBothOrientationsWithAReportHeaderAndEveryChartTitle() throws Exception
    {
        logIn(ACCOUNTS[1]);
        JsonNode catalog = browser.api("/api/v1/cubes");
        String source = "Nguồn: CSDL dân cư, số liệu đến " + day(catalog.get("extractDate").asText()) + ", cập nhật " + day(catalog.get("builtAt").asText());
        for (String page : PAGES) {
            browser.open("/?page=" + page);
            List<String> titles = browser.driver.findElements(By.cssSelector("[data-panel] .panel-title")).stream().map(WebElement::getText).toList();
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            Thread.sleep(300);
            assertEquals(List.of(), browser.script(PRINT_OVERLAPS), page + ": in the print layout");
            for (boolean landscape : new boolean[] {false, true}) {
                List<String> pages = print("print-" + page + (landscape ? "-landscape" : ""), landscape);
                String all = String.join(" ", pages);
                assertTrue(pages.size() >= 1 && pages.size() <= (landscape ? 7 : 6), page + ": " + pages.size() + " pages");
                assertTrue(pages.get(0).contains(bare(TITLES.get(page) + " — Huyện Kon Rẫy cũ")), page + ": " + pages.get(0));
                assertTrue(pages.get(0).contains(bare("Thời điểm: 31/10/2026")), pages.get(0));
                assertTrue(pages.get(0).contains(bare(source)), pages.get(0));
                for (String title : titles) {
                    assertTrue(all.contains(bare(title)), page + ": the printed page lacks the chart «" + title + "»");
                }
                assertFalse(all.contains(bare("Tải về")) || all.contains(bare("Bảng số liệu")), page + ": controls are printed");
                if (page.equals("communes")) {
                    assertTrue(all.contains(bare("Đơn vị Dân số Tỷ số giới tính")), "the comparison table's header row: " + all);
                }
            }
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    void aLongTablePrintsItsColumnHeadersOnEveryPage() throws Exception
    {
        browser.open("/?page=structure&ages=single&cmp=none");
        browser.find("[data-panel=\"pyramid\"] .table-toggle").click();
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        List<String> pages = print("print-structure-single-ages-table", false);
        // Every page that carries rows of the table ("30 tuổi 110 0") has the header row (the pyramid's table: age, males, females).
        List<String> withRows = pages.stream().filter(text -> text.matches("(?s).*\\d+tuổi\\d+.*")).toList();
        assertTrue(withRows.size() >= 2, "101 single years of age take more than one page: " + pages);
        assertEquals(List.of(), withRows.stream().filter(text -> !text.contains("TuổiNamNữ")).toList(), "pages of rows without the header row");
        assertTrue(pages.get(0).matches("(?s).*\\d+tuổi\\d+.*"), "the table starts on the first page, under the report header: " + pages.get(0));
    }

    @Test
    void onAPhoneNothingRunsOffTheScreenAndTheFiltersFoldIntoOneBar()
    {
        for (String[] account : ACCOUNTS) {
            logIn(account);
            phone(true);
            for (String page : PAGES) {
                browser.open("/?page=" + page);
                browser.screenshot("phone-" + account[0] + "-" + page);
                assertEquals(List.of(), browser.script(OVERFLOWING), account[0] + " on " + page);
                assertEquals(Boolean.FALSE, browser.script("return document.getElementById('filters-bar').open"), "the filters are folded");
                String bar = browser.text("#filters-summary");
                assertTrue(bar.startsWith("Bộ lọc: 31/10/2026"), bar);
                double top = ((Number) browser.script("return document.querySelector('main').getBoundingClientRect().top")).doubleValue();
                assertTrue(top < 0.4 * 844, account[0] + " on " + page + ": the content starts at " + top + " px of 844");
            }
            // The folded filters open and work as on a wide screen; the comparison table scrolls inside its box.
            browser.open("/?page=communes");
            browser.find("#filters-summary").click();
            assertTrue(browser.find("#filter-date").isDisplayed());
            assertTrue((Boolean) browser.script("const box = document.querySelector('.table-scroll'); return box.scrollWidth > box.clientWidth"),
                    "the 11 columns do not fit 390 px");
            assertTrue(browser.find(".scroll-hint").isDisplayed(), "a visible cue says the table scrolls");
            phone(false);
        }
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnAnyPageForAnyRole()
    {
        String axe = Axe.script();
        List<String> found = new ArrayList<>();
        for (String[] account : ACCOUNTS) {
            logIn(account);
            for (String page : PAGES) {
                browser.open("/?page=" + page);
                browser.script(axe);
                Object violations = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | '))))"
                        + ".catch(e => done(['axe failed: ' + e]));");
                for (Object violation : (List<?>) violations) {
                    found.add(account[0] + " " + page + ": " + violation);
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void aFilterAppliesWhenChosenNotAtEachArrowKeyAndKeepsTheFocus()
    {
        browser.open("/?page=structure");
        String before = browser.driver.getCurrentUrl();
        WebElement sex = browser.find("#filter-sex");
        sex.sendKeys(Keys.ARROW_DOWN);
        assertEquals(before, browser.driver.getCurrentUrl(), "an arrow key walks through the options without applying one");
        assertEquals("true", browser.script("return document.body.dataset.ready"));
        browser.afterAction(() -> browser.find("#filter-sex").sendKeys(Keys.ENTER));
        assertTrue(browser.driver.getCurrentUrl().contains("sex=M"), browser.driver.getCurrentUrl());
        assertEquals("filter-sex", browser.script("return document.activeElement.id"), "the focus stays on the filter");
        assertEquals("Lọc: Nam", browser.text("[data-panel=\"pyramid\"] .panel-sub"));
    }

    @Test
    void theSourceIsWrittenInPlainWordsWithTheCubeAndVersionBehindATogglerAndEveryChartHasItsDataTable()
    {
        browser.open("/?page=structure");
        JsonNode catalog = browser.api("/api/v1/cubes");
        String source = browser.text("[data-panel=\"pyramid\"] .source");
        assertEquals("Nguồn: CSDL dân cư, số liệu đến " + day(catalog.get("extractDate").asText()) + ", cập nhật " + day(catalog.get("builtAt").asText())
                + " chi tiết", source);
        browser.find("[data-panel=\"pyramid\"] .source-toggle").click();
        String detail = browser.text("[data-panel=\"pyramid\"] .source-detail");
        assertTrue(detail.contains("population_stock") && detail.contains(catalog.get("version").asText()), detail);
        for (WebElement panel : browser.driver.findElements(By.cssSelector("[data-panel][data-state=ready]"))) {
            String name = panel.getAttribute("data-panel");
            assertEquals(1, panel.findElements(By.cssSelector("details.download-menu")).size(), name + ": one download menu");
            if (!panel.findElements(By.cssSelector("canvas")).isEmpty()) {
                assertEquals(1, panel.findElements(By.cssSelector(".table-toggle")).size(), name + ": the chart's data table");
                assertFalse(panel.findElements(By.cssSelector(".table-box table")).isEmpty(), name);
            }
        }
    }

    @Test
    void aOneCommuneAccountSeesItsCommuneAndTheAreasRatesButNoCountOfTheOtherCommunes()
    {
        browser.logIn("xa-dakkoi", "dancu-dakkoi-demo");
        browser.open("/?page=communes");
        assertTrue(browser.text("#area-label").startsWith("Xã Đăk Kôi — thuộc Huyện Kon Rẫy cũ"), browser.text("#area-label"));
        // One tile, its own, which is not a button (there is nothing else to select); the district's shape carries no number.
        List<WebElement> tiles = browser.driver.findElements(By.cssSelector(".tile"));
        assertEquals(1, tiles.size());
        assertEquals("div", tiles.get(0).getTagName());
        assertTrue(tiles.get(0).getText().contains("Xã Đăk Kôi") && tiles.get(0).getText().contains("112"), tiles.get(0).getText());
        assertEquals("0", browser.find(".map-canvas").getAttribute("data-districts"));
        assertTrue(browser.driver.findElements(By.cssSelector(".map-canvas text")).isEmpty(), "no number on the district's shape");
        // The comparison: the whole area's ratios (males per 100 females: 202 / 215 = 94.0), its counts left out.
        List<String> area = browser.driver.findElements(By.cssSelector("table.compare tbody tr")).get(0).findElements(By.cssSelector("th, td"))
                .stream().map(WebElement::getText).toList();
        assertEquals("Toàn khu vực", area.get(0));
        assertEquals("—", area.get(1), "the area's population is a count: not shown");
        assertEquals("94,0", area.get(2));
        assertEquals(2, browser.driver.findElements(By.cssSelector("table.compare tbody tr")).size());
        JsonNode answer = browser.api("/api/v1/indicators?ids=population,sexRatio,crudeBirthRate&level=area");
        for (JsonNode value : answer.get("values")) {
            assertFalse(value.hasNonNull("numerator") || value.hasNonNull("denominator") || value.hasNonNull("lower"), value.toString());
        }
        assertFalse(answer.get("values").get(0).hasNonNull("value"), "no population of the area");
    }

    @Test
    void dataThatStartAfterTheReformPutNoNumberOnTheFormerDistrictAndAskNoUnitsOutsideTheirPeriod()
    {
        // The fixture's data start in October 2025: /units answers dates within the data's period only, so the page does
        // not ask the units of 30/06/2025 (the former district), and the district's shape carries no number.
        browser.logIn("lanhdao", "dancu-lanhdao-demo");
        browser.open("/?page=communes");
        assertEquals(3, browser.driver.findElements(By.cssSelector("button.tile")).size());
        assertEquals("0", browser.find(".map-canvas").getAttribute("data-districts"));
        assertTrue(browser.driver.findElements(By.cssSelector(".map-canvas text")).isEmpty(), "no number on the district's shape");
        assertEquals("[]", String.valueOf(browser.script("return JSON.stringify(performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(name => name.includes('/api/v1/units') && name.includes('date=')))")));
    }

    @Test
    void theDecision06PageShowsTheWholeAreaAndTheStatusAndForecastOfEveryUnit()
    {
        ServerSettings before = server.settings.current();
        try {
            // Chip cards: 95 % of the eligible by 31/03/2027 (area), and Kon Braih 99 % by 30/06/2027.
            server.settings.replace(new ServerSettings(before.suppressionThreshold(), null, null,
                    List.of(new Target("chipCardShareEligible", Target.AREA, 95, LocalDate.parse("2027-03-31"), true),
                            new Target("chipCardShareEligible", BRAIH, 99, LocalDate.parse("2027-06-30"), false)), null, null));
            browser.logIn("lanhdao", "dancu-lanhdao-demo");
            browser.open("/?page=d06");
            assertEquals("[95]", browser.dataset("coverage-units").get("markLines").toString());
            List<List<String>> rows = browser.driver.findElements(By.cssSelector("[data-panel=\"d06-forecast\"] tbody tr")).stream()
                    .map(row -> row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList()).toList();
            // The area: 150 of 170 have a card (88.2 %), 60 of 100 a year before (only Đăk Rve then): 90 in 11.99 months = 7.5 a month;
            // 0.95 × 170 − 150 = 11.5 still missing (12 persons), reached in 11.5 / 7.505 months = 46.6 days: 16/12/2026, before the deadline.
            assertEquals(List.of("Có thẻ gắn chip — Toàn khu vực", "88,2 %", "95,0 %", "31/03/2027 (ví dụ)", "8", "16/12/2026", "12", "0", "Đạt hoặc đúng tiến độ"),
                    rows.get(0));
            // Đăk Rve: 80 of 100, 60 a year before: 1.67 a month; 15 missing, reached in 9.0 months: 31/07/2027, within 6 months after the deadline.
            assertEquals(List.of("Có thẻ gắn chip — Xã Đăk Rve", "80,0 %", "95,0 %", "31/03/2027 (ví dụ)", "2", "31/07/2027", "15", "0", "Chậm (đạt trong 6 tháng sau hạn)"),
                    rows.get(1));
            // Đăk Kôi: 40 of 40 (100 %): reached. Kon Braih: 30 of 30, its own target of 99 %: reached.
            // (No pace: Đăk Kôi had nobody aged 14+ a year before.)
            assertEquals(List.of("Có thẻ gắn chip — Xã Đăk Kôi", "100,0 %", "95,0 %", "31/03/2027 (ví dụ)", "—", "đã đạt", "0", "0", "Đạt hoặc đúng tiến độ"), rows.get(2));
            assertEquals("99,0 %", rows.get(3).get(2));
            assertEquals("30/06/2027", rows.get(3).get(3));
            // VNeID level 2 has no target: no status.
            assertEquals("Chưa đặt mục tiêu", rows.get(4).get(8));
            browser.screenshot("d06-forecast");
        }
        finally {
            server.settings.replace(before);
        }
    }

    @Test
    void theForecastCountsTheChildrenWhoTurn14BeforeTheDeadline()
    {
        browser.open("/?page=d06");
        // 120 children of each age 10–13; a deadline 18 months away: all of those aged 13, half of those aged 12 turn 14 by then.
        Object turning = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const module = document.querySelector('script[type=module]').src.replace('dist/app.js', 'js/pages/d06.js');"
                + "import(module).then(m => done(m.turning14([[10, 120], [11, 120], [12, 120], [13, 120]], 18)));");
        assertEquals(180.0, ((Number) turning).doubleValue(), 1e-9);
        // Holders 500 of 1,000 eligible, 440 a year before (5 a month); 60 aged 13 (5 a month turn 14): at 80 %, the net pace is
        // 5 − 0.8 × 5 = 1 a month for a gap of 300: 300 months, far beyond a deadline a year away: red; still missing
        // 0.8 × (1,000 + 60) − 500 = 348, of whom 48 for those turning 14.
        Object forecast = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const module = document.querySelector('script[type=module]').src.replace('dist/app.js', 'js/pages/d06.js');"
                + "import(module).then(m => done(JSON.stringify(m.forecast([{refDate: '2025-10-31', status: 'ok', value: 44, numerator: 440, denominator: 1000},"
                + " {refDate: '2026-10-31', status: 'ok', value: 50, numerator: 500, denominator: 1000}],"
                + " {value: 80, deadline: '2027-10-31'}, [[10, 60], [11, 60], [12, 60], [13, 60]], '2026-10-31'))));");
        JsonNode result = TestServer.JSON.valueToTree(parse(String.valueOf(forecast)));
        assertEquals("red", result.get("status").asText());
        assertEquals(348, result.get("missing").asInt());
        assertEquals(48, result.get("missingNewcomers").asInt());
    }

    private static JsonNode parse(String json)
    {
        try {
            return TestServer.JSON.readTree(json);
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theLastSeenDashboardStaysReadableOfflineWithTheDateOfItsFigures() throws Exception
    {
        // A server of its own (its own origin, so its own service worker), stopped to take the network away.
        TestServer own = TestServer.start(work.resolve("data"), vn.dancu.datasets.geo.Area.konray(), "population_stock", "births", "deaths", "migration",
                "identity_coverage", "data_quality", "quarantine_reasons");
        String address = own.url("/");
        try {
            open(address);
            // The service worker takes over from the second visit; what is seen then is kept.
            browser.script("return navigator.serviceWorker.ready.then(() => true)");
            open(address);
            assertEquals(Boolean.TRUE, browser.script("return !!navigator.serviceWorker.controller"));
            assertFalse(browser.find("#offline").isDisplayed(), "online: no banner");
        }
        finally {
            own.close();
        }
        String population = browser.text("[data-panel=\"kpi-population\"] .kpi-value");
        open(address);
        assertEquals(population, browser.text("[data-panel=\"kpi-population\"] .kpi-value"));
        String banner = browser.text("#offline");
        assertTrue(banner.startsWith("Đang ngoại tuyến: bản đã lưu lúc ") && banner.endsWith("số liệu đến 31/10/2026."), banner);
        browser.screenshot("offline-overview");
        browser.severeLogs();
    }

    private static void open(String address)
    {
        browser.driver.get(address);
        browser.waitReady();
    }
}
