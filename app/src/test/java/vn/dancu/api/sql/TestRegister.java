package vn.dancu.api.sql;

import vn.dancu.cli.Dancu;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One small register (1,000 persons, January 2025 to October 2026) generated, ingested and built through the command
 * line once per test JVM, shared by the SQL, report and command tests.
 */
public final class TestRegister
{
    private static DataLayout layout;

    private TestRegister() {}

    public static synchronized DataLayout layout()
    {
        if (layout != null) {
            return layout;
        }
        try {
            Path data = Files.createTempDirectory("dancu-sql-api-test");
            // The register lives as long as the test JVM: removed when it exits, so runs leave nothing in the temp folder.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(data), "delete-test-register"));
            Path key = data.resolve("test.key");
            Files.writeString(key, "a key for the sql and report tests");
            String folder = data.toString();
            run("generate", "--data", folder, "--persons", "1000", "--seed", "5", "--start", "2025-01-01", "--end", "2026-10-31");
            run("ingest", "--data", folder, "--key-file", key.toString(), "--master", "local[2]");
            run("build", "--data", folder, "--master", "local[2]");
            layout = new DataLayout(folder);
            return layout;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path folder)
    {
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }

    private static void run(String... arguments)
    {
        int status = Dancu.commandLine().execute(arguments);
        if (status != 0) {
            throw new IllegalStateException("./dancu " + String.join(" ", arguments) + " exited with " + status);
        }
    }
}
