package vn.dancu.engine.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.engine.storage.Storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegisterReaderTest
{
    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());

    @TempDir
    Path folder;

    private List<String> read(RegisterTable table)
    {
        return new RegisterReader(spark).read(RegisterFile.find(storage, folder.toString(), table))
                .orderBy("source_file", "line_number").collectAsList().stream()
                .map(row -> row.getString(0) + ":" + row.getLong(1) + " " + row.getAs("record_id"))
                .toList();
    }

    @Test
    void numbersParquetRowsFromOneInEveryPartFile() throws IOException
    {
        List<RegisterFixture.Record> events = RegisterFixture.representable(RegisterFixture.events(), RawRegisterSchemas.EVENTS);
        Files.createDirectories(folder.resolve("events"));
        RegisterFixture.write(spark, folder.resolve("events/part-00000.parquet"), RegisterFile.Format.PARQUET, RawRegisterSchemas.EVENTS,
                events.subList(0, 3));
        RegisterFixture.write(spark, folder.resolve("events/part-00001.parquet"), RegisterFile.Format.PARQUET, RawRegisterSchemas.EVENTS,
                events.subList(3, 5));

        assertEquals(List.of("events/part-00000.parquet:1 E01", "events/part-00000.parquet:2 E02", "events/part-00000.parquet:3 E03",
                "events/part-00001.parquet:1 E04", "events/part-00001.parquet:2 E05"), read(RegisterTable.EVENTS));
    }

    @Test
    void numbersCsvLinesAfterTheHeaderAndJsonLinesFromOne() throws IOException
    {
        List<RegisterFixture.Record> persons = RegisterFixture.persons().subList(0, 3);
        RegisterFixture.write(spark, folder.resolve("persons.csv"), RegisterFile.Format.CSV, RawRegisterSchemas.PERSONS, persons);
        RegisterFixture.write(spark, folder.resolve("events.jsonl"), RegisterFile.Format.JSONL, RawRegisterSchemas.EVENTS,
                RegisterFixture.events().subList(0, 2));

        assertEquals(List.of("persons.csv:2 P01", "persons.csv:3 P02", "persons.csv:4 P03"), read(RegisterTable.PERSONS));
        assertEquals(List.of("events.jsonl:1 E01", "events.jsonl:2 E02"), read(RegisterTable.EVENTS));
    }
}
