package vn.dancu.browser;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.TestServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a slow link the chart library is most of a first visit's bytes: the page draws every chart itself (an SVG of the
 * same values) as soon as the answers are in, and ECharts' interactive chart replaces the drawing when it arrives.
 * Here the library never arrives (its file is blocked): every chart must still be on screen, with its values, its
 * data table and its source; and with the library, no drawing is left behind.
 */
class DashboardFirstDrawingBrowserTest
{
    private static final List<String> PAGES = List.of("structure", "communes", "change", "d06");

    /** Per chart panel: its state, whether the page's drawing is shown, the bars drawn, the "x" marks, the rows of its data table. */
    private static final String PANELS = """
            return [...document.querySelectorAll('[data-panel]')].filter(p => p.querySelector('.chart svg.sketch, .chart canvas'))
              .map(p => {
                const svg = p.querySelector('.chart svg.sketch');
                return [p.dataset.panel, p.dataset.state, !!svg, svg ? svg.querySelectorAll('rect.bar').length : 0,
                  svg ? [...svg.querySelectorAll('text')].filter(t => t.textContent === 'x').length : 0,
                  p.querySelectorAll('.table-box tbody tr').length, !!p.querySelector('.source'), !!p.querySelector('.chart canvas')].join(' ');
              });""";

    @TempDir
    static Path work;
    private static TestServer server;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception
    {
        server = DashboardFixtureBrowserTest.startFixtureServer(work.resolve("data"));
        browser = new Chromium(server.url(""), work);
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.setBypassServiceWorker", Map.of("bypass", true));
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

    @SuppressWarnings("unchecked")
    private static List<String> panels()
    {
        return (List<String>) browser.script(PANELS);
    }

    @Test
    void withoutTheChartLibraryEveryChartIsDrawnByThePageWithItsValuesTableAndSource()
    {
        browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*vendor/echarts*")));
        Map<String, List<String>> drawn = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            for (String page : PAGES) {
                browser.open("/?page=" + page);
                List<String> found = panels();
                drawn.put(page, found);
                for (String panel : found) {
                    String[] f = panel.split(" ");
                    // name, state, drawing shown, bars, x marks, table rows, source, canvas
                    if (!f[1].equals("ready") || !f[2].equals("true") || f[7].equals("true") || Integer.parseInt(f[5]) == 0 || !f[6].equals("true")) {
                        problems.add(page + ": " + panel);
                    }
                    if (Integer.parseInt(f[3]) == 0 && Integer.parseInt(f[4]) == 0 && !f[0].equals("coverage-months") && !List.of("stock", "births", "deaths",
                            "natural", "migration", "rates").contains(f[0])) {
                        problems.add(page + ": no bar drawn in " + panel);
                    }
                }
                browser.screenshot("first-drawing-" + page);
            }
        }
        finally {
            browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            browser.severeLogs();
        }
        assertEquals(List.of(), problems, "every chart panel drawn by the page: " + drawn);
        assertTrue(drawn.values().stream().mapToInt(List::size).sum() >= 15, "chart panels found: " + drawn);
    }

    @Test
    void theDrawingOfABarChartShowsTheSameValuesAsTheApi()
    {
        browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*vendor/echarts*")));
        try {
            browser.open("/?page=communes");
            JsonNode rows = browser.dataset("unit-bars").get("source");
            @SuppressWarnings("unchecked")
            List<String> labels = (List<String>) browser.script("""
                    return [...document.querySelectorAll('[data-panel="unit-bars"] svg.sketch text')].map(t => t.textContent);""");
            int bars = ((Number) browser.script("return document.querySelectorAll('[data-panel=\"unit-bars\"] svg.sketch rect.bar').length")).intValue();
            int values = 0;
            for (JsonNode row : rows) {
                for (int i = 1; i < row.size(); i++) {
                    if (row.get(i).isNumber()) {
                        values++;
                    }
                }
                assertTrue(labels.stream().anyMatch(label -> label.startsWith(row.get(0).asText().substring(0, Math.min(6, row.get(0).asText().length())))),
                        "the category " + row.get(0) + " is named in " + labels);
            }
            assertEquals(values, bars, "one bar per published value: " + rows);
        }
        finally {
            browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            browser.severeLogs();
        }
    }

    @Test
    void withTheChartLibraryNoDrawingIsLeftBehind()
    {
        for (String page : PAGES) {
            browser.open("/?page=" + page);
            for (String panel : panels()) {
                String[] f = panel.split(" ");
                assertEquals("ready false true", f[1] + " " + f[2] + " " + f[7], page + ": " + panel);
            }
        }
        assertEquals(List.of(), browser.severeLogs());
    }
}
