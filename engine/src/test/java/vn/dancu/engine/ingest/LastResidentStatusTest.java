package vn.dancu.engine.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.engine.cube.ResidenceSegments;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A temporary resident who moves out keeps, in the months they lived here, the status they had: the next extract says
 * only {@code Đã chuyển đi}, and the ingest carries {@code TEMPORARY} from the snapshot before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LastResidentStatusTest
{
    private static final String GIANG = "051200001006";
    private static final byte[] OTHER_KEY = "another key of at least sixteen bytes".getBytes(StandardCharsets.UTF_8);

    /** One of the fixture's six residents leaving is a drop of 16.7 %: accepted, as with {@code --accept-drop}. */
    private static final PlausibilityLimits ONE_OF_SIX_LEAVES = new PlausibilityLimits(30, PlausibilityLimits.DEFAULT_MAX_ACCEPTED_SHARE_DROP,
            PlausibilityLimits.DEFAULT_MAX_POPULATION_CHANGE, PlausibilityLimits.DEFAULT_MAX_COMMUNE_CHANGE,
            PlausibilityLimits.DEFAULT_COMMUNE_CHANGE_FLOOR, true);

    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    private Path folder;
    private IngestResult september;
    private IngestResult october;

    @BeforeAll
    void ingestSeptemberThenOctober() throws IOException
    {
        folder = Files.createTempDirectory("last-resident-status");
        List<RegisterFixture.Record> persons = RegisterFixture.persons().stream().filter(record -> record.expectedReason() == null).toList();
        List<RegisterFixture.Record> events = RegisterFixture.events().stream().filter(record -> record.expectedReason() == null).toList();
        RegisterFixture.write(spark, folder.resolve("september"), RegisterFile.Format.CSV, persons, events, true);
        september = ingest("september", IngestCsvExtractTest.KEY);

        // October: Lê Văn Giang, a temporary resident since 15/08/2022, moved out on 10/10/2025
        List<RegisterFixture.Record> octoberPersons = new ArrayList<>();
        for (RegisterFixture.Record person : persons) {
            String[] values = person.values().clone();
            if (values[2].equals(GIANG)) {
                values[12] = "Đã chuyển đi";
            }
            octoberPersons.add(new RegisterFixture.Record(person.recordId(), values, null, null));
        }
        List<RegisterFixture.Record> octoberEvents = new ArrayList<>(events);
        octoberEvents.add(new RegisterFixture.Record("E18",
                new String[] {"E18", "MOVE_OUT", "2025-10-10", GIANG, "23485", null, null, "051", "2025-10-11"}, null, null));
        Path octoberFolder = folder.resolve("october");
        RegisterFixture.write(spark, octoberFolder, RegisterFile.Format.CSV, octoberPersons, octoberEvents, true);
        ObjectNode extract = (ObjectNode) new ObjectMapper().readTree(octoberFolder.resolve("extract.json").toFile());
        extract.put("extractId", "konray-test-2025-10-31").put("extractDate", "2025-10-31").put("periodEnd", "2025-10-31");
        Files.writeString(octoberFolder.resolve("extract.json"), extract.toPrettyString());
        october = ingest("october", IngestCsvExtractTest.KEY);
    }

    private IngestResult ingest(String extract, byte[] key)
    {
        return new IngestJob(spark, storage).run(new IngestOptions(new DataLayout(folder.toString()), folder.resolve(extract).toString(), key,
                ONE_OF_SIX_LEAVES));
    }

    private Map<String, String> statuses(IngestResult result, byte[] key)
    {
        Pseudonymiser pseudonymiser = new Pseudonymiser(key);
        Map<String, String> byIdNumber = new TreeMap<>();
        List<Row> rows = spark.read().schema(CuratedSchemas.PERSONS_SCHEMA).parquet(result.snapshotFolder() + "/persons").collectAsList();
        for (String idNumber : List.of("062090001001", "062040001004", "062185001005", GIANG, "062155001025")) {
            String pid = pseudonymiser.pseudonym(idNumber);
            rows.stream().filter(row -> row.getAs("pid").equals(pid)).forEach(row ->
                    byIdNumber.put(idNumber, row.getAs("residence_status") + "/" + row.getAs(LastResidentStatus.COLUMN)));
        }
        return byIdNumber;
    }

    @Test
    void aTemporaryResidentWhoMovedOutKeepsTheTemporaryStatusOfTheSnapshotBefore() throws IOException
    {
        assertEquals(Map.of("062090001001", "PERMANENT/PERMANENT", "062040001004", "DECEASED/PERMANENT",
                "062185001005", "MOVED_OUT/PERMANENT", GIANG, "TEMPORARY/TEMPORARY", "062155001025", "PERMANENT/PERMANENT"),
                statuses(september, IngestCsvExtractTest.KEY));
        assertEquals(Map.of("062090001001", "PERMANENT/PERMANENT", "062040001004", "DECEASED/PERMANENT",
                "062185001005", "MOVED_OUT/PERMANENT", GIANG, "MOVED_OUT/TEMPORARY", "062155001025", "PERMANENT/PERMANENT"),
                statuses(october, IngestCsvExtractTest.KEY));
        String snapshotJson = Files.readString(Path.of(october.snapshotFolder(), CuratedSchemas.SNAPSHOT_JSON));
        assertTrue(snapshotJson.contains("\"lastResidentStatusFrom\" : \"" + september.snapshotId() + "\""), snapshotJson);
        assertTrue(Files.readString(Path.of(september.snapshotFolder(), CuratedSchemas.SNAPSHOT_JSON))
                .contains("\"lastResidentStatusFrom\" : null"));
    }

    @Test
    void thePopulationStockCountsHimAsATemporaryResidentUntilHeLeftAndNotAfter()
    {
        Dataset<Row> persons = spark.read().schema(CuratedSchemas.PERSONS_SCHEMA).parquet(october.snapshotFolder() + "/persons");
        Dataset<Row> spells = spark.read().schema(CuratedSchemas.RESIDENCE_SPELLS_SCHEMA).parquet(october.snapshotFolder() + "/residence_spells");
        Dataset<Row> segments = ResidenceSegments.stockSegments(ResidenceSegments.residentSpells(spells, persons));

        // his spell is cut at the 2025 reform, as every spell is
        assertEquals(List.of("23485 TEMPORARY 2022-08-15 2025-07-01", "23485 TEMPORARY 2025-07-01 2025-10-10"), segments.where(col("residence_status").equalTo(lit("TEMPORARY")))
                .collectAsList().stream()
                .map(row -> row.getAs("commune_code") + " " + row.getAs("residence_status") + " " + row.getAs(ResidenceSegments.START) + " "
                        + row.getAs(ResidenceSegments.END))
                .sorted()
                .toList());
    }

    @Test
    void theSameExtractIngestedAgainFindsTheSameBaseAndReusesItsSnapshot()
    {
        IngestResult again = ingest("october", IngestCsvExtractTest.KEY);

        assertTrue(again.reused());
        assertEquals(october.snapshotId(), again.snapshotId());
    }

    @Test
    void withAnotherKeyNoEarlierSnapshotCanBeMatchedAndTheStatusIsPermanent() throws IOException
    {
        IngestResult otherKey = ingest("october", OTHER_KEY);

        assertFalse(otherKey.reused());
        assertNotEquals(october.snapshotId(), otherKey.snapshotId());
        assertEquals("MOVED_OUT/PERMANENT", statuses(otherKey, OTHER_KEY).get(GIANG));
        assertTrue(Files.readString(Path.of(otherKey.snapshotFolder(), CuratedSchemas.SNAPSHOT_JSON)).contains("\"lastResidentStatusFrom\" : null"));
    }
}
