package vn.dancu.engine.ingest;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.engine.storage.Storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputInspectionTest
{
    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    private final InputInspection inspection = new InputInspection(storage, spark.sparkContext().hadoopConfiguration());

    @TempDir
    Path folder;

    private InputFacts inspect(String name, byte[] content) throws IOException
    {
        Files.write(folder.resolve(name), content);
        RegisterTable table = name.startsWith("persons") ? RegisterTable.PERSONS : RegisterTable.EVENTS;
        return inspection.inspect(RegisterFile.find(storage, folder.toString(), table)).get(0);
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void countsLinesEndedByLfCrLfOrCrAndALastLineWithoutNewline() throws IOException
    {
        assertEquals(4, inspect("events.jsonl", bytes("{}\n{}\r\n{}\r{}")).records());
    }

    @Test
    void countsEmptyLinesAsRecordsSoTheyAreQuarantinedNotLost() throws IOException
    {
        assertEquals(3, inspect("events.jsonl", bytes("{}\n\n{}\n")).records());
    }

    @Test
    void csvRecordsAreTheLinesAfterTheHeaderAndAByteOrderMarkIsAllowed() throws IOException
    {
        String header = String.join(",", RawRegisterSchemas.EVENTS.fieldNames());
        byte[] withBom = bytes("\uFEFF" + header + "\r\nE1,BIRTH\r\nE2,DEATH\r\n");
        InputFacts facts = inspect("events.csv", withBom);
        assertEquals(2, facts.records());
        assertEquals(withBom.length, facts.bytes());
        assertEquals(64, facts.sha256().length());
        assertEquals("events.csv", facts.file());
    }

    @Test
    void csvWithAnotherHeaderStopsTheRunNamingTheFile() throws IOException
    {
        IngestFailure failure = assertThrows(IngestFailure.class, () -> inspect("events.csv", bytes("record_id;event_type\nE1;BIRTH\n")));
        assertEquals("events.csv: the header row is not the declared one; expected record_id,event_type,event_date,id_number,"
                + "commune_code,from_commune_code,mother_id_number,other_place,registered_date but found record_id;event_type",
                failure.getMessage());
    }

    @Test
    void emptyCsvStopsTheRun() throws IOException
    {
        IngestFailure failure = assertThrows(IngestFailure.class, () -> inspect("persons.csv", new byte[0]));
        assertEquals("persons.csv is empty: a CSV extract starts with a header row", failure.getMessage());
    }

    @Test
    void parquetCutInHalfStopsTheRunNamingTheFile() throws IOException
    {
        Path whole = folder.resolve("whole");
        Files.createDirectories(whole);
        RegisterFixture.write(spark, whole.resolve("persons.parquet"), RegisterFile.Format.PARQUET, RawRegisterSchemas.PERSONS,
                RegisterFixture.representable(RegisterFixture.persons(), RawRegisterSchemas.PERSONS));
        byte[] content = Files.readAllBytes(whole.resolve("persons.parquet"));
        IngestFailure failure = assertThrows(IngestFailure.class,
                () -> inspect("persons.parquet", Arrays.copyOf(content, content.length / 2)));
        assertTrue(failure.getMessage().startsWith("persons.parquet is not a readable Parquet file (truncated or corrupt): "), failure.getMessage());
    }

    @Test
    void parquetWithoutADeclaredColumnOrWithAnotherTypeStopsTheRun() throws IOException
    {
        Path written = folder.resolve("written");
        spark.sql("select 'E1' as record_id, 'BIRTH' as event_type, '2020-01-01' as event_date").coalesce(1).write().parquet(written.toString());
        Path part;
        try (var files = Files.list(written)) {
            part = files.filter(path -> path.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        IngestFailure failure = assertThrows(IngestFailure.class, () -> inspect("events.parquet", Files.readAllBytes(part)));
        assertEquals("events.parquet does not have the declared columns: column event_date is BINARY (STRING), declared INT32 (DATE);"
                + " column id_number is missing; column commune_code is missing; column from_commune_code is missing;"
                + " column mother_id_number is missing; column other_place is missing; column registered_date is missing",
                failure.getMessage());
    }

    @Test
    void findsPartFilesInAFolderAndNamesThemRelativeToTheExtract() throws IOException
    {
        Files.createDirectories(folder.resolve("events"));
        Files.write(folder.resolve("events/part-00001.jsonl"), bytes("{}\n"));
        Files.write(folder.resolve("events/part-00000.jsonl"), bytes("{}\n{}\n"));
        Files.write(folder.resolve("events/_SUCCESS"), new byte[0]);
        List<InputFacts> facts = inspection.inspect(RegisterFile.find(storage, folder.toString(), RegisterTable.EVENTS));
        assertEquals(List.of("events/part-00000.jsonl 2", "events/part-00001.jsonl 1"),
                facts.stream().map(file -> file.file() + " " + file.records()).toList());
    }

    @Test
    void twoCandidateFilesForOneTableStopTheRun() throws IOException
    {
        Files.write(folder.resolve("events.csv"), bytes(""));
        Files.write(folder.resolve("events.jsonl"), bytes(""));
        IngestFailure failure = assertThrows(IngestFailure.class, () -> RegisterFile.find(storage, folder.toString(), RegisterTable.EVENTS));
        assertEquals(folder + " holds more than one events table (events.csv, events.jsonl); keep exactly one", failure.getMessage());
    }
}
