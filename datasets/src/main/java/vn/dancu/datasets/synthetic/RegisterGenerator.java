package vn.dancu.datasets.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Generates a synthetic population register extract (see docs/synthetic-register.md): plans the chunks, simulates
 * them on all cores, and writes their outputs strictly in chunk order, so the files are byte-identical for the same
 * options whatever the thread timing. Memory holds only the chunks in flight, never the whole register.
 */
public final class RegisterGenerator
{
    /** Registers with more initial residents than this are written as folders of part files. */
    static final long SINGLE_FILE_LIMIT = 1_500_000;
    /** Person records per part file. */
    static final long RECORDS_PER_PART = 1_000_000;

    private RegisterGenerator() {}

    public static GenerationSummary generate(GeneratorOptions options) throws IOException
    {
        long started = System.nanoTime();
        RegisterPlan plan = RegisterPlan.of(options);
        Path directory = options.outputDir();
        Files.createDirectories(directory);
        removePreviousExtract(directory);

        long initial = plan.chunks.stream().mapToLong(ChunkPlan::initialPersons).sum();
        boolean parts = initial > SINGLE_FILE_LIMIT;
        long residents = 0;
        RegisterOutput output = new RegisterOutput(directory, options.format(), parts, RECORDS_PER_PART, options.badRate() > 0);
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), plan.chunks.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "register-chunk");
            thread.setDaemon(true);
            return thread;
        });
        try (output) {
            Deque<Future<ChunkOutput>> inFlight = new ArrayDeque<>();
            for (ChunkPlan chunk : plan.chunks) {
                inFlight.add(pool.submit(() -> FaultInjector.inject(plan, new ChunkSimulation(plan, chunk).run())));
                if (inFlight.size() > 3 * threads) {
                    residents += writeNext(inFlight, output);
                }
            }
            while (!inFlight.isEmpty()) {
                residents += writeNext(inFlight, output);
            }
        }
        finally {
            pool.shutdownNow();
        }

        ExtractMetadata metadata = new ExtractMetadata(extractId(plan), options.periodEnd().toString(),
                options.periodStart().toString(), options.periodEnd().toString(), plan.area.toString(), options.seed(),
                options.persons(), residents, options.format().name(), options.badRate(), ExtractMetadata.GENERATOR,
                output.files());
        Path metadataFile = directory.resolve(ExtractMetadata.FILE_NAME);
        metadata.write(metadataFile);

        List<Path> files = new ArrayList<>();
        for (ExtractMetadata.FileEntry entry : output.files()) {
            files.add(directory.resolve(entry.path()));
        }
        files.add(metadataFile);
        return new GenerationSummary(output.personRecords(), output.eventRecords(), residents, output.faults(), files,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static int writeNext(Deque<Future<ChunkOutput>> inFlight, RegisterOutput output) throws IOException
    {
        ChunkOutput chunk;
        try {
            chunk = inFlight.poll().get();
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
            throw new IllegalStateException("generating a chunk failed", e.getCause());
        }
        output.write(chunk);
        return chunk.residentsAtEnd();
    }

    private static String extractId(RegisterPlan plan)
    {
        GeneratorOptions options = plan.options;
        return "synthetic-" + plan.area.toString().replace(':', '-') + "-" + options.periodEnd() + "-seed" + options.seed();
    }

    /**
     * Deletes what a previous extract left in the folder (extract.json first, so a half-deleted folder is never
     * taken for an extract): extract.json, faults.csv, persons.* and events.* files, persons/ and events/ folders.
     * Other files are left alone.
     */
    static void removePreviousExtract(Path directory) throws IOException
    {
        Files.deleteIfExists(directory.resolve(ExtractMetadata.FILE_NAME));
        Files.deleteIfExists(directory.resolve(RegisterOutput.FAULTS_FILE));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean register = name.equals("persons") || name.equals("events")
                        || name.startsWith("persons.") || name.startsWith("events.");
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
