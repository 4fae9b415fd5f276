package vn.dancu.engine.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RawRecordsTest
{
    private static final StructType DECLARED = new StructType()
            .add("record_id", DataTypes.StringType)
            .add("event_date", DataTypes.DateType)
            .add("level", DataTypes.IntegerType);
    private static final String NOT_THREE_FIELDS =
            "cannot be read as 3 comma-separated fields (wrong column count, unbalanced quotes or another delimiter)";
    private static final String NOT_JSON = "is not one JSON object (truncated, single-quoted or not JSON)";

    private final SparkSession spark = SparkTestSession.get();

    private Dataset<Row> lines(byte[]... lines)
    {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            rows.add(RowFactory.create("f.txt", (long) i + 1, lines[i]));
        }
        return spark.createDataFrame(rows, RawRecords.LINES_SCHEMA);
    }

    private static byte[] text(String line)
    {
        return line.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> show(Dataset<Row> records)
    {
        assertEquals(List.of("source_file", "line_number", "raw", "malformed", "record_id", "event_date", "level"), List.of(records.columns()));
        return records.orderBy("line_number").collectAsList().stream()
                .map(row -> row.getLong(1) + " | " + row.getString(2) + " | " + row.getString(3) + " | " + row.getString(4)
                        + " | " + row.getString(5) + " | " + row.getString(6))
                .toList();
    }

    @Test
    void parsesCsvLinesAsDeclaredAndMarksEveryUnreadableLine()
    {
        List<String> records = show(RawRecords.fromCsvLines(lines(
                text("E1,2020-01-01,2"),
                text("\"E2\",\"2020-02-30\",\" 1 \""),
                text("\"E3 \"\"x\"\"\",,"),
                text("E4,2020-01-01"),
                text("E5;2020-01-01;2"),
                text("E6,\"2020-01-01,2"),
                text("E7,2020-01-01,2,extra"),
                text(""),
                new byte[] {'E', '8', ',', (byte) 0xFF, ',', '1'},
                text("\"record_id\", event_date ,level"),
                text("E9,\"a name\non two lines\",3")), DECLARED));

        assertEquals(List.of(
                "1 | E1,2020-01-01,2 | null | E1 | 2020-01-01 | 2",
                "2 | \"E2\",\"2020-02-30\",\" 1 \" | null | E2 | 2020-02-30 |  1 ",
                "3 | \"E3 \"\"x\"\"\",, | null | E3 \"x\" | null | null",
                "4 | E4,2020-01-01 | " + NOT_THREE_FIELDS + " | null | null | null",
                "5 | E5;2020-01-01;2 | " + NOT_THREE_FIELDS + " | null | null | null",
                "6 | E6,\"2020-01-01,2 | has a quote that is never closed (a quoted field may hold line breaks, but must close within 10 lines"
                        + " and give 3 fields) | null | null | null",
                "7 | E7,2020-01-01,2,extra | " + NOT_THREE_FIELDS + " | null | null | null",
                "8 |  | empty line | null | null | null",
                "9 | E8,\uFFFD,1 | line is not valid UTF-8 | null | null | null",
                "10 | \"record_id\", event_date ,level | " + RawRecords.REPEATED_HEADER + " | null | null | null",
                // a record whose quoted field holds a line break, as the reader hands it over joined
                "11 | E9,\"a name\non two lines\",3 | null | E9 | a name\non two lines | 3"), records);
    }

    @Test
    void parsesJsonLinesAsDeclaredAndMarksEveryUnreadableLine()
    {
        List<String> records = show(RawRecords.fromJsonLines(lines(
                text("{\"record_id\":\"E1\",\"event_date\":\"2020-01-01\",\"level\":2}"),
                text("{\"record_id\":\"E2\",\"level\":null,\"unknown\":true}"),
                text("{'record_id':'E3'}"),
                text("{\"record_id\":\"E4\",\"event_da"),
                text("[\"E5\"]"),
                text("{\"record_id\":\"E6\"} {\"record_id\":\"E7\"}x"),
                text("   ")), DECLARED));

        assertEquals(List.of(
                "1 | {\"record_id\":\"E1\",\"event_date\":\"2020-01-01\",\"level\":2} | null | E1 | 2020-01-01 | 2",
                "2 | {\"record_id\":\"E2\",\"level\":null,\"unknown\":true} | null | E2 | null | null",
                "3 | {'record_id':'E3'} | " + NOT_JSON + " | null | null | null",
                "4 | {\"record_id\":\"E4\",\"event_da | " + NOT_JSON + " | null | null | null",
                "5 | [\"E5\"] | " + NOT_JSON + " | null | null | null",
                "6 | {\"record_id\":\"E6\"} {\"record_id\":\"E7\"}x | " + NOT_JSON + " | null | null | null",
                "7 |     | empty line | null | null | null"), records);
    }

    @Test
    void parquetRowsKeepTheirValuesAsTextAndGiveAJsonObjectAsRawText()
    {
        StructType numbered = new StructType().add("source_file", DataTypes.StringType).add("line_number", DataTypes.LongType)
                .add("record_id", DataTypes.StringType).add("event_date", DataTypes.DateType).add("level", DataTypes.IntegerType);
        Dataset<Row> rows = spark.createDataFrame(List.of(
                RowFactory.create("e.parquet", 1L, "E1", Date.valueOf("2020-01-01"), 2),
                RowFactory.create("e.parquet", 2L, " E2", null, null)), numbered);

        Dataset<Row> records = RawRecords.fromParquetRows(rows, DECLARED);

        assertEquals(List.of("1 | null | null | E1 | 2020-01-01 | 2", "2 | null | null |  E2 | null | null"), show(records));
        assertEquals(List.of("{\"record_id\":\" E2\",\"event_date\":null,\"level\":null}",
                        "{\"record_id\":\"E1\",\"event_date\":\"2020-01-01\",\"level\":\"2\"}"),
                records.select(col(RawRecords.RAW), RawRecords.originalValues(DECLARED)).select(RawRecords.rawText())
                        .collectAsList().stream().map(row -> row.getString(0)).sorted().toList());
    }
}
