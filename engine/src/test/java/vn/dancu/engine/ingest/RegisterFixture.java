package vn.dancu.engine.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small hand-made register extract of the Kon Rẫy area (extract date 30/09/2025), with one record for every rule
 * and valid records of every kind, written as CSV, JSON Lines or Parquet.
 */
final class RegisterFixture
{
    static final String EXTRACT_DATE = "2025-09-30";
    /**
     * The plausibility limits for this fixture: a record for every rule leaves only 9 of 25 person records and 6 of 17
     * event records accepted, below the default floor of 40 %, so the floor is lowered to 30 %.
     */
    static final PlausibilityLimits LIMITS = new PlausibilityLimits(30, PlausibilityLimits.DEFAULT_MAX_ACCEPTED_SHARE_DROP,
            PlausibilityLimits.DEFAULT_MAX_POPULATION_CHANGE, PlausibilityLimits.DEFAULT_MAX_COMMUNE_CHANGE,
            PlausibilityLimits.DEFAULT_COMMUNE_CHANGE_FLOOR, false);

    /** A record: its values in declared column order, or (for a line no format can parse) the bytes of the line. */
    record Record(String recordId, String[] values, byte[] brokenLine, String expectedReason)
    {
        boolean broken()
        {
            return brokenLine != null;
        }

        /** A Parquet file can hold it: no broken line, every date a real date. */
        boolean representableInParquet(StructType schema)
        {
            if (broken()) {
                return false;
            }
            for (int i = 0; i < values.length; i++) {
                if (schema.fields()[i].dataType().equals(DataTypes.DateType) && values[i] != null) {
                    try {
                        LocalDate.parse(values[i]);
                    }
                    catch (java.time.format.DateTimeParseException e) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private RegisterFixture() {}

    private static Record person(String expectedReason, String... values)
    {
        return new Record(values[0], values, null, expectedReason);
    }

    private static Record broken(String recordId, byte[] line)
    {
        return new Record(recordId, null, line, "MALFORMED_LINE");
    }

    static String nfd(String text)
    {
        return Normalizer.normalize(text, Normalizer.Form.NFD);
    }

    //   record_id, person_key, id_number, full_name, birth_date, sex, ethnicity_code, religion, commune_code,
    //   former_commune_code, household_id, relation_to_head, residence_status, chip_card_issue_date, vneid_level,
    //   vneid_activation_date
    static List<Record> persons()
    {
        return List.of(
                person(null, "P01", "K01", "062090001001", "Nguyễn Văn An", "1990-05-12", "Nam", "01", "Không", "23479", "23491", "H001", "Chủ hộ", "Thường trú", "2021-06-01", "2", "2023-01-10"),
                person(null, "P02", "K02", "062192001002", "Y Bích", "1992-07-01", "Nữ", "13", null, "23479", "23491", "H001", "Vợ/chồng", "Thường trú", null, "1", "2024-02-02"),
                person(null, "P03", "K03", "062221001003", "A Cường", "2021-03-04", "Nam", "13", null, "23479", "23491", "H001", "Con", "Thường trú", null, "0", null),
                person(null, "P04", "K04", "062040001004", "A Dũng", "1940-01-01", "Nam", "14", "Công giáo", "23488", null, "H002", "Chủ hộ", "Đã chết", null, "0", null),
                person(null, "P05", "K05", "062185001005", "Trần Thị Em", "1985-11-20", "Nữ", "01", "Phật giáo", "23482", null, "H003", "Chủ hộ", "Đã chuyển đi", "2021-05-05", "1", "2022-01-01"),
                person(null, "P06", "K06", "051200001006", "Lê Văn Giang", "2000-02-29", "Nam", "01", "Không", "23485", "23485", "H004", "Chủ hộ", "Tạm trú", "2022-09-01", "2", "2023-03-03"),
                person(null, "P07", "K07", "062170001007", "Y Hoa", "1970-06-15", "Nữ", "14", "Công giáo", "23497", "23491", "H005", "Chủ hộ", "Thường trú", "2021-07-07", "0", null),
                person(null, "P08", "K08", "062195001008", "Đinh Thị Khánh", "1995-08-08", "  " + nfd("Nữ"), "01", nfd("Phật giáo") + " ", " 23497", "23494 ", "H005", nfd("Con"), " " + nfd("Thường trú") + " ", null, "1", "2024-04-04"),
                person("ID_NOT_12_DIGITS", "P09", "K09", "62195001009", "Mất Số Không", "1995-01-01", "Nữ", "01", null, "23479", "23491", "H006", "Chủ hộ", "Thường trú", null, "0", null),
                person("ID_PROVINCE_UNKNOWN", "P10", "K10", "999195001010", "Tỉnh Lạ", "1995-01-01", "Nữ", "01", null, "23479", "23491", "H007", "Chủ hộ", "Thường trú", null, "0", null),
                person("ID_CENTURY_SEX_MISMATCH", "P11", "K11", "062180001011", "Giới Sai", "1980-01-01", "Nam", "01", null, "23479", "23491", "H008", "Chủ hộ", "Thường trú", null, "0", null),
                person("ID_BIRTH_YEAR_MISMATCH", "P12", "K12", "062081001012", "Năm Sai", "1980-01-01", "Nam", "01", null, "23479", "23491", "H009", "Chủ hộ", "Thường trú", null, "0", null),
                person("DATE_UNPARSEABLE", "P13", "K13", "062087001013", "Ngày Sai", "1987-02-30", "Nam", "01", null, "23479", "23491", "H010", "Chủ hộ", "Thường trú", null, "0", null),
                person("BIRTH_DATE_IN_FUTURE", "P14", "K14", "062226001014", "Sinh Sau", "2026-01-01", "Nam", "01", null, "23479", null, "H011", "Con", "Thường trú", null, "0", null),
                person("BIRTH_DATE_BEFORE_1900", "P15", "K15", "062099001015", "Cụ Già", "1899-12-31", "Nam", "01", null, "23479", "23491", "H012", "Chủ hộ", "Thường trú", null, "0", null),
                person("REQUIRED_FIELD_MISSING", "P16", "K16", "062090001016", "Thiếu Ngày", null, "Nam", "01", null, "23479", "23491", "H013", "Chủ hộ", "Thường trú", null, "0", null),
                person("SEX_UNKNOWN", "P17", "K17", "062090001017", "Giới Lạ", "1990-01-01", "X", "01", null, "23479", "23491", "H014", "Chủ hộ", "Thường trú", null, "0", null),
                person("COMMUNE_UNKNOWN", "P18", "K18", "062090001018", "Xã Cũ", "1990-01-01", "Nam", "01", null, "23482", null, "H015", "Chủ hộ", "Thường trú", null, "0", null),
                person("COMMUNE_UNKNOWN", "P19", "K19", "062090001019", "Xã Ngoài", "1990-01-01", "Nam", "01", null, "23479", "23281", "H016", "Chủ hộ", "Thường trú", null, "0", null),
                person("ETHNICITY_UNKNOWN", "P20", "K20", "062090001020", "Dân Tộc Lạ", "1990-01-01", "Nam", "55", null, "23479", "23491", "H017", "Chủ hộ", "Thường trú", null, "0", null),
                person("VALUE_NOT_IN_LIST", "P21", "K21", "062090001021", "Tạm Vắng", "1990-01-01", "Nam", "01", null, "23479", "23491", "H018", "Chủ hộ", "Tạm vắng", null, "0", null),
                person("DUPLICATE_PERSON", "P22", "K01", "062090001001", "Nguyễn Văn An", "1990-05-12", "Nam", "01", "Không", "23479", "23491", "H001", "Chủ hộ", "Thường trú", "2021-06-01", "2", "2023-01-10"),
                broken("P23", "P23;K23;062090001023;Sai Dấu;1990-01-01;Nam;01;;23479;23491;H019;Chủ hộ;Thường trú;;0;".getBytes(StandardCharsets.UTF_8)),
                broken("P24", invalidUtf8("P24,K24,062090001024,Sai M", ",1990-01-01,Nam,01,,23479,23491,H020,Chủ hộ,Thường trú,,0,")),
                person(null, "P25", "K25", "062155001025", "Người Đã Mất", "1955-04-04", "Nữ", "01", null, "23485", "23482", "H021", "Chủ hộ", "Thường trú", "2021-08-08", "0", null));
    }

    //   record_id, event_type, event_date, id_number, commune_code, from_commune_code, mother_id_number, other_place, registered_date
    static List<Record> events()
    {
        return List.of(
                person(null, "E01", "BIRTH", "2021-03-04", "062221001003", "23479", null, "062192001002", null, "2021-03-10"),
                person(null, "E02", "DEATH", "2023-02-10", "062040001004", "23488", null, null, null, "2023-02-12"),
                person(null, "E03", "MOVE_OUT", "2024-04-01", "062185001005", "23482", null, null, "079", "2024-04-02"),
                person(null, "E04", "MOVE_IN", "2022-08-15", "051200001006", "23485", null, null, "051", "2022-08-16"),
                person(null, "E05", " MOVE_WITHIN ", "2025-08-01", "062170001007", "23497", "23479", null, null, "2025-08-02"),
                person("EVENT_TYPE_UNKNOWN", "E06", "MARRIAGE", "2023-05-05", "062090001001", "23479", null, null, null, "2023-05-05"),
                person("EVENT_PERSON_UNKNOWN", "E07", "DEATH", "2024-05-05", "062150009999", "23479", null, null, null, "2024-05-06"),
                person("EVENT_PERSON_REJECTED", "E08", "MOVE_WITHIN", "2022-01-01", "062180001011", "23479", "23491", null, null, "2022-01-02"),
                person("EVENT_BEFORE_BIRTH", "E09", "MOVE_WITHIN", "2020-12-01", "062221001003", "23482", "23479", null, null, "2020-12-02"),
                person("EVENT_AFTER_DEATH", "E10", "MOVE_WITHIN", "2024-01-01", "062040001004", "23491", "23488", null, null, "2024-01-02"),
                person("EVENT_COMMUNE_UNKNOWN", "E11", "MOVE_WITHIN", "2025-09-01", "062090001001", "23482", "23479", null, null, "2025-09-02"),
                person("DUPLICATE_EVENT", "E12", "DEATH", "2023-02-10", "062040001004", "23488", null, null, null, "2023-02-12"),
                person("DUPLICATE_EVENT", "E13", "BIRTH", "2021-03-05", "062221001003", "23479", null, "062192001002", null, "2021-03-10"),
                person("DATE_UNPARSEABLE", "E14", "MOVE_WITHIN", "2023-13-01", "062192001002", "23479", "23491", null, null, "2023-12-02"),
                person("REQUIRED_FIELD_MISSING", "E15", "MOVE_WITHIN", "2024-01-01", "062192001002", "23479", null, null, null, "2024-01-02"),
                broken("E16", "E16,MOVE_W".getBytes(StandardCharsets.UTF_8)),
                person(null, "E17", "DEATH", "2025-08-20", "062155001025", "23485", null, null, null, "2025-08-21"));
    }

    private static byte[] invalidUtf8(String before, String after)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC3);
        bytes.write(0x28);
        bytes.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** Writes {@code extract.json}, persons and events in {@code format} to {@code folder}. */
    static void write(SparkSession spark, Path folder, RegisterFile.Format format, List<Record> persons, List<Record> events,
            boolean declareRecords)
    {
        try {
            Files.createDirectories(folder);
            String personsFile = "persons." + format.extension();
            String eventsFile = "events." + format.extension();
            write(spark, folder.resolve(personsFile), format, RawRegisterSchemas.PERSONS, persons);
            write(spark, folder.resolve(eventsFile), format, RawRegisterSchemas.EVENTS, events);
            ObjectNode extract = new ObjectMapper().createObjectNode()
                    .put("extractId", "konray-test-" + EXTRACT_DATE)
                    .put("extractDate", EXTRACT_DATE)
                    .put("periodStart", "2020-10-01")
                    .put("periodEnd", EXTRACT_DATE)
                    .put("area", "konray");
            if (declareRecords) {
                ArrayNode files = extract.putArray("files");
                files.addObject().put("path", personsFile).put("content", "persons").put("records", persons.size());
                files.addObject().put("path", eventsFile).put("content", "events").put("records", events.size());
            }
            Files.writeString(folder.resolve("extract.json"), extract.toPrettyString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(SparkSession spark, Path file, RegisterFile.Format format, StructType schema, List<Record> records) throws IOException
    {
        switch (format) {
            case CSV -> Files.write(file, csv(schema, records));
            case JSONL -> Files.write(file, jsonLines(schema, records));
            case PARQUET -> parquet(spark, file, schema, records);
        }
    }

    static byte[] csv(StructType schema, List<Record> records)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((String.join(",", schema.fieldNames()) + "\n").getBytes(StandardCharsets.UTF_8));
        for (Record record : records) {
            if (record.broken()) {
                out.writeBytes(record.brokenLine());
            }
            else {
                out.writeBytes(String.join(",", Arrays.stream(record.values()).map(RegisterFixture::csvField).toList())
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static String csvField(String value)
    {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.startsWith(" ") || value.endsWith(" ")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    static byte[] jsonLines(StructType schema, List<Record> records)
    {
        ObjectMapper json = new ObjectMapper();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Record record : records) {
            if (record.broken()) {
                out.writeBytes(record.brokenLine());
            }
            else {
                ObjectNode node = json.createObjectNode();
                for (int i = 0; i < record.values().length; i++) {
                    StructField field = schema.fields()[i];
                    String value = record.values()[i];
                    if (value == null) {
                        node.putNull(field.name());
                    }
                    else if (field.dataType().equals(DataTypes.IntegerType)) {
                        node.put(field.name(), Integer.parseInt(value));
                    }
                    else {
                        node.put(field.name(), value);
                    }
                }
                out.writeBytes(node.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void parquet(SparkSession spark, Path file, StructType schema, List<Record> records) throws IOException
    {
        List<Row> rows = new ArrayList<>();
        for (Record record : records) {
            if (!record.representableInParquet(schema)) {
                throw new IllegalArgumentException("record " + record.recordId() + " cannot be written as Parquet");
            }
            Object[] values = new Object[record.values().length];
            for (int i = 0; i < values.length; i++) {
                String value = record.values()[i];
                var type = schema.fields()[i].dataType();
                values[i] = value == null ? null
                        : type.equals(DataTypes.DateType) ? java.sql.Date.valueOf(value)
                        : type.equals(DataTypes.IntegerType) ? Integer.valueOf(value)
                        : value;
            }
            rows.add(RowFactory.create(values));
        }
        Path temporary = Files.createTempDirectory("fixture-parquet");
        Path output = temporary.resolve("out");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(output.toString());
        try (Stream<Path> files = Files.list(output)) {
            Path part = files.filter(path -> path.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.move(part, file);
        }
    }

    /** The records of a list that every format can hold. */
    static List<Record> representable(List<Record> records, StructType schema)
    {
        return records.stream().filter(record -> record.representableInParquet(schema)).toList();
    }
}
