package vn.dancu.engine.cube;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.synthetic.GeneratorOptions;
import vn.dancu.datasets.synthetic.RegisterFormat;
import vn.dancu.datasets.synthetic.RegisterGenerator;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.engine.ingest.IngestJob;
import vn.dancu.engine.ingest.IngestOptions;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.DataLayout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A new month whose extract changes nothing before it (no late record; the register of one year after the 2025
 * reform): the incremental build keeps every earlier month of the stock cubes, adds October's person-days to the kept
 * January–September of person-years instead of recounting the year, and equals a full build of the same snapshot.
 */
class IncrementalMonthTest
{
    private static final LocalDate START = LocalDate.of(2025, 11, 1);
    private static final LocalDate END = LocalDate.of(2026, 10, 31);
    private static final byte[] KEY = "a test key that is long enough".getBytes(StandardCharsets.UTF_8);
    private static final CubeCatalog CATALOG = CubeCatalog.builtIn();

    private static Path root;
    private static BuildReport september;
    private static BuildReport incremental;
    private static BuildReport full;

    @BeforeAll
    static void buildSeptemberThenOctober() throws Exception
    {
        SparkSession spark = SparkTestSession.get();
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        root = Files.createTempDirectory("dancu-month-");
        Path latest = root.resolve("extract-2026-10");
        Path previous = root.resolve("extract-2026-09");
        RegisterGenerator.generate(new GeneratorOptions(latest, Area.konray(), 1500L, 7, START, END, RegisterFormat.PARQUET, 0));
        TruncatedExtract.write(latest, previous, LocalDate.of(2026, 9, 30), null);

        DataLayout layout = new DataLayout(root.resolve("data").toString());
        CubeBuildJob job = new CubeBuildJob(spark, storage, CATALOG);
        new IngestJob(spark, storage).run(new IngestOptions(layout, previous.toString(), KEY));
        september = job.run(new BuildOptions(layout, null, List.of(), 5));
        new IngestJob(spark, storage).run(new IngestOptions(layout, latest.toString(), KEY));
        incremental = job.run(new BuildOptions(layout, null, List.of(), 5));
        full = job.run(new BuildOptions(layout, null, List.of(), 5, true));
    }

    @AfterAll
    static void deleteFolder() throws Exception
    {
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static BuildReport.CubeBuild build(String cube)
    {
        return incremental.cubes().stream().filter(build -> build.cube().equals(cube)).findFirst().orElseThrow();
    }

    @Test
    void theStockCubesKeepEveryEarlierMonthAndWriteOctoberOnly()
    {
        for (String cube : List.of("population_stock", "identity_coverage")) {
            int cuboids = CATALOG.find(cube).orElseThrow().cuboids().size();
            assertEquals(LocalDate.of(2026, 10, 1), build(cube).rebuiltFrom(), cube);
            // eleven month ends, 30/11/2025 … 30/09/2026, kept in every cuboid
            assertEquals(11 * cuboids, build(cube).partitionsReused(), cube);
            assertEquals(cuboids, build(cube).partitionsWritten(), cube);
        }
    }

    @Test
    void personYearsAddOctoberToTheKeptYearToDate()
    {
        BuildReport.CubeBuild personYears = build("person_years");
        int cuboids = CATALOG.find("person_years").orElseThrow().cuboids().size();

        assertEquals("new days since version " + september.manifest().versionId() + " added to its 2026-01-01 … 2026-09-30",
                personYears.reason());
        // 2025 is kept; 2026 is written once, now dated 31/10/2026
        assertEquals(cuboids, personYears.partitionsReused());
        assertEquals(cuboids, personYears.partitionsWritten());
        assertEquals(List.of(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 10, 31)),
                incremental.manifest().cube("person_years").orElseThrow().cuboids().get(0).partitions().stream()
                        .map(partition -> partition.refDate()).toList());
    }

    @Test
    void theIncrementalVersionHasTheCellsOfAFullBuild() throws Exception
    {
        Path cubes = root.resolve("data/cubes");
        for (CubeDescriptor descriptor : CATALOG.all()) {
            assertEquals(PublishedCells.read(cubes, full.manifest(), descriptor), PublishedCells.read(cubes, incremental.manifest(), descriptor),
                    descriptor.name());
        }
    }
}
