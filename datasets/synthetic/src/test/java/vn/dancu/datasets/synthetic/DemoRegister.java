package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.synthetic.RegisterFiles.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo register ({@code ./dancu demo} = {@code ./dancu generate} with the defaults: Kon Rẫy, calibrated size,
 * seed 1, Parquet, no faults), as it is on {@link #TODAY}: generated once per test JVM and read back from its files,
 * shared by the test classes that check it, so that the ten years are simulated once.
 */
final class DemoRegister
{
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static DemoRegister instance;

    final Path folder;
    final GeneratorOptions options;
    final GenerationSummary summary;
    final List<Row> persons;
    final List<Row> events;
    final RegisterAnalysis analysis;

    private DemoRegister(Path folder) throws IOException
    {
        this.folder = folder;
        this.options = GeneratorOptions.defaults(folder, TODAY);
        this.summary = RegisterGenerator.generate(options);
        this.persons = RegisterFiles.read(folder, "persons");
        this.events = RegisterFiles.read(folder, "events");
        this.analysis = new RegisterAnalysis(persons, events, AdminCatalogue.kontum());
    }

    static synchronized DemoRegister get() throws IOException
    {
        if (instance == null) {
            Path folder = Files.createTempDirectory("dancu-demo-register");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
            instance = new DemoRegister(folder);
        }
        return instance;
    }

    private static void delete(Path folder)
    {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
