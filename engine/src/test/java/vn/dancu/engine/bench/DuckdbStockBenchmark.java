package vn.dancu.engine.bench;

import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.DataLayout;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * DuckDB alone computing the population-stock aggregates of {@link CubeBuildBenchmark} from an existing curated
 * snapshot (a program, not a test), for registers where the single statement of that benchmark runs out of memory:
 *
 * <pre>
 * ./dancu bench engine vn.dancu.engine.bench.DuckdbStockBenchmark SNAPSHOT_FOLDER FIRST_MONTH LAST_MONTH_END MEMORY [one-statement|monthly] [DATA_FOLDER]
 * ./dancu bench engine vn.dancu.engine.bench.DuckdbStockBenchmark /tmp/ingest-bench-10m/data/curated/snapshots/s20250930-c5e207800b 2015-10-01 2025-09-30 15GB
 * </pre>
 *
 * Monthly by default: persons and spells loaded into tables, then one statement per month end. The output goes to
 * a temporary folder, deleted at the end. With a {@code DATA_FOLDER}, DuckDB's result is compared with the
 * {@code population_stock} cube of that folder's current version (built from the same snapshot): row counts of every
 * cuboid, and every row of every cuboid at three month ends.
 */
public final class DuckdbStockBenchmark
{
    private DuckdbStockBenchmark() {}

    public static void main(String[] args) throws Exception
    {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: DuckdbStockBenchmark SNAPSHOT_FOLDER FIRST_MONTH LAST_MONTH_END MEMORY [one-statement]");
        }
        Path snapshot = Path.of(args[0]);
        LocalDate start = LocalDate.parse(args[1]);
        LocalDate end = LocalDate.parse(args[2]);
        boolean monthly = !(args.length > 4 && args[4].equals("one-statement"));
        Path root = Files.createTempDirectory("dancu-duckdb-bench-");
        System.out.printf(Locale.ROOT, "DuckDB population stock: %s, %s … %s, %s, memory %s, 2 threads, load average %.1f%n", snapshot, start,
                end, monthly ? "one statement per month end" : "one statement", args[3],
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try {
            double seconds = CubeBuildBenchmark.duckdbPopulationStock(snapshot, start, end, root.resolve("out"), args[3], monthly);
            System.out.printf(Locale.ROOT, "SUMMARY DuckDB population stock %.1f s (load average %.1f)%n", seconds,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (args.length > 5) {
                DataLayout layout = new DataLayout(args[5]);
                String version = Files.readString(Path.of(layout.cubesPointer())).strip();
                CubeManifest manifest;
                try (InputStream in = Files.newInputStream(Path.of(layout.version(version), CubeManifest.FILE_NAME))) {
                    manifest = CubeManifest.read(in);
                }
                System.out.printf(Locale.ROOT, "compare with version %s (snapshot %s)%n", version, manifest.snapshotId());
                CubeBuildBenchmark.compareWithDuckdb(layout, manifest.cubes().stream().filter(cube -> cube.name().equals("population_stock"))
                        .findFirst().orElseThrow(), root.resolve("out"));
            }
        }
        finally {
            IngestBenchmark.deleteRecursively(root);
        }
    }
}
