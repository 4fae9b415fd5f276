package vn.dancu.engine.cube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
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
import vn.dancu.engine.ingest.CuratedSchemas;
import vn.dancu.engine.ingest.IngestJob;
import vn.dancu.engine.ingest.IngestOptions;
import vn.dancu.engine.ingest.IngestReport;
import vn.dancu.engine.ingest.IngestResult;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionKind;
import vn.dancu.model.publish.DataLayout;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline on a messy register: CSV with every fault kind ({@code --bad-rate 0.02}), the generator's own
 * imperfections, and more of those a real register has, written into the extract here: the dead and the moved out
 * still marked resident, and persons marked dead or moved out whose events never say so. Ingest and a full build must
 * succeed, every cell of every cube must equal a count made apart from Spark, no cube may hold a commune that does not
 * exist on its reference date, and the population and the households at the extract date must agree with the
 * generator's own count of residents.
 */
class MessyRegisterBuildTest
{
    private static final LocalDate START = LocalDate.of(2024, 11, 1);
    private static final LocalDate END = LocalDate.of(2026, 10, 31);
    private static final byte[] KEY = "a test key that is long enough".getBytes(StandardCharsets.UTF_8);
    private static final CubeCatalog CATALOG = CubeCatalog.builtIn();
    private static final int STATUS = 12;

    private static Path root;
    private static DataLayout layout;
    private static IngestResult ingest;
    private static BuildReport build;
    /** The steps the two runs reported as they ended: "name done/total". */
    private static final List<String> ingestSteps = new ArrayList<>();
    private static final List<String> buildSteps = new ArrayList<>();
    /** What was written into the extract: dead and moved-out persons marked resident, and exits without an event. */
    private static int deadMarkedResident;
    private static int movedOutMarkedResident;
    private static int exitWithoutEvent;

    @BeforeAll
    static void generateSpoilIngestAndBuild() throws Exception
    {
        SparkSession spark = SparkTestSession.get();
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        root = Files.createTempDirectory("dancu-messy-");
        Path raw = root.resolve("raw");
        RegisterGenerator.generate(new GeneratorOptions(raw, Area.konray(), 2000L, 23, START, END, RegisterFormat.CSV, 0.02));
        spoil(raw);
        layout = new DataLayout(root.resolve("data").toString());
        ingest = new IngestJob(spark, storage, (step, done, total, seconds) -> ingestSteps.add(step + " " + done + "/" + total))
                .run(new IngestOptions(layout, raw.toString(), KEY));
        build = new CubeBuildJob(spark, storage, CATALOG).run(new BuildOptions(layout, null, List.of(), 5, true),
                (step, done, total, seconds) -> buildSteps.add(step + " " + done + "/" + total));
    }

    @AfterAll
    static void deleteFolder() throws IOException
    {
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /**
     * Rewrites the residence status of some persons, in place (the lines and their numbers stay, so faults.csv still
     * holds): five of the dead and five of the moved out marked resident again, three residents without events marked
     * dead or moved out. Only lines without quotes and without an injected fault are changed.
     */
    private static void spoil(Path raw) throws IOException
    {
        Set<Long> faultyLines = new HashSet<>();
        for (CSVRecord fault : csv(raw.resolve("faults.csv"))) {
            if (fault.get("file").equals("persons.csv")) {
                faultyLines.add(Long.parseLong(fault.get("line_number")));
            }
        }
        Set<String> withEvents = new HashSet<>();
        for (String line : Files.readAllLines(raw.resolve("events.csv"), StandardCharsets.UTF_8)) {
            // any ID number on an event line, damaged lines included (fields 3 and 6: the person and the mother)
            String[] fields = line.replace("\"", "").split("[,;]", -1);
            for (String field : fields) {
                if (field.strip().matches("[0-9]{11,12}")) {
                    withEvents.add(field.strip());
                }
            }
        }
        List<String> lines = Files.readAllLines(raw.resolve("persons.csv"), StandardCharsets.UTF_8);
        Map<String, Integer> occurrences = new HashMap<>();
        for (String line : lines) {
            occurrences.merge(line.split(",", -1).length > 2 ? line.split(",", -1)[2] : "", 1, Integer::sum);
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",", -1);
            if (lines.get(i).contains("\"") || fields.length != 16 || faultyLines.contains(i + 1L) || occurrences.get(fields[2]) != 1) {
                continue;
            }
            String status = fields[STATUS];
            if (status.equals("Đã chết") && deadMarkedResident < 5 && i % 2 == 0) {
                fields[STATUS] = "Thường trú";
                deadMarkedResident++;
            }
            else if (status.equals("Đã chuyển đi") && movedOutMarkedResident < 5 && i % 2 == 0) {
                fields[STATUS] = movedOutMarkedResident % 2 == 0 ? "Tạm trú" : "Thường trú";
                movedOutMarkedResident++;
            }
            else if (status.equals("Thường trú") && !withEvents.contains(fields[2]) && exitWithoutEvent < 3 && i % 50 == 0) {
                fields[STATUS] = exitWithoutEvent == 0 ? "Đã chuyển đi" : "Đã chết";
                exitWithoutEvent++;
            }
            lines.set(i, String.join(",", fields));
        }
        assertEquals(List.of(5, 5, 3), List.of(deadMarkedResident, movedOutMarkedResident, exitWithoutEvent));
        Files.writeString(raw.resolve("persons.csv"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static List<CSVRecord> csv(Path file) throws IOException
    {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    /** The lines of a generated CSV file that ingest accepts (faults.csv does not list them as rejected), by line number. */
    private static Map<Long, Map<String, String>> acceptedLines(Path file) throws IOException
    {
        Set<Long> rejected = new HashSet<>();
        for (CSVRecord fault : csv(root.resolve("raw/faults.csv"))) {
            if (fault.get("file").equals(file.getFileName().toString()) && !fault.get("expected_reason_code").equals("NONE")) {
                rejected.add(Long.parseLong(fault.get("line_number")));
            }
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        Map<Long, Map<String, String>> accepted = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (rejected.contains(i + 1L)) {
                continue;
            }
            CSVRecord record = CSVFormat.RFC4180.parse(new java.io.StringReader(lines.get(i))).getRecords().get(0);
            Map<String, String> values = new HashMap<>();
            for (int field = 0; field < header.length; field++) {
                values.put(header[field], java.text.Normalizer.normalize(record.get(field).strip(), java.text.Normalizer.Form.NFC));
            }
            accepted.put(i + 1L, values);
        }
        return accepted;
    }

    private static DirectCounts counts()
    {
        String snapshot = ingest.snapshotId();
        return new DirectCounts(SparkTestSession.get(), Path.of(layout.snapshot(snapshot)), Path.of(layout.quarantine(snapshot), "records"),
                AdminCatalogue.kontum(), START, END, END);
    }

    @Test
    void ingestAndBuildReportEachStepAsItEndsWithItsCount()
    {
        assertEquals(List.of("persons checked 1/10", "events checked 2/10", "persons 3/10", "events 4/10", "quarantined records 5/10",
                "residence spells 6/10", "households 7/10", "quality 8/10", "reconcile 9/10", "plausibility 10/10"), ingestSteps);
        List<String> expected = new ArrayList<>(List.of("snapshot, spells, digests 1/" + (CATALOG.all().size() + 1)));
        for (int i = 0; i < CATALOG.all().size(); i++) {
            expected.add(CATALOG.all().get(i).name() + " " + (i + 2) + "/" + (CATALOG.all().size() + 1));
        }
        assertEquals(expected, buildSteps);
    }

    @Test
    void everyFileReconcilesAndEveryKindOfFaultIsQuarantined()
    {
        for (IngestReport.FileReport file : ingest.report().files()) {
            assertEquals(file.declaredRecords(), file.read(), file.file());
            assertEquals(file.read(), file.accepted() + file.quarantined(), file.file());
        }
        assertTrue(ingest.report().reasons().size() >= 15, ingest.report().reasons().toString());
    }

    @Test
    void everyCellOfEveryCubeEqualsADirectCountOverTheCuratedRecords() throws Exception
    {
        DirectCounts direct = counts();
        for (CubeDescriptor descriptor : CATALOG.all()) {
            Map<String, List<Long>> expected = DirectCounts.cells(descriptor, direct.facts(descriptor.name()));
            Map<String, List<Long>> published = PublishedCells.read(Path.of(layout.cubes()), build.manifest(), descriptor);
            List<String> differences = new ArrayList<>();
            TreeSet<String> cells = new TreeSet<>(expected.keySet());
            cells.addAll(published.keySet());
            for (String cell : cells) {
                if (!Objects.equals(expected.get(cell), published.get(cell)) && differences.size() < 10) {
                    differences.add(cell + ": direct " + expected.get(cell) + ", cube " + published.get(cell));
                }
            }
            assertEquals(List.of(), differences, descriptor.name() + " (" + expected.size() + " cells expected)");
        }
    }

    @Test
    void noCubeHoldsACommuneThatDoesNotExistOnItsReferenceDate() throws Exception
    {
        AdminCatalogue catalogue = AdminCatalogue.kontum();
        List<String> unknown = new ArrayList<>();
        for (CubeDescriptor descriptor : CATALOG.all()) {
            List<String> geography = descriptor.dimensions().stream().filter(dimension -> dimension.kind() == DimensionKind.GEOGRAPHY)
                    .map(dimension -> dimension.name()).toList();
            if (geography.isEmpty()) {
                continue;
            }
            for (String cell : PublishedCells.read(Path.of(layout.cubes()), build.manifest(), descriptor).keySet()) {
                String[] parts = cell.split("\\|", -1);
                List<String> dimensions = List.of(parts[0].split("\\."));
                LocalDate refDate = LocalDate.parse(parts[1]);
                // The projection's old communes (geography PRE2025) are the units of 30/06/2025, whatever year they are projected to.
                int units = dimensions.indexOf("geography");
                if (units >= 0 && parts[units + 2].equals("PRE2025")) {
                    refDate = LocalDate.of(2025, 6, 30);
                }
                for (int i = 0; i < dimensions.size(); i++) {
                    String code = parts[i + 2];
                    boolean commune = geography.contains(dimensions.get(i)) || dimensions.get(i).equals("otherCommune");
                    boolean areaOnly = descriptor.name().equals("data_quality") && code.isEmpty();
                    if (commune && !areaOnly && !code.equals(EventFacts.OUTSIDE) && catalogue.commune(code, refDate).isEmpty()) {
                        unknown.add(descriptor.name() + " " + cell);
                    }
                }
            }
        }
        assertEquals(List.of(), unknown.subList(0, Math.min(10, unknown.size())));
    }

    @Test
    void thePopulationAndTheHouseholdsAtTheExtractDateAreTheGeneratorsResidents() throws Exception
    {
        // The generator counts the persons resident on the last day; person faults go only to residents without events,
        // and each (but a duplicate, whose original is kept) takes its person out of the accepted records.
        JsonNode extract = new ObjectMapper().readTree(root.resolve("raw/extract.json").toFile());
        long rejectedResidents = csv(root.resolve("raw/faults.csv")).stream()
                .filter(fault -> fault.get("file").equals("persons.csv"))
                .filter(fault -> !List.of("NONE", "DUPLICATE_PERSON").contains(fault.get("expected_reason_code")))
                .count();
        long residents = extract.get("residentsAtEnd").asLong() - rejectedResidents;

        CubeDescriptor stock = CATALOG.find("population_stock").orElseThrow();
        Map<String, List<Long>> population = PublishedCells.summedTo(PublishedCells.read(Path.of(layout.cubes()), build.manifest(), stock),
                stock, List.of("commune"));
        assertEquals(residents, total(population, "commune|" + END + "|", 0));
        assertEquals(residents, ingest.report().plausibility().orElseThrow().residents());

        Map<String, List<Long>> households = PublishedCells.read(Path.of(layout.cubes()), build.manifest(), CATALOG.find("households").orElseThrow());
        long members = total(households, "commune|" + END + "|", 1);
        DirectCounts direct = counts();
        assertEquals(direct.residentsWithAHousehold(END), members);
        // Residents without a household book (an ordinary imperfection of the generator: young adults arriving alone,
        // registered at a lodging) are residents, never household members: counted from the spells, independently.
        long withoutHousehold = direct.residentsByCommune(END).values().stream().mapToLong(Long::longValue).sum()
                - direct.residentsWithAHousehold(END);
        assertTrue(withoutHousehold > 0, "the demo-like register holds residents without a household book");
        assertEquals(residents, members + withoutHousehold);
        assertEquals(direct.householdMembers().size(), total(households, "commune|" + END + "|", 0));
    }

    @Test
    void theDeadAndTheMovedOutStillMarkedResidentAreCountedInDataQualityOnly() throws Exception
    {
        // From the raw files: the records ingest accepts are those faults.csv does not list as rejected
        Map<String, String> lastEvent = new HashMap<>();
        Map<String, String> lastEventKey = new HashMap<>();
        Set<String> dead = new HashSet<>();
        for (Map<String, String> event : acceptedLines(root.resolve("raw/events.csv")).values()) {
            String id = event.get("id_number");
            String type = event.get("event_type");
            int order = type.equals("BIRTH") || type.equals("MOVE_IN") ? 0 : type.equals("MOVE_WITHIN") ? 1 : 2;
            String key = event.get("event_date") + order + event.get("record_id");
            if (type.equals("DEATH")) {
                dead.add(id);
            }
            if (lastEventKey.getOrDefault(id, "").compareTo(key) < 0) {
                lastEventKey.put(id, key);
                lastEvent.put(id, type);
            }
        }
        Map<String, Long> expected = new TreeMap<>(Map.of("DEAD_MARKED_RESIDENT", 0L, "MOVED_OUT_MARKED_RESIDENT", 0L, "EXIT_WITHOUT_EVENT", 0L));
        for (Map<String, String> person : acceptedLines(root.resolve("raw/persons.csv")).values()) {
            String id = person.get("id_number");
            String status = person.get("residence_status");
            boolean markedResident = status.equals("Thường trú") || status.equals("Tạm trú");
            boolean movedOut = !dead.contains(id) && "MOVE_OUT".equals(lastEvent.get(id));
            if (markedResident && dead.contains(id)) {
                expected.merge("DEAD_MARKED_RESIDENT", 1L, Long::sum);
            }
            if (markedResident && movedOut) {
                expected.merge("MOVED_OUT_MARKED_RESIDENT", 1L, Long::sum);
            }
            if (!markedResident && !dead.contains(id) && !movedOut) {
                expected.merge("EXIT_WITHOUT_EVENT", 1L, Long::sum);
            }
        }
        assertTrue(expected.get("DEAD_MARKED_RESIDENT") >= deadMarkedResident, expected.toString());
        assertEquals(movedOutMarkedResident, expected.get("MOVED_OUT_MARKED_RESIDENT"));
        assertEquals(exitWithoutEvent, expected.get("EXIT_WITHOUT_EVENT"));

        Map<String, Long> measured = new TreeMap<>();
        for (Row row : SparkTestSession.get().read().schema(CuratedSchemas.QUALITY_SCHEMA).parquet(layout.snapshot(ingest.snapshotId()) + "/quality")
                .where("indicator in ('DEAD_MARKED_RESIDENT', 'MOVED_OUT_MARKED_RESIDENT', 'EXIT_WITHOUT_EVENT')")
                .groupBy("indicator").sum("value").collectAsList()) {
            measured.put(row.getString(0), row.getLong(1));
        }
        assertEquals(expected, measured);
    }

    private static long total(Map<String, List<Long>> cells, String prefix, int measure)
    {
        return cells.entrySet().stream().filter(cell -> cell.getKey().startsWith(prefix)).mapToLong(cell -> cell.getValue().get(measure)).sum();
    }
}
