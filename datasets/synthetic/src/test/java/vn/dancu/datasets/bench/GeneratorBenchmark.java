package vn.dancu.datasets.bench;

import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.synthetic.GenerationSummary;
import vn.dancu.datasets.synthetic.GeneratorOptions;
import vn.dancu.datasets.synthetic.RegisterFormat;
import vn.dancu.datasets.synthetic.RegisterGenerator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Generates a national-scale register of about N residents into a temporary folder and prints the figures
 * (persons, events, bytes, seconds, rows per second, machine). Not a test: run it by hand, see docs/benchmarks.md.
 *
 * <pre>java -cp ... vn.dancu.datasets.bench.GeneratorBenchmark [persons] [PARQUET|CSV|JSONL] [keep]</pre>
 */
public final class GeneratorBenchmark
{
    private GeneratorBenchmark() {}

    public static void main(String[] args) throws IOException
    {
        long persons = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        RegisterFormat format = args.length > 1 ? RegisterFormat.valueOf(args[1].toUpperCase(Locale.ROOT)) : RegisterFormat.PARQUET;
        boolean keep = args.length > 2 && args[2].equals("keep");
        Path folder = Files.createTempDirectory("dancu-generator-benchmark");
        GeneratorOptions options = GeneratorOptions.defaults(folder, LocalDate.of(2026, 11, 27))
                .withArea(Area.parse("national"), persons)
                .withFormat(format);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB, Java %s (%s)%n", runtime.availableProcessors(),
                runtime.maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("java.vm.name"));
        System.out.printf(Locale.ROOT, "generating about %,d residents at %s as %s into %s%n", persons, options.periodEnd(), format, folder);
        java.lang.management.OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = system.getSystemLoadAverage();
        long cpuBefore = processCpuNanos(system);
        GenerationSummary summary = RegisterGenerator.generate(options);
        double cpuSeconds = (processCpuNanos(system) - cpuBefore) / 1e9;
        long bytes = size(folder);
        double seconds = summary.elapsed().toNanos() / 1e9;
        long rows = summary.persons() + summary.events();
        System.out.printf(Locale.ROOT, "residents at end %,d; person records %,d; events %,d; files %d; bytes %,d (%.1f MiB)%n",
                summary.residentsAtEnd(), summary.persons(), summary.events(), summary.files().size(), bytes, bytes / 1048576.0);
        System.out.printf(Locale.ROOT, "seconds %.1f; rows/s %,.0f; persons/s %,.0f; used heap at end ~%d MiB%n", seconds,
                rows / seconds, summary.persons() / seconds, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        System.out.printf(Locale.ROOT, "process CPU %.1f s (%.2f cores busy on average); load average before %.1f, after %.1f%n",
                cpuSeconds, cpuSeconds / seconds, loadBefore, system.getSystemLoadAverage());
        if (!keep) {
            delete(folder);
        }
    }

    private static long processCpuNanos(java.lang.management.OperatingSystemMXBean system)
    {
        return system instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static long size(Path folder) throws IOException
    {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    private static void delete(Path folder) throws IOException
    {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
