package vn.dancu.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard serves dist/app.js, bundled from the sources under js/ by web/bundle (esbuild). The bundle records the
 * SHA-256 of the sources it was built from (dist/manifest.json); a change under js/ without a rebuild would serve the
 * old code, so it fails here, with the command that fixes it.
 */
class WebBundleTest
{
    private static final Path WEB = Path.of("..", "web", "src", "main", "resources", "dancu-web");

    @Test
    void theServedBundleIsBuiltFromTheCurrentSources() throws Exception
    {
        String recorded = new ObjectMapper().readTree(WEB.resolve("dist/manifest.json").toFile()).get("sources").asText();
        assertEquals(recorded, sourcesHash(),
                "web/src/main/resources/dancu-web/dist is older than js/: run `cd web/bundle && npm ci && npm run build` and commit dist/");
    }

    @Test
    void thePageLoadsTheBundleAndTheBundleLoadsTheVendoredECharts() throws IOException
    {
        assertTrue(Files.readString(WEB.resolve("index.html")).contains("<script type=\"module\" src=\"/app/dev/dist/app.js\"></script>"));
        assertTrue(Files.readString(WEB.resolve("dist/app.js")).contains("vendor/echarts.dancu.min.js"));
        // Every file the manifest names (the server preloads them) is in dist/.
        var manifest = new ObjectMapper().readTree(WEB.resolve("dist/manifest.json").toFile());
        for (String group : List.of("pages", "languages")) {
            manifest.get(group).fields().forEachRemaining(entry -> entry.getValue().forEach(file ->
                    assertTrue(Files.isRegularFile(WEB.resolve("dist").resolve(file.asText())), group + " " + entry.getKey() + ": " + file.asText())));
        }
        assertTrue(Files.readString(WEB.resolve("vendor/echarts.dancu.min.js")).startsWith("/*! Apache ECharts 5.3.1"));
    }

    /** As web/bundle/build.mjs computes it: every file under js/ in path order, its relative path, a newline, its bytes, a newline. */
    private static String sourcesHash() throws Exception
    {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(WEB.resolve("js"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        List<String> paths = files.stream().map(file -> WEB.relativize(file).toString().replace('\\', '/')).sorted().toList();
        for (String path : paths) {
            digest.update((path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(WEB.resolve(path)));
            digest.update("\n".getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
