package vn.dancu.engine.ingest;

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
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What happens around a run: running again on the same extract, a newer extract, and input files that are cut short
 * or corrupt (the three formats are compared in {@link GeneratedRegisterIngestTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestRunsTest
{
    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    private Path folder;
    private IngestResult first;

    @BeforeAll
    void ingestAnExtract() throws IOException
    {
        folder = Files.createTempDirectory("ingest-runs");
        RegisterFixture.write(spark, folder.resolve("raw"), RegisterFile.Format.CSV, RegisterFixture.persons(), RegisterFixture.events(), true);
        first = ingest(folder.resolve("raw"));
    }

    private IngestResult ingest(Path input)
    {
        return new IngestJob(spark, storage).run(new IngestOptions(new DataLayout(folder.toString()), input.toString(), IngestCsvExtractTest.KEY,
                RegisterFixture.LIMITS));
    }

    @Test
    void runningAgainOnTheSameExtractReusesItsSnapshotAndMakesItCurrent() throws IOException
    {
        Files.writeString(folder.resolve("curated/CURRENT"), "s-another-snapshot\n");
        IngestResult again = ingest(folder.resolve("raw"));

        assertTrue(again.reused());
        assertEquals(first.snapshotId(), again.snapshotId());
        assertEquals(first.report(), again.report());
        assertEquals(first.snapshotId() + "\n", Files.readString(folder.resolve("curated/CURRENT")));
        assertTrue(children(folder.resolve("curated/snapshots")).contains(first.snapshotId()));
        assertEquals(9L, spark.read().parquet(first.snapshotFolder() + "/persons").count());
    }

    @Test
    void aNewerExtractGetsANewSnapshotAndThePreviousStaysReadable() throws IOException
    {
        Path newer = folder.resolve("raw-newer");
        RegisterFixture.write(spark, newer, RegisterFile.Format.CSV,
                RegisterFixture.persons().stream().filter(record -> record.expectedReason() == null).toList(),
                RegisterFixture.events().stream().filter(record -> record.expectedReason() == null).toList(), true);

        IngestResult next = ingest(newer);

        assertFalse(next.reused());
        assertNotEquals(first.snapshotId(), next.snapshotId());
        assertEquals(new IngestResult.FileCounts(9, 9, 0), next.files().get("persons.csv"));
        assertEquals(new IngestResult.FileCounts(6, 6, 0), next.files().get("events.csv"));
        assertEquals(next.snapshotId() + "\n", Files.readString(folder.resolve("curated/CURRENT")));
        assertTrue(children(folder.resolve("curated/snapshots")).containsAll(List.of(first.snapshotId(), next.snapshotId())));
        assertEquals(9L, spark.read().parquet(first.snapshotFolder() + "/persons").count());
        assertEquals(16L, spark.read().parquet(first.quarantineFolder() + "/records").where("record_type = 'PERSON'").count());
        assertEquals(0L, spark.read().parquet(next.quarantineFolder() + "/records").count());
    }

    @Test
    void aParquetFileCutInHalfStopsTheRunNamingItAndLeavesTheCurrentSnapshot() throws IOException
    {
        Path cut = parquetCopy("raw-cut");
        byte[] persons = Files.readAllBytes(cut.resolve("persons.parquet"));
        Files.write(cut.resolve("persons.parquet"), Arrays.copyOf(persons, persons.length / 2));
        String current = Files.readString(folder.resolve("curated/CURRENT"));
        List<String> snapshots = children(folder.resolve("curated/snapshots"));

        IngestFailure failure = assertThrows(IngestFailure.class, () -> ingest(cut));

        assertTrue(failure.getMessage().startsWith("persons.parquet is not a readable Parquet file (truncated or corrupt): "), failure.getMessage());
        assertUntouched(current, snapshots);
    }

    @Test
    void aParquetFileWithCorruptPagesStopsTheRunNamingIt() throws IOException
    {
        Path corrupt = parquetCopy("raw-corrupt");
        byte[] events = Files.readAllBytes(corrupt.resolve("events.parquet"));
        for (int i = 8; i < 40; i++) {
            events[i] = (byte) 0xA5;
        }
        Files.write(corrupt.resolve("events.parquet"), events);
        String current = Files.readString(folder.resolve("curated/CURRENT"));
        List<String> snapshots = children(folder.resolve("curated/snapshots"));

        IngestFailure failure = assertThrows(IngestFailure.class, () -> ingest(corrupt));

        assertTrue(failure.getMessage().startsWith("cannot read events.parquet (corrupt or not in the declared format): "), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("; nothing was published"), failure.getMessage());
        assertUntouched(current, snapshots);
    }

    @Test
    void aCsvFileCutShortOfWhatExtractJsonDeclaresStopsTheRun() throws IOException
    {
        Path cut = folder.resolve("raw-cut-csv");
        Files.createDirectories(cut);
        try (Stream<Path> files = Files.list(folder.resolve("raw"))) {
            for (Path file : files.toList()) {
                Files.copy(file, cut.resolve(file.getFileName()));
            }
        }
        byte[] events = Files.readAllBytes(cut.resolve("events.csv"));
        Files.write(cut.resolve("events.csv"), Arrays.copyOf(events, events.length / 2));
        String current = Files.readString(folder.resolve("curated/CURRENT"));
        List<String> snapshots = children(folder.resolve("curated/snapshots"));

        IngestFailure failure = assertThrows(IngestFailure.class, () -> ingest(cut));

        assertEquals("events.csv holds 8 records but extract.json declares 17: the file is truncated or not this extract's", failure.getMessage());
        assertUntouched(current, snapshots);
    }

    /** The fixture as a Parquet extract, in a folder of its own. */
    private Path parquetCopy(String name)
    {
        Path copy = folder.resolve(name);
        RegisterFixture.write(spark, copy, RegisterFile.Format.PARQUET,
                RegisterFixture.representable(RegisterFixture.persons(), RawRegisterSchemas.PERSONS),
                RegisterFixture.representable(RegisterFixture.events(), RawRegisterSchemas.EVENTS), true);
        return copy;
    }

    private void assertUntouched(String current, List<String> snapshots) throws IOException
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
