package vn.dancu.datasets.synthetic;

import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Generates a synthetic population register extract (see docs/synthetic-register.md). The register is planned as
 * chunks (households of one commune, each with its own random stream) grouped into parts (one part = one pair of
 * persons/events files). Chunks are simulated on all cores; the calling thread takes their outputs strictly in
 * chunk order, numbers the records, and hands them to the writer of their part; parts are written concurrently.
 * Every file is therefore byte-identical for the same options whatever the thread timing, and memory holds only
 * the chunks in flight, never the register.
 */
public final class RegisterGenerator
{
    /** Registers with more initial residents than this are written as folders of part files. */
    static final long SINGLE_FILE_LIMIT = 1_500_000;
    /** Initial residents per part file (about 720,000 person records and 350,000 events). */
    static final long INITIAL_PERSONS_PER_PART = 500_000;

    private static final long HANDOVER_WAIT_MILLIS = 200;

    private RegisterGenerator() {}

    public static GenerationSummary generate(GeneratorOptions options) throws IOException
    {
        return generate(options, SINGLE_FILE_LIMIT, INITIAL_PERSONS_PER_PART);
    }

    /** As {@link #generate(GeneratorOptions)}, with the thresholds of the part-file layout given. */
    static GenerationSummary generate(GeneratorOptions options, long singleFileLimit, long initialPersonsPerPart) throws IOException
    {
        long started = System.nanoTime();
        RegisterPlan plan = RegisterPlan.of(options);
        Path directory = options.outputDir();
        Files.createDirectories(directory);
        removePreviousExtract(directory);

        long initial = plan.chunks.stream().mapToLong(ChunkPlan::initialPersons).sum();
        boolean inFolders = initial > singleFileLimit;
        int[] partOfChunk = partOfChunk(plan, inFolders ? initialPersonsPerPart : Long.MAX_VALUE);
        boolean withFaults = options.badRate() > 0;
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService simulators = Executors.newFixedThreadPool(Math.max(1, Math.min(cores, plan.chunks.size())), daemon("register-chunk"));
        ExecutorService writers = Executors.newFixedThreadPool(Math.max(1, cores), daemon("register-part"));
        List<Future<PartWriter.Result>> parts = new ArrayList<>();
        long persons = 0;
        long events = 0;
        long residents = 0;
        try {
            Deque<Future<ChunkOutput>> inFlight = new ArrayDeque<>();
            PartWriter writer = null;
            int nextChunk = 0;
            for (int index = 0; index < plan.chunks.size(); index++) {
                while (nextChunk < plan.chunks.size() && inFlight.size() < 3 * cores) {
                    ChunkPlan chunk = plan.chunks.get(nextChunk++);
                    inFlight.add(simulators.submit(() -> FaultInjector.inject(plan, new ChunkSimulation(plan, chunk).run())));
                }
                ChunkOutput output = await(inFlight.poll());
                if (writer == null || partOfChunk[index] != parts.size() - 1) {
                    if (writer != null) {
                        handOver(writer, null, parts.get(parts.size() - 1));
                    }
                    writer = new PartWriter(directory, options.format(), parts.size(), inFolders, withFaults);
                    parts.add(writers.submit(writer));
                }
                handOver(writer, new PartWriter.Batch(output, persons + 1, events + 1), parts.get(parts.size() - 1));
                persons += output.persons().size();
                events += output.events().size();
                residents += output.residentsAtEnd();
            }
            if (writer != null) {
                handOver(writer, null, parts.get(parts.size() - 1));
            }
            List<PartWriter.Result> results = new ArrayList<>();
            for (Future<PartWriter.Result> part : parts) {
                results.add(await(part));
            }
            return finish(plan, directory, results, persons, events, residents, started);
        }
        finally {
            simulators.shutdownNow();
            writers.shutdownNow();
        }
    }

    private static GenerationSummary finish(RegisterPlan plan, Path directory, List<PartWriter.Result> results, long persons,
            long events, long residents, long started) throws IOException
    {
        GeneratorOptions options = plan.options;
        List<ExtractMetadata.FileEntry> entries = new ArrayList<>();
        results.forEach(result -> entries.add(result.persons()));
        results.forEach(result -> entries.add(result.events()));
        long faults = 0;
        if (options.badRate() > 0) {
            Path faultsFile = directory.resolve(PartWriter.FAULTS_FILE);
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(faultsFile), StandardCharsets.UTF_8))) {
                CSVPrinter header = new CSVPrinter(out, CsvRecordWriter.FORMAT);
                header.printRecord(PartWriter.FAULT_COLUMNS);
                header.flush();
                for (PartWriter.Result result : results) {
                    try (Stream<String> lines = Files.lines(result.faults(), StandardCharsets.UTF_8)) {
                        for (String line : (Iterable<String>) lines::iterator) {
                            out.write(line);
                            out.write('\n');
                        }
                    }
                    Files.delete(result.faults());
                    faults += result.faultCount();
                }
            }
            entries.add(new ExtractMetadata.FileEntry(PartWriter.FAULTS_FILE, "faults", faults));
        }

        ExtractMetadata metadata = new ExtractMetadata(extractId(plan), options.periodEnd().toString(),
                options.periodStart().toString(), options.periodEnd().toString(), plan.area.toString(), options.seed(),
                options.persons(), residents, options.format().name(), options.badRate(), ExtractMetadata.GENERATOR, entries);
        Path metadataFile = directory.resolve(ExtractMetadata.FILE_NAME);
        metadata.write(metadataFile);

        List<Path> files = new ArrayList<>();
        entries.forEach(entry -> files.add(directory.resolve(entry.path())));
        files.add(metadataFile);
        return new GenerationSummary(persons, events, residents, faults, files, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Consecutive chunks grouped into parts of about {@code initialPersonsPerPart} initial residents. */
    private static int[] partOfChunk(RegisterPlan plan, long initialPersonsPerPart)
    {
        int[] parts = new int[plan.chunks.size()];
        int part = 0;
        long inPart = 0;
        for (int i = 0; i < parts.length; i++) {
            if (inPart >= initialPersonsPerPart) {
                part++;
                inPart = 0;
            }
            parts[i] = part;
            inPart += plan.chunks.get(i).initialPersons();
        }
        return parts;
    }

    /** Gives a batch (null = the end) to a part writer, failing fast if the writer has failed. */
    private static void handOver(PartWriter writer, PartWriter.Batch batch, Future<PartWriter.Result> running) throws IOException
    {
        try {
            while (!(batch == null ? writer.offerEnd(HANDOVER_WAIT_MILLIS) : writer.offer(batch, HANDOVER_WAIT_MILLIS))) {
                if (running.isDone()) {
                    await(running);
                    throw new IllegalStateException("part writer stopped before the end of its part");
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the register", e);
        }
    }

    private static <T> T await(Future<T> future) throws IOException
    {
        try {
            return future.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the register", e);
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("generating the register failed", e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name)
    {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String extractId(RegisterPlan plan)
    {
        GeneratorOptions options = plan.options;
        return "synthetic-" + plan.area.toString().replace(':', '-') + "-" + options.periodEnd() + "-seed" + options.seed();
    }

    /**
     * Deletes what a previous extract left in the folder (extract.json first, so a half-deleted folder is never
     * taken for an extract): extract.json, faults.csv and its temporary parts, persons.* and events.* files,
     * persons/ and events/ folders. Other files are left alone.
     */
    static void removePreviousExtract(Path directory) throws IOException
    {
        Files.deleteIfExists(directory.resolve(ExtractMetadata.FILE_NAME));
        Files.deleteIfExists(directory.resolve(PartWriter.FAULTS_FILE));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean register = name.equals("persons") || name.equals("events")
                        || name.startsWith("persons.") || name.startsWith("events.") || name.startsWith(PartWriter.TEMPORARY_PREFIX);
                if (register) {
                    deleteRecursively(entry);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException
    {
        if (!Files.isDirectory(path)) {
            Files.delete(path);
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path inner : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(inner);
            }
        }
        catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
