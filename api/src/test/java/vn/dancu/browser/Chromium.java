package vn.dancu.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's Chromium driven by its own chromedriver (no browser is downloaded), headless, with a fresh profile, a
 * download folder, and the browser console collected. Missing Chromium is a failure, not a skip: CI installs it.
 */
final class Chromium implements AutoCloseable
{
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;
    final Path downloads;
    private final String base;
    private final List<String> severe = new ArrayList<>();

    Chromium(String base, Path work)
    {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            fail("the dashboard's browser tests need Debian's Chromium at " + BROWSER + " and its driver at " + DRIVER
                    + ": sudo apt-get install chromium chromium-driver (.ci/run installs them)");
        }
        this.base = base;
        try {
            this.downloads = Files.createDirectories(work.resolve("downloads"));
            Files.createDirectories(SCREENSHOTS);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + work.resolve("profile"), "--window-size=1280,1600", "--lang=vi");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    /** Opens a page of the dashboard (path and query, e.g. "/?page=structure") and waits until every panel is drawn. */
    void open(String pathAndQuery)
    {
        driver.get(base + pathAndQuery);
        waitReady();
    }

    void waitReady()
    {
        new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> {
            Object state = script("return document.body.dataset.ready");
            return "true".equals(state) || "error".equals(state);
        });
        assertEquals("true", script("return document.body.dataset.ready"), () -> "the page failed: " + text("#status"));
    }

    /** Waits for a new rendering after an action (the page sets data-ready=false while it draws). */
    void afterAction(Runnable action)
    {
        script("document.body.dataset.ready = 'changing'");
        action.run();
        waitReady();
    }

    Object script(String script, Object... arguments)
    {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** GETs an API path from inside the page, with the page's session: what the browser's user is answered. */
    JsonNode api(String pathAndQuery)
    {
        Object body = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {headers: {Accept: 'application/json'}}).then(r => r.text().then(t => done(r.status + ' ' + t)));",
                pathAndQuery);
        String text = String.valueOf(body);
        assertEquals("200", text.substring(0, 3), () -> pathAndQuery + " answered " + text);
        try {
            return JSON.readTree(text.substring(4));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a chart drew: its ECharts dataset (dimensions and source rows), read from the chart instance. */
    JsonNode dataset(String panel)
    {
        Object json = script("const panel = document.querySelector('[data-panel=\"' + arguments[0] + '\"]');"
                + "const node = panel && panel.querySelector('[_echarts_instance_]');"
                // A chart the page draws itself (the key figures' sparklines, tables): the dataset the frame keeps.
                + "if (!node) return panel && panel.dancuDataset ? JSON.stringify({dimensions: panel.dancuDataset.dimensions.map(d => d.name),"
                + " source: panel.dancuDataset.source, markLines: []}) : null;"
                + "const option = window.dancu.instanceOf(node).getOption();"
                + "return JSON.stringify({dimensions: option.dataset[0].dimensions.map(d => d.name || d), source: option.dataset[0].source,"
                + " markLines: option.series.flatMap(s => (s.markLine && s.markLine.data || []).map(m => m.yAxis ?? m.xAxis))});", panel);
        if (json == null) {
            fail("panel " + panel + " has no chart; its text: " + text("[data-panel=\"" + panel + "\"]"));
        }
        try {
            return JSON.readTree(json.toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text(String css)
    {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    WebElement find(String css)
    {
        return driver.findElement(By.cssSelector(css));
    }

    String panelState(String panel)
    {
        return find("[data-panel=\"" + panel + "\"]").getAttribute("data-state");
    }

    void screenshot(String name)
    {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser console's SEVERE entries since the last call (errors, failed requests). */
    List<String> severeLogs()
    {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(entry.getMessage());
            }
        }
        List<String> found = List.copyOf(severe);
        severe.clear();
        return found;
    }

    /** Logs in through the login page, as a user would. */
    void logIn(String username, String password)
    {
        open("/?page=login");
        find("#username").sendKeys(username);
        find("#password").sendKeys(password);
        afterAction(() -> find("#login-submit").click());
    }

    void logOut()
    {
        driver.manage().deleteAllCookies();
    }

    @Override
    public void close()
    {
        driver.quit();
    }
}
