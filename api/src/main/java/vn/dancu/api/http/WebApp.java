package vn.dancu.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The dashboard's files under a content-addressed path: {@code /app/<hash>/…}, where the hash is that of every file of
 * the app, so that the browser may keep them a year ({@code immutable}) and a new release is a new path. The page
 * itself ({@code /}) is served with {@code no-cache} and names the current path ({@value #PLACEHOLDER} in index.html).
 */
public final class WebApp
{
    public static final String PLACEHOLDER = "/app/dev";
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** The pages that draw with ECharts: their page asks for it at once, beside the app's code. */
    private static final java.util.Set<String> CHART_PAGES = java.util.Set.of("structure", "communes", "change", "forecast", "d06", "quality", "sql");
    /** The parts of ECharts the charts draw with (built by web/bundle), under the content-addressed path. */
    private static final String PRELOAD = "  <link rel=\"preload\" as=\"script\" href=\"" + PLACEHOLDER + "/vendor/echarts.dancu.min.js\">\n";

    private final String version;
    private final String page;
    /** From dist/manifest.json (written by web/bundle): the files of each page and of each language, under dist/. */
    private final Map<String, List<String>> pageFiles;
    private final Map<String, List<String>> languageFiles;

    private WebApp(String version, String page, Map<String, List<String>> pageFiles, Map<String, List<String>> languageFiles)
    {
        this.version = version;
        this.page = page;
        this.pageFiles = Map.copyOf(pageFiles);
        this.languageFiles = Map.copyOf(languageFiles);
    }

    /**
     * The page as sent: with the first API questions every view asks (the caller, the catalogue, the units of 2025, in
     * the page's language) preloaded, so that they travel beside the app's modules instead of after them; and, for a
     * page with charts, the app's build of ECharts.
     */
    private byte[] page(String shown, boolean charts, String language, boolean units2025)
    {
        StringBuilder head = new StringBuilder();
        // The app's files this page will import (its page module, the chunks it shares, its language): asked at once.
        List<String> files = new java.util.ArrayList<>(pageFiles.getOrDefault(shown, pageFiles.getOrDefault("overview", List.of())));
        files.addAll(languageFiles.getOrDefault(language, List.of()));
        for (String file : files) {
            head.append("  <link rel=\"modulepreload\" href=\"/app/").append(version).append("/dist/").append(file).append("\">\n");
        }
        head.append("  <link rel=\"preload\" as=\"fetch\" crossorigin href=\"/api/v1/auth/me\">\n");
        head.append("  <link rel=\"preload\" as=\"fetch\" crossorigin href=\"/api/v1/cubes?lang=").append(language).append("\">\n");
        if (units2025) {
            head.append("  <link rel=\"preload\" as=\"fetch\" crossorigin href=\"/api/v1/units?geo=2025&amp;lang=").append(language).append("\">\n");
        }
        if (charts) {
            head.append(PRELOAD.replace(PLACEHOLDER + "/", "/app/" + version + "/"));
        }
        return page.replace("</head>", head + "</head>").getBytes(StandardCharsets.UTF_8);
    }

    /** The app in a folder (webDirectory), or on the classpath under {@code /dancu-web} (a folder or a jar). */
    public static WebApp load(Path webDirectory)
    {
        if (webDirectory != null) {
            return of(webDirectory);
        }
        var resource = WebApp.class.getResource("/dancu-web/index.html");
        if (resource == null) {
            throw new IllegalStateException("/dancu-web/index.html is missing from the classpath");
        }
        try {
            URI uri = resource.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return of(Path.of(uri).getParent());
            }
            FileSystem jar;
            try {
                jar = FileSystems.getFileSystem(uri);
            }
            catch (FileSystemNotFoundException e) {
                jar = FileSystems.newFileSystem(uri, Map.of());
            }
            return of(jar.getPath("/dancu-web"));
        }
        catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the dashboard's files", e);
        }
    }

    static WebApp of(Path folder)
    {
        try (Stream<Path> walk = Files.walk(folder)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : files) {
                digest.update(folder.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
            String page = Files.readString(folder.resolve("index.html")).replace(PLACEHOLDER + "/", "/app/" + version + "/");
            Path manifest = folder.resolve("dist/manifest.json");
            if (!Files.isRegularFile(manifest)) {
                throw new IllegalStateException("the dashboard's bundle is missing (" + manifest + "): build it with `cd web/bundle && npm ci && npm run build`");
            }
            JsonNode bundle = new ObjectMapper().readTree(Files.readString(manifest));
            return new WebApp(version, page, lists(bundle.get("pages")), lists(bundle.get("languages")));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's files in " + folder, e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<String>> lists(JsonNode object)
    {
        Map<String, List<String>> lists = new java.util.LinkedHashMap<>();
        object.fields().forEachRemaining(field -> {
            List<String> files = new java.util.ArrayList<>();
            field.getValue().forEach(file -> files.add(file.asText()));
            lists.put(field.getKey(), files);
        });
        return lists;
    }

    /** The hash of the app's files: the path segment after {@code /app/}. */
    public String version()
    {
        return version;
    }

    /**
     * GET / : the page, always revalidated (it is small and names the current files); a page with charts
     * ({@code ?page=structure} …) preloads the app's build of ECharts.
     */
    public void index(Context ctx)
    {
        String shown = String.valueOf(ctx.queryParam("page"));
        boolean charts = CHART_PAGES.contains(shown);
        String language = "en".equals(ctx.queryParam("lang")) ? "en" : "vi";
        boolean units2025 = !"asof".equals(ctx.queryParam("geo"));
        String etag = "\"" + version + "-" + language + "-" + (pageFiles.containsKey(shown) ? shown : "overview") + (units2025 ? "" : "-asof") + "\"";
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", etag);
        ctx.header("X-Dancu-App", version);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(page(shown, charts, language, units2025));
    }
}
