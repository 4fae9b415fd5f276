package vn.dancu.api.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.TestServer;
import vn.dancu.datasets.geo.Area;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's files under a content-addressed path, kept a year by the browser; the page itself revalidated. */
class WebAppCachingTest
{
    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture.publish(data, "v1", "konray", new CubeFixture("population_stock").row("2026-10-31", "23485", "M", 30, "01", "PERMANENT", 10));
        server = TestServer.start(data, Area.konray(), "population_stock");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void thePageNamesItsFilesByTheirHashAndTheFilesAreImmutable()
    {
        HttpResponse<String> page = server.get("/");
        assertEquals(200, page.statusCode());
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
        Matcher app = Pattern.compile("src=\"/app/([0-9a-f]{12})/dist/app.js\"").matcher(page.body());
        assertTrue(app.find(), page.body());
        String hash = app.group(1);
        assertEquals(hash, page.headers().firstValue("X-Dancu-App").orElse(""));
        assertTrue(!page.body().contains("/app/dev/"), "every placeholder is replaced");

        HttpResponse<String> module = server.get("/app/" + hash + "/dist/app.js");
        assertEquals(200, module.statusCode());
        assertEquals(WebApp.IMMUTABLE, module.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(module.body().contains("dancu-ready"), "the bundled app marks when its panels are drawn");
        HttpResponse<String> echarts = server.get("/app/" + hash + "/vendor/echarts.dancu.min.js");
        assertEquals(200, echarts.statusCode());
        assertEquals(WebApp.IMMUTABLE, echarts.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(echarts.body().startsWith("/*! Apache ECharts 5.3.1"), echarts.body().substring(0, 80));
        // The page names the files its page module and language will import, so that they travel at once.
        Matcher preloads = Pattern.compile("<link rel=\"modulepreload\" href=\"(/app/" + hash + "/dist/([a-z]+)-[^\"]+\\.js)\">").matcher(page.body());
        java.util.List<String> names = new java.util.ArrayList<>();
        while (preloads.find()) {
            names.add(preloads.group(2));
            HttpResponse<String> file = server.get(preloads.group(1));
            assertEquals(200, file.statusCode(), preloads.group(1));
            assertEquals(WebApp.IMMUTABLE, file.headers().firstValue("Cache-Control").orElse(""));
        }
        assertEquals(java.util.List.of("common", "overview", "vi"), names, page.body());
        Matcher structure = Pattern.compile("<link rel=\"modulepreload\" href=\"/app/" + hash + "/dist/([a-z]+)-[^\"]+\\.js\">")
                .matcher(server.get("/?page=structure&lang=en").body());
        java.util.List<String> structureNames = new java.util.ArrayList<>();
        while (structure.find()) {
            structureNames.add(structure.group(1));
        }
        assertEquals(java.util.List.of("bars", "common", "pyramid", "sketch", "structure", "en"), structureNames);
        // The same page again: 304 with its ETag.
        HttpResponse<String> again = server.get("/", "If-None-Match", page.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, again.statusCode());
        // The service worker is at the root (its scope), revalidated like the page.
        HttpResponse<String> worker = server.get("/sw.js");
        assertEquals(200, worker.statusCode());
        assertTrue(worker.body().contains("X-Dancu-Offline"));
    }
}
