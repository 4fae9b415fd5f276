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
        RegisterFile register = RegisterFile.find(storage, folder.toString(), table);
        List<InputFacts> facts = new InputInspection(storage, spark.sparkContext().hadoopConfiguration()).inspect(register);
        return new RegisterReader(spark, facts).read(register)
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

    @Test
    void joinsTheLinesOfAQuotedFieldWithLineBreaksAndMarksARepeatedHeader() throws IOException
    {
        String header = String.join(",", RawRegisterSchemas.PERSONS.fieldNames());
        String text = header + "\r\n"
                + "P01,K01,062090001001,\"Nguyễn\r\nVăn An\",1990-05-12,Nam,01,Không,23479,23491,H001,Chủ hộ,Thường trú,2021-06-01,2,2023-01-10\r\n"
                + header + "\r\n"
                + "P02,K02,062192001002,\"Y \"\"Bích\"\"\",1992-07-01,Nữ,13,,23479,23491,H001,Vợ/chồng,Thường trú,,1,2024-02-02\r\n";
        Files.writeString(folder.resolve("persons.csv"), text);
        RegisterFile register = RegisterFile.find(storage, folder.toString(), RegisterTable.PERSONS);
        List<InputFacts> facts = new InputInspection(storage, spark.sparkContext().hadoopConfiguration()).inspect(register);

        List<String> rows = new RegisterReader(spark, facts).read(register).orderBy("line_number").collectAsList().stream()
                .map(row -> row.getLong(1) + " " + row.getAs("record_id") + " " + row.getAs("full_name") + " " + row.getAs("malformed"))
                .toList();

        assertEquals(List.of(new InputFacts("persons.csv", RegisterTable.PERSONS, RegisterFile.Format.CSV, text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                facts.get(0).sha256(), 3, 1, List.of(new InputFacts.LineRange(2, 3)))), facts);
        assertEquals(List.of(
                "2 P01 Nguyễn\nVăn An null",
                "4 null null " + RawRecords.REPEATED_HEADER,
                "5 P02 Y \"Bích\" null"), rows);
    }
}
