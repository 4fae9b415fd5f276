package vn.dancu.engine.cube;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dancu.datasets.geo.AdminCatalogue;
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
import vn.dancu.model.publish.PartitionEntry;

import java.io.File;
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
 * How {@code ./dancu build} publishes {@code population_projection} as extracts arrive, on a generated Kon Rẫy
 * register from 01/11/2023: the projection is recomputed when its jump-off year changes or when a record up to the
 * end of that year changes (a death registered late), and kept whole otherwise.
 *
 * <ol>
 * <li>extract of 30/11/2025: jump-off 31/12/2024 (the last complete year), rates of 2024;</li>
 * <li>extract of 31/01/2026 with one death of 2025 held back: jump-off 2025, recomputed;</li>
 * <li>extract of 31/01/2026 with that death: same jump-off, an input of 2025 changed, recomputed;</li>
 * <li>extract of 28/02/2026: same jump-off, nothing up to 31/12/2025 changed: kept whole, equal to a full build.</li>
 * </ol>
 */
class ProjectionBuildTest
{
    private static final LocalDate START = LocalDate.of(2023, 11, 1);
    private static final LocalDate END = LocalDate.of(2026, 2, 28);
    private static final byte[] KEY = "a test key that is long enough".getBytes(StandardCharsets.UTF_8);
    private static final CubeCatalog CATALOG = CubeCatalog.builtIn();
    private static final CubeDescriptor PROJECTION = CATALOG.find("population_projection").orElseThrow();
    private static final List<String> ONLY_PROJECTION = List.of("population_projection");

    private static Path root;
    private static DataLayout layout;
    private static YearMonth lateDeath;
    private static final List<BuildReport> builds = new ArrayList<>();
    private static BuildReport full;
    private static String lastSnapshot;

    @BeforeAll
    static void buildFourExtracts() throws Exception
    {
        SparkSession spark = SparkTestSession.get();
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        root = Files.createTempDirectory("dancu-projection-build-");
        Path latest = root.resolve("extract-2026-02");
        RegisterGenerator.generate(new GeneratorOptions(latest, Area.konray(), 2500L, 5, START, END, RegisterFormat.PARQUET, 0));
        String heldBack = null;
        for (YearMonth month = YearMonth.of(2025, 6); heldBack == null; month = month.plusMonths(1)) {
            try {
                heldBack = TruncatedExtract.deathIn(latest, month);
                lateDeath = month;
            }
            catch (IllegalStateException noDeath) {
                // try the next month
            }
        }
        Path november = root.resolve("extract-2025-11");
        Path januaryLate = root.resolve("extract-2026-01-late");
        Path january = root.resolve("extract-2026-01");
        TruncatedExtract.write(latest, november, LocalDate.of(2025, 11, 30), null);
        TruncatedExtract.write(latest, januaryLate, LocalDate.of(2026, 1, 31), heldBack);
        TruncatedExtract.write(latest, january, LocalDate.of(2026, 1, 31), null);

        layout = new DataLayout(root.resolve("data").toString());
        CubeBuildJob job = new CubeBuildJob(spark, storage, CATALOG);
        for (Path extract : List.of(november, januaryLate, january, latest)) {
            lastSnapshot = new IngestJob(spark, storage).run(new IngestOptions(layout, extract.toString(), KEY)).snapshotId();
            builds.add(job.run(new BuildOptions(layout, null, ONLY_PROJECTION, 10)));
        }
        full = job.run(new BuildOptions(layout, null, ONLY_PROJECTION, 10, true));
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

    private static BuildReport.CubeBuild projection(BuildReport report)
    {
        return report.cubes().stream().filter(build -> build.cube().equals("population_projection")).findFirst().orElseThrow();
    }

    private static List<LocalDate> refDates(BuildReport report)
    {
        return report.manifest().cube("population_projection").orElseThrow().refDates();
    }

    private static List<LocalDate> yearEnds(int first, int last)
    {
        List<LocalDate> ends = new ArrayList<>();
        for (int year = first; year <= last; year++) {
            ends.add(LocalDate.of(year, 12, 31));
        }
        return ends;
    }

    @Test
    void theFirstExtractProjectsFifteenYearsFromTheLastCompleteYear()
    {
        assertEquals("no published version", projection(builds.get(0)).reason());
        assertEquals(yearEnds(2024, 2039), refDates(builds.get(0)));
        assertEquals(PROJECTION.cuboids().size() * 16, projection(builds.get(0)).partitionsWritten());
    }

    @Test
    void aNewJumpOffYearRecomputesTheProjection()
    {
        String previous = builds.get(0).manifest().versionId();
        assertEquals("the jump-off year is 2025, version " + previous + " projected from 2024", projection(builds.get(1)).reason());
        assertEquals(START, projection(builds.get(1)).rebuiltFrom());
        assertEquals(0, projection(builds.get(1)).partitionsReused());
        assertEquals(yearEnds(2025, 2040), refDates(builds.get(1)));
    }

    @Test
    void aLateRegisteredDeathBeforeTheJumpOffRecomputesTheProjection()
    {
        String previous = builds.get(1).manifest().versionId();
        // The change is dated by the first month whose inputs differ: a residence spell is dated by its start, so the
        // month named is that of the spell the late death ends (at the latest the month of the death).
        java.util.regex.Matcher reason = java.util.regex.Pattern.compile("inputs up to the jump-off year 2025 changed in (\\d{4}-\\d{2}) since version "
                + java.util.regex.Pattern.quote(previous)).matcher(projection(builds.get(2)).reason());
        assertTrue(reason.matches(), projection(builds.get(2)).reason());
        YearMonth changed = YearMonth.parse(reason.group(1));
        assertFalse(changed.isAfter(lateDeath), changed + " after the death's month " + lateDeath);
        assertFalse(changed.isBefore(YearMonth.from(START)), changed + " before the register's start");
        assertEquals(0, projection(builds.get(2)).partitionsReused());
        assertEquals(PROJECTION.cuboids().size() * 16, projection(builds.get(2)).partitionsWritten());
    }

    @Test
    void aNewMonthAfterTheJumpOffKeepsTheProjectionWholeAndEqualToAFullBuild() throws Exception
    {
        BuildReport kept = builds.get(3);
        String previous = builds.get(2).manifest().versionId();
        assertEquals("same jump-off year 2025 and inputs as version " + previous, projection(kept).reason());
        assertEquals(0, projection(kept).partitionsWritten());
        assertEquals(PROJECTION.cuboids().size() * 16, projection(kept).partitionsReused());
        PartitionEntry partition = kept.manifest().cube("population_projection").orElseThrow().cuboid("commune.geography.scenario.sex").orElseThrow()
                .partition(LocalDate.of(2030, 12, 31)).orElseThrow();
        assertEquals("versions/" + previous + "/population_projection/cuboid=commune.geography.scenario.sex/ref_date=2030-12-31", partition.path());

        Path cubes = Path.of(layout.cubes());
        assertEquals(PublishedCells.read(cubes, full.manifest(), PROJECTION), PublishedCells.read(cubes, kept.manifest(), PROJECTION));
        assertEquals("full build requested", projection(full).reason());
    }

    /** The jump-off year's population is the register's own on 31/12/2025, in thousandths, in every scenario. */
    @Test
    void theJumpOffRowsHoldTheRegistersPopulationOnThe2025Units() throws Exception
    {
        DirectCounts direct = new DirectCounts(SparkTestSession.get(), Path.of(layout.snapshot(lastSnapshot)),
                Path.of(layout.quarantine(lastSnapshot), "records"), AdminCatalogue.kontum(), START, END, END);
        LocalDate jumpOff = LocalDate.of(2025, 12, 31);
        Map<String, List<Long>> cells = PublishedCells.read(Path.of(layout.cubes()), full.manifest(), PROJECTION);
        Map<String, List<Long>> byCommune = PublishedCells.summedTo(cells, PROJECTION, List.of("commune", "geography", "scenario"));
        for (String scenario : List.of("MEDIUM", "LOW", "HIGH", "ZERO_MIGRATION")) {
            Map<String, Long> published = new TreeMap<>();
            byCommune.forEach((cell, measures) -> {
                String[] parts = cell.split("\\|");
                if (parts[0].equals("commune.geography.scenario") && parts[1].equals(jumpOff.toString()) && parts[3].equals("2025")
                        && parts[4].equals(scenario)) {
                    published.put(parts[2], measures.get(0));
                }
            });
            Map<String, Long> expected = new TreeMap<>();
            direct.residentsByCommune(jumpOff).forEach((commune, residents) -> expected.put(commune, residents * 1000));
            assertEquals(expected, published, scenario);
            assertEquals(3, published.size(), "Đăk Rve, Đăk Kôi, Kon Braih");
        }
        assertTrue(cells.keySet().stream().anyMatch(cell -> cell.startsWith("commune.geography.scenario.sex.age|2040-12-31|")));
    }

    /**
     * The old communes (geography PRE2025) reconcile with the 2025 communes exactly: in every cuboid, year, scenario,
     * sex, age and measure, the old communes that merged into a 2025 commune add up to it to the thousandth; so at the
     * jump-off year they add up to the register's residents of their successor on 31/12/2025. Every old commune that had
     * residents on 30/06/2025 has rows.
     */
    @Test
    void theOldCommunesAddUpToTheir2025SuccessorInEveryCell() throws Exception
    {
        Map<String, String> successors = AdminCatalogue.kontum().successors();
        Map<String, List<Long>> cells = PublishedCells.read(Path.of(layout.cubes()), full.manifest(), PROJECTION);
        Map<String, long[]> units2025 = new TreeMap<>();
        Map<String, long[]> oldSummed = new TreeMap<>();
        java.util.Set<String> oldCommunes = new java.util.TreeSet<>();
        cells.forEach((cell, measures) -> {
            String[] parts = cell.split("\\|");
            boolean old = parts[3].equals("PRE2025");
            if (old) {
                oldCommunes.add(parts[2]);
                parts[2] = successors.get(parts[2]);
            }
            parts[3] = "*";
            long[] sums = (old ? oldSummed : units2025).computeIfAbsent(String.join("|", parts), key -> new long[4]);
            for (int m = 0; m < 4; m++) {
                sums[m] += measures.get(m);
            }
        });
        assertEquals(List.of("23479", "23482", "23485", "23488", "23491", "23494", "23497"), List.copyOf(oldCommunes),
                "Đắk Rve, Đắk Kôi, Đắk Tơ Lung, Đắk Ruồng, Đắk Pne, Đắk Tờ Re, Tân Lập");
        assertTrue(units2025.size() > 30_000, units2025.size() + " cells of the two stored cuboids");
        List<String> differ = new ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(units2025.keySet());
        keys.addAll(oldSummed.keySet());
        for (String key : keys) {
            long[] expected = units2025.getOrDefault(key, new long[4]);
            long[] actual = oldSummed.getOrDefault(key, new long[4]);
            if (!java.util.Arrays.equals(expected, actual)) {
                differ.add(key + ": 2025 " + java.util.Arrays.toString(expected) + ", old communes " + java.util.Arrays.toString(actual));
            }
        }
        assertEquals(List.of(), differ.subList(0, Math.min(5, differ.size())), differ.size() + " cells differ");

        DirectCounts direct = new DirectCounts(SparkTestSession.get(), Path.of(layout.snapshot(lastSnapshot)),
                Path.of(layout.quarantine(lastSnapshot), "records"), AdminCatalogue.kontum(), START, END, END);
        Map<String, Long> expected = new TreeMap<>();
        direct.residentsByCommune(LocalDate.of(2025, 12, 31)).forEach((commune, residents) -> expected.put(commune, residents * 1000));
        Map<String, Long> summed = new TreeMap<>();
        oldSummed.forEach((key, sums) -> {
            String[] parts = key.split("\\|");
            if (parts[0].equals("commune.geography.scenario.sex") && parts[1].equals("2025-12-31") && parts[4].equals("MEDIUM")) {
                summed.merge(parts[2], sums[0], Long::sum);
            }
        });
        assertEquals(expected, summed);
    }
}
