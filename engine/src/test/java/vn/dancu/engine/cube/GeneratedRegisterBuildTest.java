package vn.dancu.engine.cube;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.UnitLevel;
import vn.dancu.datasets.synthetic.GeneratorOptions;
import vn.dancu.datasets.synthetic.RegisterFormat;
import vn.dancu.datasets.synthetic.RegisterGenerator;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.engine.ingest.IngestJob;
import vn.dancu.engine.ingest.IngestOptions;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.publish.PartitionEntry;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds on a generated Kon Rẫy register (two years across the 2025 reform): a full build from the extract of
 * 30/09/2026 (with one death of May 2026 held back, as if registered late), an incremental build from the extract of
 * 31/10/2026, and a full build from the same extract. Then every cell is checked against direct counts, the
 * incremental version against the full one, and a build is killed mid-write.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedRegisterBuildTest
{
    private static final LocalDate START = LocalDate.of(2024, 11, 1);
    private static final LocalDate END = LocalDate.of(2026, 10, 31);
    private static final LocalDate PREVIOUS_END = LocalDate.of(2026, 9, 30);
    private static final YearMonth LATE_DEATH_MONTH = YearMonth.of(2026, 5);
    private static final byte[] KEY = "a test key that is long enough".getBytes(StandardCharsets.UTF_8);

    private static Path root;
    private static DataLayout layout;
    private static Storage storage;
    private static BuildReport first;
    private static BuildReport incremental;
    private static BuildReport full;
    private static String currentSnapshot;
    private static final CubeCatalog CATALOG = CubeCatalog.builtIn();

    @BeforeAll
    static void buildThreeVersions() throws Exception
    {
        SparkSession spark = SparkTestSession.get();
        storage = new Storage(spark.sparkContext().hadoopConfiguration());
        root = Files.createTempDirectory("dancu-cubes-");
        Path latest = root.resolve("extract-2026-10");
        Path previous = root.resolve("extract-2026-09");
        RegisterGenerator.generate(new GeneratorOptions(latest, Area.konray(), 3000L, 11, START, END, RegisterFormat.PARQUET, 0));
        TruncatedExtract.write(latest, previous, PREVIOUS_END, TruncatedExtract.deathIn(latest, LATE_DEATH_MONTH));

        layout = new DataLayout(root.resolve("data").toString());
        CubeBuildJob job = new CubeBuildJob(spark, storage, CATALOG);
        new IngestJob(spark, storage).run(new IngestOptions(layout, previous.toString(), KEY));
        first = job.run(new BuildOptions(layout, null, List.of(), 5));
        currentSnapshot = new IngestJob(spark, storage).run(new IngestOptions(layout, latest.toString(), KEY)).snapshotId();
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

    private static Path cubesRoot()
    {
        return Path.of(layout.cubes());
    }

    private static BuildReport.CubeBuild build(BuildReport report, String cube)
    {
        return report.cubes().stream().filter(build -> build.cube().equals(cube)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void incrementalBuildOfANewMonthEqualsAFullBuild() throws Exception
    {
        for (CubeDescriptor descriptor : CATALOG.all()) {
            assertEquals(PublishedCells.read(cubesRoot(), full.manifest(), descriptor),
                    PublishedCells.read(cubesRoot(), incremental.manifest(), descriptor), descriptor.name());
            var fullCube = full.manifest().cube(descriptor.name()).orElseThrow();
            var incrementalCube = incremental.manifest().cube(descriptor.name()).orElseThrow();
            for (var cuboid : fullCube.cuboids()) {
                var other = incrementalCube.cuboid(cuboid.name()).orElseThrow();
                assertEquals(cuboid.partitions().stream().map(p -> p.refDate() + "=" + p.rows()).toList(),
                        other.partitions().stream().map(p -> p.refDate() + "=" + p.rows()).toList(), descriptor.name() + " " + cuboid.name());
            }
        }
    }

    @Test
    @Order(2)
    void incrementalBuildKeepsUnchangedMonthsAndRedoesThoseALateRegisteredDeathChanges()
    {
        LocalDate newMonth = LocalDate.of(2026, 10, 1);
        LocalDate lateDeath = LATE_DEATH_MONTH.atDay(1);
        assertEquals(newMonth, build(incremental, "births").rebuiltFrom());
        assertEquals(newMonth, build(incremental, "migration").rebuiltFrom());
        assertEquals(lateDeath, build(incremental, "deaths").rebuiltFrom());
        assertEquals(lateDeath, build(incremental, "population_stock").rebuiltFrom());
        assertEquals(lateDeath, build(incremental, "identity_coverage").rebuiltFrom());
        assertEquals(LocalDate.of(2026, 1, 1), build(incremental, "person_years").rebuiltFrom());
        assertEquals(START, build(incremental, "households").rebuiltFrom());
        // the projection starts from 31/12/2025 in both extracts, and the late death (May 2026) is after it
        assertEquals("same jump-off year 2025 and inputs as version " + first.manifest().versionId(),
                build(incremental, "population_projection").reason());
        assertEquals(0, build(incremental, "population_projection").partitionsWritten());
        assertEquals(cuboids("population_projection") * 16, build(incremental, "population_projection").partitionsReused());

        // population stock: the 18 month ends before May 2026 are kept, in each stored cuboid
        assertEquals(18 * cuboids("population_stock"), build(incremental, "population_stock").partitionsReused());
        assertEquals(6 * cuboids("population_stock"), build(incremental, "population_stock").partitionsWritten());
        String firstVersion = first.manifest().versionId();
        assertEquals(firstVersion, incremental.manifest().previousVersion());
        PartitionEntry kept = incremental.manifest().cube("births").orElseThrow().cuboid("commune.sex").orElseThrow()
                .partition(LocalDate.of(2026, 9, 30)).orElseThrow();
        assertEquals("versions/" + firstVersion + "/births/cuboid=commune.sex/ref_date=2026-09-30", kept.path());
        assertEquals(null, full.manifest().previousVersion());
        assertEquals(0, build(full, "births").partitionsReused());
    }

    @Test
    @Order(3)
    void everyCellOfEveryCubeEqualsADirectCountOverTheCuratedRecords() throws Exception
    {
        DirectCounts direct = counts();
        for (CubeDescriptor descriptor : CATALOG.all()) {
            Map<String, List<Long>> expected = DirectCounts.cells(descriptor, direct.facts(descriptor.name()));
            Map<String, List<Long>> published = PublishedCells.read(cubesRoot(), full.manifest(), descriptor);
            List<String> differences = new ArrayList<>();
            for (String cell : union(expected, published)) {
                if (!java.util.Objects.equals(expected.get(cell), published.get(cell)) && differences.size() < 10) {
                    differences.add(cell + ": direct " + expected.get(cell) + ", cube " + published.get(cell));
                }
            }
            assertEquals(List.of(), differences, descriptor.name() + " (" + expected.size() + " cells expected)");
        }
        assertTrue(direct.persons() > 3000, "persons: " + direct.persons());
    }

    @Test
    @Order(3)
    void householdMembersAreTheResidentsWithAHouseholdAndThePopulationIsTheGeneratorsResidents() throws Exception
    {
        DirectCounts direct = counts();
        Map<String, List<Long>> households = PublishedCells.read(cubesRoot(), full.manifest(), CATALOG.find("households").orElseThrow());
        Map<String, List<Long>> population = PublishedCells.read(cubesRoot(), full.manifest(), CATALOG.find("population_stock").orElseThrow());
        long members = households.entrySet().stream().filter(cell -> cell.getKey().startsWith("commune|" + END + "|"))
                .mapToLong(cell -> cell.getValue().get(1)).sum();
        long residents = communeTotals(population, END).values().stream().mapToLong(Long::longValue).sum();
        long generated = new com.fasterxml.jackson.databind.ObjectMapper().readTree(root.resolve("extract-2026-10/extract.json").toFile())
                .get("residentsAtEnd").asLong();

        assertEquals(direct.residentsWithAHousehold(END), members);
        assertEquals(generated, residents);
        // Residents without a household book (young adults arriving alone, an ordinary imperfection) are residents, not
        // household members; counted from the spells.
        long withoutHousehold = direct.residentsByCommune(END).values().stream().mapToLong(Long::longValue).sum()
                - direct.residentsWithAHousehold(END);
        assertEquals(residents, members + withoutHousehold, "every resident is a household member or has no household book");
    }

    @Test
    @Order(3)
    void theLaterExtractPassedThePlausibilityGateAgainstTheEarlierOne() throws Exception
    {
        String report = Files.readString(Path.of(layout.snapshot(currentSnapshot), "ingest-report.json"));
        vn.dancu.engine.ingest.IngestReport.Plausibility checked = vn.dancu.engine.ingest.IngestReport.fromJson(report).plausibility().orElseThrow();

        assertTrue(checked.comparison().startsWith("compared with snapshot " + first.manifest().snapshotId() + ": population "), checked.comparison());
        assertEquals(List.of(), checked.overridden());
    }

    @Test
    @Order(4)
    void communeTotalsRollUpToDistrictProvinceAndThe2025Units() throws Exception
    {
        DirectCounts direct = counts();
        AdminCatalogue catalogue = AdminCatalogue.kontum();
        Map<String, List<Long>> cells = PublishedCells.read(cubesRoot(), full.manifest(), CATALOG.find("population_stock").orElseThrow());
        LocalDate before = LocalDate.of(2025, 6, 30);
        LocalDate after = LocalDate.of(2025, 7, 31);

        Map<String, Long> communes = communeTotals(cells, before);
        assertEquals(direct.residentsByCommune(before), communes);
        assertEquals(rollUp(direct.residentsByCommune(before), code -> ancestor(catalogue, code, UnitLevel.DISTRICT, before)),
                rollUp(communes, code -> ancestor(catalogue, code, UnitLevel.DISTRICT, before)));
        Map<String, Long> provinces = rollUp(communes, code -> ancestor(catalogue, code, UnitLevel.PROVINCE, before));
        assertEquals(Map.of(AdminCatalogue.KON_TUM, direct.residentsByCommune(before).values().stream().mapToLong(Long::longValue).sum()), provinces);

        Map<String, Long> recast = rollUp(communes, code -> catalogue.recastTo2025(code, before));
        assertEquals(rollUp(direct.residentsByCommune(before), catalogue::successorCode), recast);
        for (Map.Entry<String, Long> unit : recast.entrySet()) {
            long predecessors = catalogue.predecessors(unit.getKey()).stream().mapToLong(old -> communes.getOrDefault(old.code(), 0L)).sum();
            assertEquals(predecessors, unit.getValue(), "new commune " + unit.getKey());
        }
        assertEquals(3, recast.size(), "Đăk Rve, Đăk Kôi, Kon Braih: " + recast);

        Map<String, Long> afterReform = communeTotals(cells, after);
        for (String code : afterReform.keySet()) {
            assertTrue(catalogue.commune(code, after).isPresent(), code + " is a commune of 31/07/2025");
            assertEquals(AdminCatalogue.QUANG_NGAI, ancestor(catalogue, code, UnitLevel.PROVINCE, after));
        }
        assertEquals(direct.residentsByCommune(after), afterReform);

        for (CubeDescriptor descriptor : CATALOG.all()) {
            if (descriptor.dimension("commune").isEmpty()) {
                continue;
            }
            for (String cell : PublishedCells.read(cubesRoot(), full.manifest(), descriptor).keySet()) {
                String[] parts = cell.split("\\|");
                if (parts[0].equals("commune")) {
                    assertTrue(catalogue.commune(parts[2], LocalDate.parse(parts[1])).isPresent(),
                            descriptor.name() + ": " + parts[2] + " is not a commune on " + parts[1]);
                }
            }
        }
    }

    @Test
    @Order(5)
    void buildKilledMidWriteLeavesThePreviousVersionServedAndTheNextBuildCleansUp() throws Exception
    {
        String served = storage.readPointer(layout.cubesPointer()).orElseThrow();
        byte[] manifest = Files.readAllBytes(cubesRoot().resolve("versions").resolve(served).resolve(CubeManifest.FILE_NAME));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--add-opens") || argument.startsWith("-XX:+Ignore") || argument.startsWith("-Dio.netty"))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.addAll(List.of("vn.dancu.engine.EngineMain", "build", "--data", layout.root(), "--master", "local[1]", "--full"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve("killed-build.log").toFile()).start();
        Path leftover = null;
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (leftover == null && child.isAlive() && System.nanoTime() < deadline) {
            try (Stream<Path> versions = Files.list(cubesRoot().resolve("versions"))) {
                for (Path version : versions.toList()) {
                    if (!Files.exists(version.resolve(CubeManifest.FILE_NAME)) && containsParquet(version)) {
                        leftover = version;
                    }
                }
            }
            Thread.sleep(20);
        }
        child.destroyForcibly().waitFor();
        assertTrue(leftover != null, "the child build wrote no partition: " + Files.readString(root.resolve("killed-build.log")));

        assertEquals(served, storage.readPointer(layout.cubesPointer()).orElseThrow());
        assertTrue(java.util.Arrays.equals(manifest, Files.readAllBytes(cubesRoot().resolve("versions").resolve(served).resolve(CubeManifest.FILE_NAME))));
        assertFalse(Files.exists(leftover.resolve(CubeManifest.FILE_NAME)));

        BuildReport next = new CubeBuildJob(SparkTestSession.get(), storage, CATALOG)
                .run(new BuildOptions(layout, null, List.of("households"), 5));
        assertTrue(next.removedVersions().contains(leftover.getFileName().toString()), next.removedVersions().toString());
        assertFalse(Files.exists(leftover));
        assertEquals(next.manifest().versionId(), storage.readPointer(layout.cubesPointer()).orElseThrow());
        assertEquals(CATALOG.names().size(), next.manifest().cubes().size());
        assertEquals(currentSnapshot, next.manifest().snapshotId());
    }

    private static boolean containsParquet(Path folder) throws Exception
    {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".parquet"));
        }
    }

    private static DirectCounts counts()
    {
        String snapshot = incremental.manifest().snapshotId();
        return new DirectCounts(SparkTestSession.get(), Path.of(layout.snapshot(snapshot)), Path.of(layout.quarantine(snapshot), "records"),
                AdminCatalogue.kontum(), START, END, END);
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b)
    {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return new ArrayList<>(keys);
    }

    private static int cuboids(String cube)
    {
        return CATALOG.find(cube).orElseThrow().cuboids().size();
    }

    /** The population by commune at {@code refDate}, summed from the smallest stored cuboid of the stock that has the commune. */
    private static Map<String, Long> communeTotals(Map<String, List<Long>> stockCells, LocalDate refDate)
    {
        Map<String, Long> totals = new TreeMap<>();
        String prefix = "commune|" + refDate + "|";
        PublishedCells.summedTo(stockCells, CATALOG.find("population_stock").orElseThrow(), List.of("commune")).forEach((cell, measures) -> {
            if (cell.startsWith(prefix)) {
                totals.put(cell.substring(prefix.length()), measures.get(0));
            }
        });
        return totals;
    }

    private static Map<String, Long> rollUp(Map<String, Long> byCommune, java.util.function.Function<String, String> unit)
    {
        Map<String, Long> totals = new TreeMap<>();
        byCommune.forEach((commune, count) -> totals.merge(unit.apply(commune), count, Long::sum));
        return totals;
    }

    private static String ancestor(AdminCatalogue catalogue, String commune, UnitLevel level, LocalDate date)
    {
        AdminUnit unit = catalogue.commune(commune, date).orElseThrow(() -> new AssertionError(commune + " is not a commune on " + date));
        return catalogue.ancestor(unit, level, date).map(AdminUnit::code).orElseThrow();
    }
}
