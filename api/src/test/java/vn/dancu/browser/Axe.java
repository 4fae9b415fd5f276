package vn.dancu.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * axe-core, the accessibility engine, for the browser tests only: npm's package {@value #PACKAGE} fetched once with the
 * ordinary npm client ({@code npm pack}) into {@code target/axe-core/} and unpacked there; nothing of it is committed.
 * Missing npm is a failure naming the package to install, never a skip.
 */
final class Axe
{
    static final String PACKAGE = "axe-core@4.14.1";
    private static final Path FOLDER = Path.of("target", "axe-core");

    private Axe() {}

    /** The text of axe.min.js, to run in a page with executeScript. */
    static synchronized String script()
    {
        Path script = FOLDER.resolve("package").resolve("axe.min.js");
        try {
            if (!Files.exists(script)) {
                Files.createDirectories(FOLDER);
                run(List.of("npm", "pack", PACKAGE, "--pack-destination", FOLDER.toAbsolutePath().toString()), Path.of("target"));
                Path archive;
                try (var files = Files.list(FOLDER)) {
                    archive = files.filter(file -> file.getFileName().toString().endsWith(".tgz")).findFirst()
                            .orElseThrow(() -> new IllegalStateException("npm pack " + PACKAGE + " left no archive in " + FOLDER));
                }
                run(List.of("tar", "-xzf", archive.getFileName().toString(), "package/axe.min.js"), FOLDER);
            }
            return Files.readString(script, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, Path folder) throws IOException
    {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        }
        catch (IOException e) {
            fail("the accessibility tests fetch " + PACKAGE + " with npm: sudo apt-get install npm (" + e.getMessage() + ")");
            return;
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                fail(String.join(" ", command) + " failed: " + output);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
