package vn.dancu.browser;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.subscription.MyReportsHarness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Báo cáo của tôi" in Chromium, as the planner: the saved table is listed with its link to the table builder, a
 * subscription is made with the page's form, a new cube version is published, and the page lists the delivery with
 * its file, whose numbers are those of the new version; the one-commune account sees none of it.
 */
class MyReportsBrowserTest
{
    @TempDir
    Path data;

    @TempDir
    Path work;

    private static CubeFixture stock(int rveMen)
    {
        return new CubeFixture("population_stock")
                .row("2026-10-31", "23479", "M", 30, "14", "PERMANENT", 100)
                .row("2026-10-31", "23479", "F", 31, "14", "PERMANENT", 120)
                .row("2026-10-31", "23485", "M", 5, "01", "PERMANENT", 50)
                .row("2026-11-30", "23479", "M", 30, "14", "PERMANENT", rveMen)
                .row("2026-11-30", "23479", "F", 31, "14", "PERMANENT", 121)
                .row("2026-11-30", "23485", "M", 5, "01", "PERMANENT", 51);
    }

    @Test
    void aPlannerSubscribesToASavedTableAndDownloadsWhatTheNextVersionDelivered() throws Exception
    {
        stock(102).publish(data, "v1", "konray");
        try (MyReportsHarness server = new MyReportsHarness(data, Optional.empty());
                Chromium browser = new Chromium("http://localhost:" + server.server.port(), work)) {
            String query = "cube=population_stock&dims=commune,sex&lang=en";
            assertEquals(201, server.send("quyhoach", "POST", "/api/v1/saved-tables",
                    "{\"name\": \"Dân số theo xã\", \"query\": \"" + query + "\"}").statusCode());
            browser.logIn("quyhoach", "dancu-quyhoach-demo");
            browser.open("/?page=myreports");
            assertEquals("Báo cáo của tôi", browser.text("#nav [data-page=myreports]"));
            WebElement open = browser.find("#myreports-tables-table .myreports-open");
            assertEquals("Dân số theo xã", open.getText());
            assertTrue(open.getAttribute("href").endsWith("/?page=tables&cube=population_stock"), open.getAttribute("href"));
            assertEquals("Chưa có lần gửi nào: lần gửi đầu tiên là khi có phiên bản số liệu mới.", browser.text("#myreports-deliveries .kpi-detail"));

            Select source = new Select(browser.find("#myreports-source"));
            assertEquals(List.of("Bảng: Dân số theo xã", "Báo cáo tháng (tháng mới nhất)", "Báo cáo năm (năm trọn vẹn mới nhất)"),
                    source.getOptions().stream().map(WebElement::getText).toList());
            source.selectByIndex(0);
            browser.find("#myreports-subscribe input[name=table-format][value=xlsx]").click();
            browser.find("#myreports-subscribe-button").click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#myreports-subscriptions-table tbody tr")).isEmpty());
            assertEquals("Dân số theo xã csv, xlsx —", browser.text("#myreports-subscriptions-table tbody tr").replace("Huỷ đăng ký", "").strip());

            stock(140).publish(data, "v2", "konray");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (MyReportsHarness.json(server.send("quyhoach", "GET", "/api/v1/deliveries", null)).get("deliveries").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            browser.open("/?page=myreports");
            List<WebElement> files = browser.driver.findElements(By.cssSelector("#myreports-deliveries-table .myreports-file"));
            assertEquals(List.of("population_stock_2026-11-30.csv", "population_stock_2026-11-30.xlsx"), files.stream().map(WebElement::getText).toList());
            assertEquals("v2", browser.text("#myreports-deliveries-table tbody tr td:nth-child(3)"));
            // the file behind the link, fetched with the page's session: the new version's numbers
            Object csv = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(r => r.text()).then(done);", files.get(0).getAttribute("href"));
            assertTrue(String.valueOf(csv).contains("23479,Đăk Rve commune,M,Male,140,ok"), String.valueOf(csv));
            browser.screenshot("myreports-planner");
            assertEquals(List.of(), browser.severeLogs());

            // the one-commune account sees none of the planner's tables, subscriptions or deliveries
            browser.logOut();
            browser.logIn("xa-dakkoi", "dancu-dakkoi-demo");
            browser.open("/?page=myreports");
            assertEquals("Chưa có bảng nào. Lập bảng ở trang Bảng số liệu rồi bấm “Lưu bảng”.", browser.text("#myreports-tables .kpi-detail"));
            assertEquals(0, browser.driver.findElements(By.cssSelector("#myreports-deliveries-table")).size());
            JsonNode deliveries = browser.api("/api/v1/deliveries");
            assertEquals(0, deliveries.get("deliveries").size());
        }
    }
}
