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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One ingest of the hand-made CSV extract ({@link RegisterFixture}), looked at from every side. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestCsvExtractTest
{
    static final byte[] KEY = "a test key of at least sixteen bytes".getBytes(StandardCharsets.UTF_8);

    private final SparkSession spark = SparkTestSession.get();
    private Path data;
    private IngestResult result;
    private final Pseudonymiser pseudonymiser = new Pseudonymiser(KEY);

    @BeforeAll
    void ingest() throws IOException
    {
        data = Files.createTempDirectory("ingest-csv");
        RegisterFixture.write(spark, data.resolve("raw"), RegisterFile.Format.CSV, RegisterFixture.persons(), RegisterFixture.events(), true);
        result = new IngestJob(spark, new Storage(spark.sparkContext().hadoopConfiguration()))
                .run(new IngestOptions(new DataLayout(data.toString()), data.resolve("raw").toString(), KEY, RegisterFixture.LIMITS));
    }

    @Test
    void reportsReadEqualsAcceptedPlusQuarantinedPerFile()
    {
        Map<String, IngestResult.FileCounts> files = result.files();
        assertEquals(List.of("persons.csv", "events.csv"), List.copyOf(files.keySet()));
        assertEquals(new IngestResult.FileCounts(25, 9, 16), files.get("persons.csv"));
        assertEquals(new IngestResult.FileCounts(17, 6, 11), files.get("events.csv"));
        assertFalse(result.reused());
    }

    @Test
    void quarantinesEveryBadRecordWithItsReasonAtItsPhysicalLine()
    {
        Map<String, String> expected = new TreeMap<>();
        List<RegisterFixture.Record> persons = RegisterFixture.persons();
        for (int i = 0; i < persons.size(); i++) {
            if (persons.get(i).expectedReason() != null) {
                expected.put("persons.csv:" + (i + 2), persons.get(i).expectedReason());
            }
        }
        List<RegisterFixture.Record> events = RegisterFixture.events();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).expectedReason() != null) {
                expected.put("events.csv:" + (i + 2), events.get(i).expectedReason());
            }
        }
        Map<String, String> found = new TreeMap<>();
        for (Row row : quarantine().collectAsList()) {
            found.put(row.getAs("source_file") + ":" + row.getAs("line_number"), row.getAs("reason_code"));
        }
        assertEquals(expected, found);
    }

    @Test
    void quarantineKeepsTheRawLineTheRecordTypeAndADetailNamingTheValue()
    {
        Map<String, Row> byRecord = quarantine().collectAsList().stream()
                .filter(row -> row.getAs("record_id") != null)
                .collect(Collectors.toMap(row -> row.getAs("record_id"), row -> row));
        Row duplicate = byRecord.get("P22");
        assertEquals("PERSON", duplicate.getAs("record_type"));
        assertEquals("same ID number as record P01 (persons.csv line 2), which is kept", duplicate.getAs("reason_detail"));
        assertEquals("P22,K01,062090001001,Nguyễn Văn An,1990-05-12,Nam,01,Không,23479,23491,H001,Chủ hộ,Thường trú,2021-06-01,2,2023-01-10",
                duplicate.getAs("raw"));
        assertEquals("23479", duplicate.getAs("commune_code"));
        assertEquals("ID digit 4 is 1 but a man born in 1980 has 0", byRecord.get("P11").getAs("reason_detail"));
        assertEquals("ID digits 5-6 are 81 but the birth year is 1980", byRecord.get("P12").getAs("reason_detail"));
        assertEquals("birth_date '1987-02-30' is not a date yyyy-MM-dd", byRecord.get("P13").getAs("reason_detail"));
        assertEquals("birth_date is empty", byRecord.get("P16").getAs("reason_detail"));
        assertEquals("commune_code '23482' is not a commune of the area on 2025-09-30", byRecord.get("P18").getAs("reason_detail"));
        assertEquals("former_commune_code '23281' is not a commune of the area on 2025-06-30", byRecord.get("P19").getAs("reason_detail"));
        assertEquals("residence_status 'Tạm vắng' is not one of Thường trú, Tạm trú, Đã chết, Đã chuyển đi", byRecord.get("P21").getAs("reason_detail"));
        Row afterDeath = byRecord.get("E10");
        assertEquals("EVENT", afterDeath.getAs("record_type"));
        assertEquals("event date 2024-01-01 is after the person's death on 2023-02-10", afterDeath.getAs("reason_detail"));
        assertEquals("a second BIRTH of the person; record E01 is kept", byRecord.get("E13").getAs("reason_detail"));
        assertEquals("same type, person and date as record E02, which is kept", byRecord.get("E12").getAs("reason_detail"));
        assertEquals("from_commune_code is empty (required for MOVE_WITHIN)", byRecord.get("E15").getAs("reason_detail"));

        Map<Long, Row> malformed = quarantine().where(col("reason_code").equalTo("MALFORMED_LINE")).collectAsList().stream()
                .collect(Collectors.toMap(row -> row.<Long>getAs("line_number"), row -> row));
        assertEquals("P23;K23;062090001023;Sai Dấu;1990-01-01;Nam;01;;23479;23491;H019;Chủ hộ;Thường trú;;0;", malformed.get(24L).getAs("raw"));
        assertEquals("cannot be read as 16 comma-separated fields (wrong column count, unbalanced quotes or another delimiter)",
                malformed.get(24L).getAs("reason_detail"));
        assertEquals("line is not valid UTF-8", malformed.get(25L).getAs("reason_detail"));
        assertEquals("P24,K24,062090001024,Sai M\uFFFD(,1990-01-01,Nam,01,,23479,23491,H020,Chủ hộ,Thường trú,,0,", malformed.get(25L).getAs("raw"));
        assertEquals("E16,MOVE_W", malformed.get(17L).getAs("raw"));
    }

    @Test
    void curatesAcceptedPersonsWithCanonicalCodesNormalisedTextAndPseudonyms()
    {
        List<Row> persons = curated("persons").orderBy("birth_date").collectAsList();
        assertEquals(9, persons.size());
        Row padded = persons.stream().filter(row -> row.getAs("pid").equals(pseudonymiser.pseudonym("062195001008"))).findFirst().orElseThrow();
        assertEquals("F", padded.getAs("sex"));
        assertEquals("Phật giáo", padded.getAs("religion"));
        assertTrue(java.text.Normalizer.isNormalized(padded.getAs("religion"), java.text.Normalizer.Form.NFC));
        assertEquals("CHILD", padded.getAs("relation_to_head"));
        assertEquals("PERMANENT", padded.getAs("residence_status"));
        assertEquals("23497", padded.getAs("commune_code"));
        assertEquals("23494", padded.getAs("former_commune_code"));
        assertEquals(pseudonymiser.pseudonym("H005"), padded.getAs("household_pid"));
        assertEquals("51", padded.getAs("province_code"));
        assertEquals(List.of("pid", "birth_date", "sex", "ethnicity_code", "religion", "commune_code", "former_commune_code",
                "household_pid", "relation_to_head", "residence_status", "last_resident_status", "chip_card_issue_date", "vneid_level",
                "vneid_activation_date", "province_code"), List.of(curated("persons").columns()));
        assertEquals(Map.of("PERMANENT", 6L, "TEMPORARY", 1L, "DECEASED", 1L, "MOVED_OUT", 1L), persons.stream()
                .collect(Collectors.groupingBy(row -> row.<String>getAs("residence_status"), Collectors.counting())));
        // the first extract ingested: no earlier snapshot, so the dead and the moved out were permanent residents
        assertEquals(Map.of("PERMANENT", 8L, "TEMPORARY", 1L), persons.stream()
                .collect(Collectors.groupingBy(row -> row.<String>getAs("last_resident_status"), Collectors.counting())));
    }

    @Test
    void curatesAcceptedEventsByYearWithPseudonymsOfPersonAndMother()
    {
        List<Row> events = curated("events").orderBy("event_id").collectAsList();
        assertEquals(List.of("E01", "E02", "E03", "E04", "E05", "E17"), events.stream().map(row -> row.<String>getAs("event_id")).toList());
        Row birth = events.get(0);
        assertEquals(pseudonymiser.pseudonym("062221001003"), birth.getAs("pid"));
        assertEquals(pseudonymiser.pseudonym("062192001002"), birth.getAs("mother_pid"));
        assertEquals(2021, birth.<Integer>getAs("event_year"));
        assertEquals("MOVE_WITHIN", events.get(4).getAs("event_type"));
    }

    @Test
    void measuresDataQualityPerCommune()
    {
        Map<String, Long> quality = new HashMap<>();
        for (Row row : curated("quality").collectAsList()) {
            quality.put(row.getAs("commune_code") + " " + row.getAs("indicator"), row.getAs("value"));
        }
        assertEquals(List.of("commune_code", "indicator", "value"), List.of(curated("quality").columns()));
        // 23479 (Đắk Rve before 01/07/2025, Đăk Rve since): persons P01-P03, P09-P17 and P19-P22 as given;
        // events E01, E06, E07, E08, E13 and E15 (E14 has no date, so no commune in force)
        assertEquals(16L, quality.get("23479 PERSON_RECORDS_READ"));
        assertEquals(3L, quality.get("23479 PERSONS_PASSING_ALL_RULES"));
        assertEquals(3L, quality.get("23479 PERSONS_RESIDENT"));
        assertEquals(1L, quality.get("23479 RELIGION_PRESENT"));
        assertEquals(1L, quality.get("23479 CHIP_CARD"));
        assertEquals(1L, quality.get("23479 VNEID_1"));
        assertEquals(1L, quality.get("23479 VNEID_2"));
        assertEquals(2L, quality.get("23479 DUPLICATES"));
        assertEquals(22L, quality.get("23479 RECORDS_READ"));
        assertEquals(4L, quality.get("23479 RECORDS_ACCEPTED"));
        assertEquals(18L, quality.get("23479 RECORDS_QUARANTINED"));
        // P18 (abolished commune), the two malformed person lines, E11 (move to an abolished commune), E14 (no date), E16
        assertEquals(6L, quality.get("UNKNOWN RECORDS_READ"));
        assertEquals(0L, quality.get("UNKNOWN RECORDS_ACCEPTED"));
        // P25 is marked resident but E17 records her death
        assertEquals(1L, quality.get("23485 DEAD_MARKED_RESIDENT"));
        assertEquals(2L, quality.get("23485 PERSONS_RESIDENT"));
        long read = quality.entrySet().stream().filter(e -> e.getKey().endsWith(" RECORDS_READ")).mapToLong(Map.Entry::getValue).sum();
        assertEquals(42L, read);
    }

    @Test
    void publishesTheSnapshotWithReportAndChecksums() throws IOException
    {
        assertEquals(result.snapshotId() + "\n", Files.readString(data.resolve("curated/CURRENT")));
        IngestReport report = IngestReport.fromJson(Files.readString(data.resolve("curated/snapshots/" + result.snapshotId() + "/ingest-report.json")));
        assertEquals(result.report(), report);
        assertEquals(sha256(data.resolve("raw/persons.csv")), report.files().get(0).sha256());
        assertEquals(25L, report.files().get(0).declaredRecords());
        assertEquals(Map.of("ID_NOT_12_DIGITS", 1L, "ID_PROVINCE_UNKNOWN", 1L, "ID_CENTURY_SEX_MISMATCH", 1L,
                "ID_BIRTH_YEAR_MISMATCH", 1L, "DATE_UNPARSEABLE", 1L, "BIRTH_DATE_IN_FUTURE", 1L, "BIRTH_DATE_BEFORE_1900", 1L,
                "REQUIRED_FIELD_MISSING", 1L, "SEX_UNKNOWN", 1L, "COMMUNE_UNKNOWN", 2L), Map.copyOf(report.files().get(0).reasons())
                .entrySet().stream().filter(e -> !List.of("ETHNICITY_UNKNOWN", "VALUE_NOT_IN_LIST", "DUPLICATE_PERSON", "MALFORMED_LINE").contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertEquals(2L, report.files().get(0).reasons().get("MALFORMED_LINE"));
        assertTrue(Files.readString(data.resolve("curated/snapshots/" + result.snapshotId() + "/snapshot.json"))
                .contains("\"sha256\" : \"" + sha256(data.resolve("raw/events.csv")) + "\""));
        assertTrue(Files.readString(data.resolve("quarantine/" + result.snapshotId() + "/summary.csv"))
                .contains("persons.csv,PERSON,DUPLICATE_PERSON,1,\"Trùng số định danh (giữ bản ghi đầu tiên)\",\"Duplicate ID number (first record kept)\""));
        try (var leftovers = Files.list(data.resolve("curated/snapshots"))) {
            assertEquals(List.of(result.snapshotId()), leftovers.map(path -> path.getFileName().toString()).toList());
        }
        try (var leftovers = Files.list(data.resolve("quarantine"))) {
            assertEquals(List.of(result.snapshotId()), leftovers.map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void noNameNoIdNumberAndNoHouseholdBookNumberUnderCurated() throws IOException
    {
        List<String> secrets = new java.util.ArrayList<>();
        for (RegisterFixture.Record record : RegisterFixture.persons()) {
            if (!record.broken()) {
                secrets.add(record.values()[2]);
                secrets.add(record.values()[3]);
                secrets.add(record.values()[10]);
            }
        }
        CuratedPrivacy.assertNoneUnderCurated(spark, data.resolve("curated"), secrets);
    }

    private org.apache.spark.sql.Dataset<Row> quarantine()
    {
        return spark.read().parquet(data.resolve("quarantine/" + result.snapshotId() + "/records").toString());
    }

    private org.apache.spark.sql.Dataset<Row> curated(String table)
    {
        return spark.read().schema(schemaOf(table)).parquet(data.resolve("curated/snapshots/" + result.snapshotId() + "/" + table).toString());
    }

    private static org.apache.spark.sql.types.StructType schemaOf(String table)
    {
        return switch (table) {
            case "persons" -> CuratedSchemas.PERSONS_SCHEMA;
            case "events" -> CuratedSchemas.EVENTS_SCHEMA;
            case "quality" -> CuratedSchemas.QUALITY_SCHEMA;
            default -> throw new IllegalArgumentException(table);
        };
    }

    static String sha256(Path file) throws IOException
    {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
