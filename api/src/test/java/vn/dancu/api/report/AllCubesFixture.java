package vn.dancu.api.report;

import vn.dancu.api.CubeFixture;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A published version holding every cube a report reads, with a handful of rows whose figures the report tests
 * compute by hand. Each cube is written by {@link CubeFixture}; the manifests are then merged into one.
 */
final class AllCubesFixture
{
    static final List<String> CUBES = List.of("population_stock", "births", "deaths", "migration", "households", "identity_coverage", "data_quality",
            "population_projection");

    private AllCubesFixture() {}

    static CubeCatalog catalog()
    {
        Map<String, CubeDescriptor> descriptors = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String cube : CUBES) {
            descriptors.put(cube, CubeCatalog.builtInFile(cube + ".json"));
            hashes.put(cube, "fixture");
        }
        return new CubeCatalog(descriptors, hashes);
    }

    static void publish(Path data) throws IOException
    {
        List<CubeManifest> manifests = new ArrayList<>();
        CubeFixture stock = new CubeFixture("population_stock");
        stockRows(stock, "2026-10-31", 100, 120);
        stockRows(stock, "2026-09-30", 98, 118);
        stockRows(stock, "2025-10-31", 90, 110);
        stockRows(stock, "2025-09-30", 88, 108);
        manifests.add(stock.publish(data, "v1", "konray"));
        manifests.add(new CubeFixture("births")
                .row("2026-10-31", "23479", "M", "20-24", 3)
                .row("2026-10-31", "23485", "F", "25-29", 2)
                .row("2025-10-31", "23479", "F", "20-24", 4)
                .publish(data, "v1", "konray"));
        manifests.add(new CubeFixture("deaths")
                .row("2026-10-31", "23479", "M", "70-74", 1)
                .row("2025-10-31", "23485", "F", "80-84", 2)
                .publish(data, "v1", "konray"));
        manifests.add(new CubeFixture("migration")
                .row("2026-10-31", "23479", "IN", null, "M", "20-24", 4)
                .row("2026-10-31", "23485", "OUT", null, "F", "25-29", 1)
                .row("2026-10-31", "23479", "BETWEEN_IN", "23485", "M", "30-34", 2)
                .row("2026-10-31", "23485", "BETWEEN_OUT", "23479", "M", "30-34", 2)
                .row("2025-10-31", "23479", "IN", null, "F", "20-24", 1)
                .row("2025-10-31", "23485", "OUT", null, "M", "20-24", 3)
                .publish(data, "v1", "konray"));
        manifests.add(new CubeFixture("households")
                .row("2026-10-31", "23479", 3, 20, 60)
                .row("2026-10-31", "23485", 5, 10, 50)
                .publish(data, "v1", "konray"));
        manifests.add(new CubeFixture("identity_coverage")
                .row("2026-10-31", "23479", "M", "25-39", "YES", "2", 40)
                .row("2026-10-31", "23479", "F", "25-39", "NO", "0", 10)
                .row("2026-10-31", "23485", "M", "0-13", "NO", "0", 30)
                .row("2026-10-31", "23485", "F", "60+", "YES", "1", 20)
                .publish(data, "v1", "konray"));
        manifests.add(new CubeFixture("data_quality")
                .row("2026-10-31", "23479", "RECORDS_READ", 500)
                .row("2026-10-31", "23485", "RECORDS_READ", 300)
                .row("2026-10-31", "23479", "RECORDS_QUARANTINED", 5)
                .publish(data, "v1", "konray"));
        // The projection from 31/12/2025 (thousandths of a person): 270 persons at the jump-off; in 2026 the scenarios differ in the
        // children born (4, 2, 8; births 4.1, 2.05, 8.2) and, with zero migration, in 4.4 fewer men aged 31.
        CubeFixture projection = new CubeFixture("population_projection");
        String[] scenarios = {"MEDIUM", "LOW", "HIGH", "ZERO_MIGRATION"};
        long[] born = {4_000, 2_000, 8_000, 4_000};
        long[] births = {4_100, 2_050, 8_200, 4_100};
        long[] men31 = {99_400, 99_400, 99_400, 90_000};
        for (int s = 0; s < scenarios.length; s++) {
            projection.row("2025-12-31", "23479", "2025", scenarios[s], "M", 30, 100_000L, 0L, 0L, 0L)
                    .row("2025-12-31", "23479", "2025", scenarios[s], "F", 31, 120_000L, 0L, 0L, 0L)
                    .row("2025-12-31", "23485", "2025", scenarios[s], "M", 5, 50_000L, 0L, 0L, 0L)
                    .row("2026-12-31", "23479", "2025", scenarios[s], "M", 31, men31[s], 0L, 600L, 0L)
                    .row("2026-12-31", "23479", "2025", scenarios[s], "F", 32, 119_600L, 0L, 400L, 0L)
                    .row("2026-12-31", "23485", "2025", scenarios[s], "M", 6, 49_900L, 0L, 100L, 0L)
                    .row("2026-12-31", "23485", "2025", scenarios[s], "M", 0, born[s], births[s], 100L, 0L);
        }
        manifests.add(projection.publish(data, "v1", "konray"));
        List<CubeEntry> entries = manifests.stream().flatMap(manifest -> manifest.cubes().stream()).toList();
        CubeManifest merged = new CubeManifest("v1", Instant.parse("2026-11-01T00:00:00Z"), "test", "s-test", LocalDate.of(2026, 10, 31),
                "konray", null, entries);
        try (OutputStream out = Files.newOutputStream(data.resolve("cubes/versions/v1").resolve(CubeManifest.FILE_NAME))) {
            merged.write(out);
        }
    }

    /** Four cells: Đăk Rve men and women (given), Đăk Kôi 50 boys aged 5 and 30 women aged 70. */
    private static void stockRows(CubeFixture stock, String date, int rveMen, int rveWomen)
    {
        stock.row(date, "23479", "M", 30, "14", "PERMANENT", rveMen)
                .row(date, "23479", "F", 31, "14", "PERMANENT", rveWomen)
                .row(date, "23485", "M", 5, "01", "PERMANENT", 50)
                .row(date, "23485", "F", 70, "13", "TEMPORARY", 30);
    }
}
