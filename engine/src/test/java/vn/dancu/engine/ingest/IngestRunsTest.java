package vn.dancu.engine.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same extract in the three formats, and what happens around a run: running again, a newer extract, and input
 * files that are cut short or corrupt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestRunsTest
{
    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    private final Map<RegisterFile.Format, Path> data = new EnumMap<>(RegisterFile.Format.class);
    private final Map<RegisterFile.Format, IngestResult> results = new EnumMap<>(RegisterFile.Format.class);

    @BeforeAll
    void ingestTheSameExtractInEveryFormat() throws IOException
    {
        for (RegisterFile.Format format : RegisterFile.Format.values()) {
            Path folder = Files.createTempDirectory("ingest-" + format.extension());
            RegisterFixture.write(spark, folder.resolve("raw"), format,
                    RegisterFixture.representable(RegisterFixture.persons(), RawRegisterSchemas.PERSONS),
                    RegisterFixture.representable(RegisterFixture.events(), RawRegisterSchemas.EVENTS), true);
            data.put(format, folder);
            results.put(format, ingest(folder, folder.resolve("raw")));
        }
    }

    private IngestResult ingest(Path folder, Path input)
    {
        return new IngestJob(spark, storage).run(new IngestOptions(new DataLayout(folder.toString()), input.toString(), IngestCsvExtractTest.KEY));
    }

    private List<String> rows(Path folder, String table, org.apache.spark.sql.types.StructType schema, String snapshotId)
    {
        return spark.read().schema(schema).parquet(folder.resolve("curated/snapshots/" + snapshotId + "/" + table).toString())
                .collectAsList().stream().map(Row::toString).sorted().toList();
    }

    private Map<String, String> reasonsByRecord(RegisterFile.Format format)
    {
        Map<String, String> reasons = new TreeMap<>();
        for (Row row : spark.read().parquet(results.get(format).quarantineFolder() + "/records").collectAsList()) {
            reasons.put(row.getAs("record_id"), row.getAs("reason_code"));
        }
        return reasons;
    }

    @Test
    void everyFormatGivesTheSameCuratedTablesAndReasons()
    {
        IngestResult csv = results.get(RegisterFile.Format.CSV);
        assertEquals(new IngestResult.FileCounts(22, 9, 13), csv.files().get("persons.csv"));
        assertEquals(new IngestResult.FileCounts(15, 6, 9), csv.files().get("events.csv"));
        for (RegisterFile.Format format : List.of(RegisterFile.Format.JSONL, RegisterFile.Format.PARQUET)) {
            IngestResult other = results.get(format);
            assertEquals(List.copyOf(csv.files().values()), List.copyOf(other.files().values()), format.name());
            assertEquals(reasonsByRecord(RegisterFile.Format.CSV), reasonsByRecord(format), format.name());
            for (String table : List.of("persons", "events", "quality")) {
                var schema = switch (table) {
                    case "persons" -> CuratedSchemas.PERSONS_SCHEMA;
                    case "events" -> CuratedSchemas.EVENTS_SCHEMA;
                    default -> CuratedSchemas.QUALITY_SCHEMA;
                };
                assertEquals(rows(data.get(RegisterFile.Format.CSV), table, schema, csv.snapshotId()),
                        rows(data.get(format), table, schema, other.snapshotId()), format + " " + table);
            }
        }
    }

    @Test
    void parquetRecordsAreNumberedByRowAndQuarantinedWithTheirValuesAsJson()
    {
        Row idTooShort = spark.read().parquet(results.get(RegisterFile.Format.PARQUET).quarantineFolder() + "/records")
                .where("record_id = 'P09'").first();
        assertEquals("persons.parquet", idTooShort.getAs("source_file"));
        assertEquals(9L, idTooShort.<Long>getAs("line_number"));
        assertEquals("{\"record_id\":\"P09\",\"person_key\":\"K09\",\"id_number\":\"62195001009\",\"full_name\":\"Mất Số Không\","
                + "\"birth_date\":\"1995-01-01\",\"sex\":\"Nữ\",\"ethnicity_code\":\"01\",\"religion\":null,\"commune_code\":\"23479\","
                + "\"former_commune_code\":\"23491\",\"household_id\":\"H006\",\"relation_to_head\":\"Chủ hộ\","
                + "\"residence_status\":\"Thường trú\",\"chip_card_issue_date\":null,\"vneid_level\":0,\"vneid_activation_date\":null}",
                idTooShort.getAs("raw"));
        Row jsonLine = spark.read().parquet(results.get(RegisterFile.Format.JSONL).quarantineFolder() + "/records")
                .where("record_id = 'P09'").first();
        assertEquals(9L, jsonLine.<Long>getAs("line_number"));
    }

    @Test
    void noNameAndNoIdNumberUnderCuratedForAParquetExtract() throws IOException
    {
        List<String> secrets = RegisterFixture.persons().stream().filter(record -> !record.broken())
                .flatMap(record -> Stream.of(record.values()[2], record.values()[3], record.values()[10])).toList();
        CuratedPrivacy.assertNoneUnderCurated(spark, data.get(RegisterFile.Format.PARQUET).resolve("curated"), secrets);
    }

    @Test
    void runningAgainOnTheSameExtractReusesItsSnapshot() throws IOException
    {
        Path folder = data.get(RegisterFile.Format.JSONL);
        IngestResult first = results.get(RegisterFile.Format.JSONL);
        IngestResult again = ingest(folder, folder.resolve("raw"));

        assertTrue(again.reused());
        assertEquals(first.snapshotId(), again.snapshotId());
        assertEquals(first.report(), again.report());
        assertEquals(first.snapshotId() + "\n", Files.readString(folder.resolve("curated/CURRENT")));
        assertEquals(List.of(first.snapshotId()), children(folder.resolve("curated/snapshots")));
        assertEquals(9L, spark.read().parquet(first.snapshotFolder() + "/persons").count());
    }

    @Test
    void aNewerExtractGetsANewSnapshotAndThePreviousStaysReadable() throws IOException
    {
        Path folder = data.get(RegisterFile.Format.CSV);
        IngestResult previous = results.get(RegisterFile.Format.CSV);
        Path newer = folder.resolve("raw-newer");
        List<RegisterFixture.Record> persons = RegisterFixture.representable(RegisterFixture.persons(), RawRegisterSchemas.PERSONS)
                .stream().filter(record -> record.expectedReason() == null).toList();
        RegisterFixture.write(spark, newer, RegisterFile.Format.CSV, persons,
                RegisterFixture.events().stream().filter(record -> record.expectedReason() == null).toList(), true);

        IngestResult next = ingest(folder, newer);

        assertFalse(next.reused());
        assertNotEquals(previous.snapshotId(), next.snapshotId());
        assertEquals(new IngestResult.FileCounts(9, 9, 0), next.files().get("persons.csv"));
        assertEquals(next.snapshotId() + "\n", Files.readString(folder.resolve("curated/CURRENT")));
        assertEquals(Stream.of(previous.snapshotId(), next.snapshotId()).sorted().toList(), children(folder.resolve("curated/snapshots")));
        assertEquals(9L, spark.read().parquet(previous.snapshotFolder() + "/persons").count());
        assertEquals(13L, spark.read().parquet(previous.quarantineFolder() + "/records").where("record_type = 'PERSON'").count());
    }

    @Test
    void aParquetFileCutInHalfStopsTheRunNamingItAndLeavesTheCurrentSnapshot() throws IOException
    {
        Path folder = data.get(RegisterFile.Format.PARQUET);
        Path cut = copyRaw(folder, "raw-cut");
        byte[] persons = Files.readAllBytes(cut.resolve("persons.parquet"));
        Files.write(cut.resolve("persons.parquet"), Arrays.copyOf(persons, persons.length / 2));
        String current = Files.readString(folder.resolve("curated/CURRENT"));
        List<String> snapshots = children(folder.resolve("curated/snapshots"));

        IngestFailure failure = assertThrows(IngestFailure.class, () -> ingest(folder, cut));

        assertTrue(failure.getMessage().startsWith("persons.parquet is not a readable Parquet file (truncated or corrupt): "), failure.getMessage());
        assertUntouched(folder, current, snapshots);
    }

    @Test
    void aParquetFileWithCorruptPagesStopsTheRunNamingIt() throws IOException
    {
        Path folder = data.get(RegisterFile.Format.PARQUET);
        Path corrupt = copyRaw(folder, "raw-corrupt");
        byte[] events = Files.readAllBytes(corrupt.resolve("events.parquet"));
        for (int i = 8; i < 40; i++) {
            events[i] = (byte) 0xA5;
        }
        Files.write(corrupt.resolve("events.parquet"), events);
        String current = Files.readString(folder.resolve("curated/CURRENT"));
        List<String> snapshots = children(folder.resolve("curated/snapshots"));

        IngestFailure failure = assertThrows(IngestFailure.class, () -> ingest(folder, corrupt));

        assertTrue(failure.getMessage().startsWith("cannot read events.parquet (corrupt or not in the declared format): "), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("; nothing was published"), failure.getMessage());
        assertUntouched(folder, current, snapshots);
    }

    @Test
    void aCsvFileCutShortOfWhatExtractJsonDeclaresStopsTheRun() throws IOException
    {
        Path folder = data.get(RegisterFile.Format.CSV);
        Path cut = copyRaw(folder, "raw-cut");
        byte[] events = Files.readAllBytes(cut.resolve("events.csv"));
        Files.write(cut.resolve("events.csv"), Arrays.copyOf(events, events.length / 2));
        String current = Files.readString(folder.resolve("curated/CURRENT"));
        List<String> snapshots = children(folder.resolve("curated/snapshots"));

        IngestFailure failure = assertThrows(IngestFailure.class, () -> ingest(folder, cut));

        assertEquals("events.csv holds 7 records but extract.json declares 15: the file is truncated or not this extract's", failure.getMessage());
        assertUntouched(folder, current, snapshots);
    }

    private static Path copyRaw(Path folder, String name) throws IOException
    {
        Path copy = folder.resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(folder.resolve("raw"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private static void assertUntouched(Path folder, String current, List<String> snapshots) throws IOException
    {
        assertEquals(current, Files.readString(folder.resolve("curated/CURRENT")));
        assertEquals(snapshots, children(folder.resolve("curated/snapshots")));
        assertTrue(children(folder.resolve("quarantine")).stream().noneMatch(name -> name.startsWith(".")), children(folder.resolve("quarantine")).toString());
    }

    private static List<String> children(Path folder) throws IOException
    {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> !name.endsWith(".crc")).sorted().toList();
        }
    }
}
