package vn.dancu.browser;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.TestServer;
import vn.dancu.api.access.DemoAccounts;
import vn.dancu.api.settings.ServerSettings;
import vn.dancu.datasets.geo.Area;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The charts of every cube — flows, migration, Decision 06, data quality — in the browser, on cubes written by hand
 * so that each number on the page can be worked out on paper (the comments give the sums).
 */
class DashboardFixtureBrowserTest
{
    static final String RVE = "23479";
    static final String KOI = "23485";
    static final String BRAIH = "23497";

    @TempDir
    static Path work;
    private static TestServer server;
    private static Chromium browser;

    /** The hand-written cubes of this class (also used by the layout, print and accessibility tests), published as version v1. */
    static void publishFixture(Path data) throws Exception
    {
        // Residents: 400 at 31/10/2025, 405 at 30/09/2026, 417 at 31/10/2026 (+17, +4.25 % in 12 months).
        CubeFixture stock = new CubeFixture("population_stock");
        for (String date : List.of("2025-10-31", "2026-09-30", "2026-10-31")) {
            int later = date.equals("2025-10-31") ? 0 : 1;
            stock.row(date, RVE, "M", 30, "01", "PERMANENT", date.equals("2026-10-31") ? 110 : 100 + 5 * later)
                    .row(date, RVE, "F", 31, "01", "PERMANENT", 100)
                    .row(date, KOI, "M", 10, "14", "PERMANENT", date.equals("2026-10-31") ? 52 : 50)
                    .row(date, KOI, "F", 40, "14", "PERMANENT", 60)
                    .row(date, BRAIH, "M", 70, "01", "PERMANENT", 40)
                    .row(date, BRAIH, "F", 2, "14", "PERMANENT", date.equals("2026-10-31") ? 55 : 50);
        }
        // Births: 3 in 2025 (November), 12 in 2026 (4 in January, 6 in March, 2 in October). Deaths: 3 in 2026.
        CubeFixture births = new CubeFixture("births")
                .row("2025-11-30", RVE, "M", "20-24", 3)
                .row("2026-01-31", KOI, "F", "25-29", 4)
                .row("2026-03-31", BRAIH, "M", "30-34", 6)
                .row("2026-10-31", RVE, "F", "20-24", 2);
        CubeFixture deaths = new CubeFixture("deaths")
                .row("2026-02-28", RVE, "M", "70-74", 2)
                .row("2026-10-31", BRAIH, "F", "80-84", 1);
        // April 2026: 5 in from outside, 2 out of the area, and one move from Đăk Rve to Đăk Kôi (internal to the area).
        CubeFixture migration = new CubeFixture("migration")
                .row("2026-04-30", KOI, "IN", null, "M", "20-24", 5)
                .row("2026-04-30", KOI, "OUT", null, "F", "25-29", 2)
                .row("2026-04-30", RVE, "BETWEEN_OUT", KOI, "M", "30-34", 1)
                .row("2026-04-30", KOI, "BETWEEN_IN", RVE, "M", "30-34", 1);
        // 31/10/2026: 170 residents aged 14+, 150 with a chip card (88.2 %), 110 at VNeID level 2 (64.7 %); 30 children.
        // 30/09/2026: 170 aged 14+, 140 with a card (82.4 %), 100 at level 2 (58.8 %).
        CubeFixture identity = new CubeFixture("identity_coverage")
                .row("2026-10-31", RVE, "M", "25-39", "YES", "2", 80)
                .row("2026-10-31", RVE, "F", "25-39", "NO", "0", 20)
                .row("2026-10-31", KOI, "M", "0-13", "NO", "0", 30)
                .row("2026-10-31", KOI, "F", "40-59", "YES", "1", 40)
                .row("2026-10-31", BRAIH, "M", "60+", "YES", "2", 30)
                .row("2026-09-30", RVE, "M", "25-39", "YES", "2", 70)
                .row("2026-09-30", RVE, "F", "25-39", "NO", "0", 30)
                .row("2026-09-30", KOI, "F", "40-59", "YES", "1", 40)
                .row("2026-09-30", BRAIH, "M", "60+", "YES", "2", 30)
                // 31/10/2025 (Đăk Rve only): 100 aged 14+, 60 with a chip card, 40 at VNeID level 2: the pace of the last 12 months.
                .row("2025-10-31", RVE, "M", "25-39", "YES", "2", 40)
                .row("2025-10-31", RVE, "M", "25-39", "YES", "0", 20)
                .row("2025-10-31", RVE, "F", "25-39", "NO", "0", 40);
        // Đăk Rve: đúng 190/200 = 95.0, đủ (188 + 200 + 200)/600 = 98.0, sạch 196/200 = 98.0, sống (200 − 6 dead − 4 moved
        // out, still marked resident)/200 = 95.0: score 96.5. The 3 marked gone with no event to date it are not among the
        // 200 marked resident, and take nothing from sống. Đăk Kôi: everything 100. The area: 96.7, 98.7, 98.7, 96.7: score 97.7.
        CubeFixture quality = new CubeFixture("data_quality");
        Object[][] rve = {{"RECORDS_READ", 200}, {"RECORDS_ACCEPTED", 190}, {"RECORDS_QUARANTINED", 10}, {"PERSONS_PASSING_ALL_RULES", 150},
                {"DUPLICATES", 4}, {"PERSONS_RESIDENT", 200}, {"RELIGION_PRESENT", 188}, {"HOUSEHOLD_PRESENT", 200}, {"RELATION_PRESENT", 200},
                {"DEAD_MARKED_RESIDENT", 6}, {"MOVED_OUT_MARKED_RESIDENT", 4}, {"EXIT_WITHOUT_EVENT", 3}};
        Object[][] koi = {{"RECORDS_READ", 100}, {"RECORDS_ACCEPTED", 100}, {"PERSONS_PASSING_ALL_RULES", 100}, {"PERSONS_RESIDENT", 100},
                {"RELIGION_PRESENT", 100}, {"HOUSEHOLD_PRESENT", 100}, {"RELATION_PRESENT", 100}};
        for (Object[] measure : rve) {
            quality.row("2026-10-31", RVE, measure[0], measure[1]);
        }
        for (Object[] measure : koi) {
            quality.row("2026-10-31", KOI, measure[0], measure[1]);
        }
        CubeFixture reasons = new CubeFixture("quarantine_reasons")
                .row("2026-10-31", "PERSON", "ID_NOT_12_DIGITS", 6)
                .row("2026-10-31", "PERSON", "DUPLICATE_PERSON", 4)
                .row("2026-10-31", "EVENT", "EVENT_AFTER_DEATH", 3);
        CubeFixture.publish(data, "v1", "konray", stock, births, deaths, migration, identity, quality, reasons);
    }

    static TestServer startFixtureServer(Path data) throws Exception
    {
        publishFixture(data);
        TestServer started = TestServer.start(data, Area.konray(), "population_stock", "births", "deaths", "migration", "identity_coverage", "data_quality",
                "quarantine_reasons");
        DemoAccounts.ensure(started.accounts, List.of(RVE, KOI, BRAIH));
        return started;
    }

    @BeforeAll
    static void start() throws Exception
    {
        server = startFixtureServer(work.resolve("data"));
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

    private String kpi(String panel)
    {
        return browser.text("[data-panel=\"" + panel + "\"] .kpi-value");
    }

    @Test
    void theOverviewShowsFlowsDecision06SharesAndTheQualityScore()
    {
        browser.logIn("thongke", "dancu-thongke-demo");
        assertEquals("417", kpi("kpi-population"));
        assertEquals("+17", kpi("kpi-change"));
        assertTrue(browser.text("[data-panel=\"kpi-change\"]").contains("+4,3 % so với 31/10/2025"), browser.text("[data-panel=\"kpi-change\"]"));
        assertEquals("12", kpi("kpi-births"));
        assertTrue(browser.text("[data-panel=\"kpi-births\"]").contains("năm 2026 (01/01/2026–31/10/2026)"));
        assertEquals("3", kpi("kpi-deaths"));
        assertEquals("88,2 %", kpi("kpi-chip"));
        assertEquals("64,7 %", kpi("kpi-vneid"));
        assertEquals("97,7", kpi("kpi-quality"));
        assertEquals(List.of("Đúng 96,7 %", "Đủ 98,7 %", "Sạch 98,7 %", "Sống 96,7 %"), browser.driver.findElements(org.openqa.selenium.By.cssSelector(
                "[data-panel=\"kpi-quality\"] .meters li")).stream().map(item -> item.getText().replace('\n', ' ')).toList());
        // The data run from October 2025 to October 2026: both years are partial, and say which months they hold.
        assertTrue(browser.text("[data-panel=\"kpi-births\"]").contains("Chưa đủ năm: chỉ gồm T1–T10/2026"), browser.text("[data-panel=\"kpi-births\"]"));
        assertEquals(List.of(List.of("2025 (T10–T12/2025)", "3"), List.of("2026 (T1–T10/2026)", "12")), rows(browser.dataset("kpi-births")));
        // The sparkline: both bars lighter with a dashed outline, the years under the axis (the months would run into the
        // next bar), and the line under it names the two years with their months.
        assertEquals(List.of("12", "0", "2025", "2026"), browser.driver.findElements(org.openqa.selenium.By.cssSelector(
                "[data-panel=\"kpi-births\"] .spark text")).stream().map(org.openqa.selenium.WebElement::getText).toList());
        assertEquals(List.of("3 2", "3 2"), browser.driver.findElements(org.openqa.selenium.By.cssSelector("[data-panel=\"kpi-births\"] .spark rect"))
                .stream().map(rect -> rect.getAttribute("stroke-dasharray")).toList());
        assertEquals("2025 (T10–T12/2025): 3 → 2026 (T1–T10/2026): 12", browser.text("[data-panel=\"kpi-births\"] .spark-scale"));
        assertEquals(List.of(List.of("31/10/2025", "60"), List.of("30/09/2026", "82.4"), List.of("31/10/2026", "88.2")), rows(browser.dataset("kpi-chip")));
        browser.screenshot("fixture-overview");
    }

    @Test
    void flowsAreMonthlyForAStatisticianAndYearlyWithSmallCountsWithheldForAViewer()
    {
        browser.logIn("thongke", "dancu-thongke-demo");
        browser.open("/?page=change");
        // The twelve months from the first births (11/2025) to the reference date; months without births are zeros.
        assertEquals(List.of(List.of("30/11/2025", "3"), List.of("31/12/2025", "0"), List.of("31/01/2026", "4"), List.of("28/02/2026", "0"),
                List.of("31/03/2026", "6"), List.of("30/04/2026", "0"), List.of("31/05/2026", "0"), List.of("30/06/2026", "0"),
                List.of("31/07/2026", "0"), List.of("31/08/2026", "0"), List.of("30/09/2026", "0"), List.of("31/10/2026", "2")),
                rows(browser.dataset("births")));
        List<List<String>> natural = rows(browser.dataset("natural"));
        assertEquals(List.of("28/02/2026", "0", "2", "-2"), natural.get(3));
        assertEquals(List.of("31/10/2026", "2", "1", "1"), natural.get(11));
        // The whole area: the move between two of its communes is not migration.
        assertEquals(List.of(List.of("30/04/2026", "5", "2", "3")), rows(browser.dataset("migration")));
        assertEquals("Di cư theo tháng, 30/04/2026–30/04/2026", browser.text("[data-panel=\"migration\"] .panel-title"));
        browser.afterAction(() -> new Select(browser.find("#filter-unit")).selectByValue(KOI));
        assertEquals(List.of(List.of("30/04/2026", "5", "2", "1", "0", "4")), rows(browser.dataset("migration")));

        browser.logOut();
        browser.open("/?page=change");
        // 3 births in 2025 are below the threshold of 5: withheld, marked x; 12 in 2026 are published.
        assertEquals(List.of(List.of("2025 (T10–T12/2025)", "null"), List.of("2026 (T1–T10/2026)", "12")), rows(browser.dataset("births")));
        assertEquals("1", browser.find("[data-panel=\"births\"]").getAttribute("data-withheld"));
        String notes = browser.text("[data-panel=\"births\"] .panel-notes");
        assertTrue(notes.contains("Số liệu theo tháng dành cho thống kê viên; vai trò của bạn xem theo năm."), notes);
        assertTrue(notes.contains("Năm chưa đủ 12 tháng: 2025: T10–T12/2025 (01/10/2025–31/12/2025); 2026: T1–T10/2026 (01/01/2026–31/10/2026)."), notes);
        browser.screenshot("fixture-change-viewer");
    }

    @Test
    void theAdministratorsTargetsAreDrawnOnTheDecision06Charts()
    {
        ServerSettings before = server.settings.current();
        try {
            setTargetsAsAdministrator();
        }
        finally {
            server.settings.replace(before);
        }
    }

    private void setTargetsAsAdministrator()
    {
        browser.logIn("admin", "dancu-admin-demo");
        browser.open("/?page=d06");
        assertEquals("[]", browser.dataset("coverage-units").get("markLines").toString());
        assertTrue(browser.text("[data-panel=\"coverage-units\"]").contains("Chưa đặt mục tiêu"));
        browser.find("#target-chip").clear();
        browser.find("#target-chip").sendKeys("95");
        browser.find("#target-vneid").clear();
        browser.find("#target-vneid").sendKeys("80");
        browser.afterAction(() -> browser.find("#targets-form button[type=submit]").click());
        JsonNode units = browser.dataset("coverage-units");
        assertEquals("[95,80]", units.get("markLines").toString());
        assertEquals("[95,80]", browser.dataset("coverage-months").get("markLines").toString());
        // By unit, as the API computes the shares: Đăk Rve 80 of 100 aged 14+ with a card, 80 at level 2; Đăk Kôi 40 of 40, 0; Kon Braih 30 of 30.
        // The whole area first: 150 of 170 aged 14+ with a card (88.2 %), 110 at level 2 (64.7 %).
        assertEquals(List.of(List.of("Toàn khu vực", "88.2", "64.7"), List.of("Xã Đăk Rve", "80", "80"), List.of("Xã Đăk Kôi", "100", "0"),
                List.of("Xã Kon Braih", "100", "100")), rows(units));
        JsonNode api = browser.api("/api/v1/indicators?ids=chipCardShareEligible&level=commune");
        for (JsonNode value : api.get("values")) {
            String label = value.get("unitLabel").asText();
            assertEquals(value.get("value").asDouble(), rows(units).stream().filter(row -> row.get(0).equals(label)).findFirst().orElseThrow().get(1)
                    .transform(Double::parseDouble), 0.0, label);
        }
        assertEquals(List.of(List.of("Dưới 14 tuổi", "0", "30", "0"), List.of("25–39 tuổi", "80", "20", "80"), List.of("40–59 tuổi", "40", "0", "100"),
                List.of("60 tuổi trở lên", "30", "0", "100")), rows(browser.dataset("coverage-age-chip")));
        browser.open("/");
        assertTrue(browser.text("[data-panel=\"kpi-chip\"]").contains("Mục tiêu 95 %"), browser.text("[data-panel=\"kpi-chip\"]"));
        browser.screenshot("fixture-d06-admin");
    }

    @Test
    void theDataQualityPageShowsCorrectCompleteCleanLiveByCommuneAndTheReasonsOfRejections()
    {
        browser.open("/?page=quality");
        assertEquals("message", browser.panelState("quality-units"));
        browser.logIn("lanhdao", "dancu-lanhdao-demo");
        browser.open("/?page=quality");
        assertEquals(List.of(List.of("Xã Đăk Rve", "95", "98", "98", "95", "96.5"), List.of("Xã Đăk Kôi", "100", "100", "100", "100", "100")),
                rows(browser.dataset("quality-units")));
        assertEquals(List.of(List.of("Xã Đăk Rve", "200", "190", "10"), List.of("Xã Đăk Kôi", "100", "100", "0")), rows(browser.dataset("quality-records")));
        List<List<String>> reasons = rows(browser.dataset("reasons"));
        assertEquals(3, reasons.size());
        assertTrue(reasons.contains(List.of(reasons.get(0).get(0), "6", "0")) && reasons.get(0).get(0).endsWith("(ID_NOT_12_DIGITS)"), reasons.toString());
        browser.screenshot("fixture-quality");
    }
}
