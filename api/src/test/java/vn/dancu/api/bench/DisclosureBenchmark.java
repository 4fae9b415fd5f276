package vn.dancu.api.bench;

import vn.dancu.api.access.Caller;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.disclosure.SuppressionPattern;
import vn.dancu.api.query.CubeQuery;
import vn.dancu.api.query.FirstViewWarmUp;
import vn.dancu.api.query.QueryService;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.TimeGrain;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.DataLayout;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints what disclosure control costs the first time a block of linked cubes is asked for (its pattern is then
 * cached for the cube version): for every block of the published cubes of a data folder, the time of the first
 * anonymous answer that needs it, less the time of the same answer once the pattern is known, and what the protection
 * did (atoms, cells, primary and secondary suppressions). Wall and CPU times (the CPU time of this thread is what the
 * computation costs on a machine shared with other work). Before that, on a fresh service: the dashboard's first view
 * (what {@link FirstViewWarmUp} asks: the population of the last 25 month ends, anonymous) cold and cached, and with
 * {@code --all-patterns} the computation of every block's pattern (what the server does in the background after its
 * first view). Run: {@code ./dancu bench api vn.dancu.api.bench.DisclosureBenchmark --data DIR [--threshold T]
 * [--max-blocks N] [--all-patterns] [--skip-first-view] [--cubes a,b]}.
 */
public final class DisclosureBenchmark
{
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private DisclosureBenchmark() {}

    public static void main(String[] args)
    {
        String data = null;
        int threshold = 5;
        int maxBlocks = Integer.MAX_VALUE;
        boolean allPatterns = false;
        boolean skipFirstView = false;
        int parts = 0;
        java.util.Set<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--threshold" -> threshold = Integer.parseInt(args[++i]);
                case "--max-blocks" -> maxBlocks = Integer.parseInt(args[++i]);
                case "--all-patterns" -> allPatterns = true;
                case "--skip-first-view" -> skipFirstView = true;
                case "--parts" -> parts = Integer.parseInt(args[++i]);
                case "--cubes" -> only = java.util.Set.of(args[++i].split(","));
                default -> throw new IllegalArgumentException(USAGE);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException(USAGE);
        }
        int t = threshold;
        PublishedCubes cubes = new PublishedCubes(new DataLayout(data), CubeCatalog.builtIn(), 512L << 20);
        Area area = Area.parse(cubes.manifest().area());
        if (parts > 0) {
            parts(cubes, area, t, parts);
            return;
        }
        if (!skipFirstView) {
            firstView(cubes, area, t, allPatterns);
        }
        DisclosureControl disclosure = new DisclosureControl(() -> t);
        QueryService queries = new QueryService(cubes, area, disclosure);
        Map<String, List<Long>> firstMillis = new LinkedHashMap<>();
        Map<String, List<Long>> cachedMillis = new LinkedHashMap<>();
        Map<String, List<Long>> firstCpuMillis = new LinkedHashMap<>();
        for (CubeEntry entry : cubes.manifest().cubes()) {
            CubeDescriptor descriptor = cubes.descriptor(entry.name()).orElse(null);
            if (descriptor == null || disclosure.countedMeasure(descriptor).isEmpty() || entry.refDates().isEmpty()
                    || (only != null && !only.contains(entry.name()))) {
                continue;
            }
            List<String> times = new ArrayList<>();
            if (descriptor.time() == TimeGrain.MONTH || descriptor.time() == TimeGrain.YEAR) {
                entry.refDates().stream().map(LocalDate::getYear).distinct().forEach(year -> times.add("period=" + year));
            }
            else {
                entry.refDates().forEach(date -> times.add("date=" + date));
            }
            for (String time : times.subList(Math.max(0, times.size() - maxBlocks), times.size())) {
                Map<String, List<String>> parameters = new LinkedHashMap<>();
                parameters.put(time.substring(0, time.indexOf('=')), List.of(time.substring(time.indexOf('=') + 1)));
                parameters.put("dims", List.of("unit"));
                CubeQuery query = queries.parse(entry.name(), parameters);
                long startedCpu = THREADS.getCurrentThreadCpuTime();
                long started = System.nanoTime();
                try {
                    queries.table(Caller.anonymous(), query);
                }
                catch (RuntimeException e) {
                    System.out.printf("  %s %s: %s%n", entry.name(), time, e);
                    continue;
                }
                long first = System.nanoTime() - started;
                long firstCpu = THREADS.getCurrentThreadCpuTime() - startedCpu;
                startedCpu = THREADS.getCurrentThreadCpuTime();
                started = System.nanoTime();
                queries.table(Caller.anonymous(), query);
                long again = System.nanoTime() - started;
                long againCpu = THREADS.getCurrentThreadCpuTime() - startedCpu;
                firstMillis.computeIfAbsent(entry.name(), k -> new ArrayList<>()).add((first - again) / 1_000_000);
                firstCpuMillis.computeIfAbsent(entry.name(), k -> new ArrayList<>()).add((firstCpu - againCpu) / 1_000_000);
                cachedMillis.computeIfAbsent(entry.name(), k -> new ArrayList<>()).add(again / 1_000);
            }
        }
        System.out.printf("%s: %s, %d cubes, threshold %d%n", data, cubes.manifest().versionId(), firstMillis.size(), threshold);
        System.out.printf("load average at the end: %.1f (2 cores shared with other work: wall times are inflated, CPU times are not)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        firstMillis.forEach((cube, millis) -> {
            List<Long> sorted = millis.stream().sorted().toList();
            List<Long> cpu = firstCpuMillis.get(cube).stream().sorted().toList();
            System.out.printf("  %-18s %4d blocks: first answer needing a block + %,d ms wall median (%,d ms CPU), %,d ms wall max (%,d ms CPU),"
                            + " %,d ms CPU in all; cached answer %,d µs median%n",
                    cube, millis.size(), sorted.get(sorted.size() / 2), cpu.get(cpu.size() / 2), sorted.get(sorted.size() - 1), cpu.get(cpu.size() - 1),
                    cpu.stream().mapToLong(Long::longValue).sum(), cachedMillis.get(cube).stream().sorted().toList().get(millis.size() / 2));
        });
        printTotals(disclosure);
        long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP).mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf("heap: %,d MiB at most of %,d MiB (sum of the pools' peaks)%n", peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static final String USAGE = "usage: --data DIR [--threshold T] [--max-blocks N] [--all-patterns] [--skip-first-view] [--cubes a,b]"
            + " | --data DIR --parts N";

    /** A digest of the withheld cells (shape and packed codes), to compare two runs' patterns. */
    private static String digest(SuppressionPattern pattern)
    {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            new java.util.TreeMap<>(pattern.withheld()).forEach((shape, codes) -> {
                sha.update(shape.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8 * codes.length);
                buffer.asLongBuffer().put(codes);
                sha.update(buffer.array());
            });
            return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops reading a block's parts. */
    private static final class Enough extends RuntimeException
    {
        Enough()
        {
            super(null, null, false, false);
        }
    }

    /**
     * The residents block (population and identity documents) at the last month end, read by parts as the server
     * does (one per 2025 province): the time to read the atoms and build the first table, then each of the first
     * {@code count} parts' protection with its figures and the heap in use after it.
     */
    private static void parts(PublishedCubes cubes, Area area, int threshold, int count)
    {
        DisclosureControl disclosure = new DisclosureControl(() -> threshold);
        QueryService queries = new QueryService(cubes, area, disclosure);
        CubeDescriptor descriptor = cubes.descriptor("population_stock").orElseThrow();
        List<LocalDate> dates = cubes.manifest().cube("population_stock").orElseThrow().refDates();
        LocalDate last = dates.get(dates.size() - 1);
        CubeQuery query = queries.parse("population_stock", Map.of("date", List.of(last.toString())));
        Map<String, CubeDescriptor> published = new LinkedHashMap<>();
        for (String cube : cubes.catalog().names()) {
            cubes.descriptor(cube).ifPresent(found -> published.put(cube, found));
        }
        vn.dancu.api.query.ProtectionBlock block = vn.dancu.api.query.ProtectionBlock.of(descriptor, query, cubes.manifest(), published, queries.coverage());
        vn.dancu.api.query.LinkedTableReader reader = new vn.dancu.api.query.LinkedTableReader(cubes, area, disclosure,
                new java.util.concurrent.ConcurrentHashMap<>(), queries::coverage);
        long started = System.nanoTime();
        long[] previous = {started};
        int[] seen = {0};
        System.out.printf("%s: block %s (%s), threshold %d%n", cubes.manifest().versionId(), block.key(), area, threshold);
        try {
            reader.read(cubes.manifest(), block, table -> {
                long read = System.nanoTime() - previous[0];
                SuppressionPattern pattern = vn.dancu.api.disclosure.GaussSuppression.protect(table, cube -> threshold);
                System.gc();
                long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                System.out.printf("  part %d: read and built in %,d ms; %s; heap in use after it %,d MiB; withheld cells' digest %s%n", ++seen[0],
                        read / 1_000_000, pattern.figures(), used >> 20, digest(pattern));
                previous[0] = System.nanoTime();
                if (seen[0] >= count) {
                    throw new Enough();
                }
            });
        }
        catch (Enough enough) {
            // the parts asked for are done
        }
        System.out.printf("%d parts in %,d s%n", seen[0], (System.nanoTime() - started) / 1_000_000_000);
    }

    /** The dashboard's first view on a fresh service, cold then cached; then, optionally, every block's pattern. */
    private static void firstView(PublishedCubes cubes, Area area, int threshold, boolean allPatterns)
    {
        DisclosureControl disclosure = new DisclosureControl(() -> threshold);
        QueryService queries = new QueryService(cubes, area, disclosure);
        FirstViewWarmUp firstView = new FirstViewWarmUp(queries);
        long startedCpu = THREADS.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        int points = firstView.run();
        long cold = System.nanoTime() - started;
        long coldCpu = THREADS.getCurrentThreadCpuTime() - startedCpu;
        started = System.nanoTime();
        firstView.run();
        long cached = System.nanoTime() - started;
        System.out.printf("first view (population of the last %d month ends, anonymous) on a fresh service: %,d ms wall (%,d ms CPU) cold,"
                + " %,d ms once its %d patterns are known%n", points, cold / 1_000_000, coldCpu / 1_000_000, cached / 1_000_000, disclosure.computed().size());
        if (allPatterns) {
            startedCpu = THREADS.getCurrentThreadCpuTime();
            started = System.nanoTime();
            int blocks = queries.computeAllPatterns();
            System.out.printf("every pattern of the version (%d blocks, as the server computes them in the background): %,d s wall (%,d s CPU)%n",
                    blocks, (System.nanoTime() - started) / 1_000_000_000, (THREADS.getCurrentThreadCpuTime() - startedCpu) / 1_000_000_000);
            printTotals(disclosure);
        }
    }

    private static void printTotals(DisclosureControl disclosure)
    {
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (Map.Entry<String, SuppressionPattern.Figures> block : disclosure.computed().entrySet()) {
            String group = block.getKey().substring(block.getKey().lastIndexOf('|', block.getKey().lastIndexOf('|') - 1) + 1);
            group = group.substring(0, group.indexOf('|'));
            SuppressionPattern.Figures f = block.getValue();
            long[] sum = totals.computeIfAbsent(group, k -> new long[9]);
            sum[0]++;
            sum[1] += f.atoms();
            sum[2] += f.cells();
            sum[3] += f.primary();
            sum[4] += f.secondary();
            sum[5] += f.released();
            sum[6] += f.millis();
            sum[7] = Math.max(sum[7], f.millis());
            sum[8] = Math.max(sum[8], f.cells());
        }
        totals.forEach((group, sum) -> System.out.printf("  block %-14s %4d blocks: %,d atoms, %,d cells (largest %,d), %,d primary, %,d secondary,"
                        + " %,d complements published again; protection %,d ms in all, %,d ms for the slowest%n",
                group, sum[0], sum[1], sum[2], sum[8], sum[3], sum[4], sum[5], sum[6], sum[7]));
    }
}
