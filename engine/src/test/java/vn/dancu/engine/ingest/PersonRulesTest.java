package vn.dancu.engine.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.datasets.ethnic.EthnicGroup;
import vn.dancu.datasets.ethnic.EthnicGroups;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.idnumber.IdNumberRules;
import vn.dancu.datasets.idnumber.IdNumberViolation;
import vn.dancu.engine.SparkTestSession;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PersonRulesTest
{
    private static final LocalDate EXTRACT_DATE = LocalDate.of(2025, 9, 30);
    private static final StructType EXIT_DATES = new StructType().add("pid", DataTypes.StringType)
            .add("death_date", DataTypes.DateType).add("moved_out_date", DataTypes.DateType).add("left", DataTypes.BooleanType);

    private final SparkSession spark = SparkTestSession.get();
    private final Pseudonymiser pseudonymiser = new Pseudonymiser("a test key of at least sixteen bytes".getBytes());

    private RegisterReference reference()
    {
        Area area = Area.konray();
        return new RegisterReference(EXTRACT_DATE, List.copyOf(IdNumberRules.instance().provinceCodes()),
                EthnicGroups.instance().all().stream().map(EthnicGroup::code).toList(),
                CommuneValidity.of(ReferenceTables.communeCalendar(spark, area.catalogue(), area)), Reorganisation2025.LAST_DAY_BEFORE);
    }

    /** A raw record: file, line, then id_number, birth_date, sex, ethnicity, commune, former commune, status. */
    private static Row person(String file, long line, String recordId, String id, String birth, String sex, String ethnicity,
            String commune, String former, String status)
    {
        return RowFactory.create(file, line, "raw " + recordId, null, recordId, "K" + recordId, id, "Tên", birth, sex, ethnicity, null,
                commune, former, null, null, status, null, "0", null);
    }

    private Map<String, String> check(List<Row> persons, List<Row> exitDates)
    {
        StructType schema = new StructType().add("source_file", DataTypes.StringType).add("line_number", DataTypes.LongType)
                .add("raw", DataTypes.StringType).add("malformed", DataTypes.StringType);
        for (var field : RawRecords.textSchema(RawRegisterSchemas.PERSONS).fields()) {
            schema = schema.add(field);
        }
        Dataset<Row> checked = PersonRules.check(spark.createDataFrame(persons, schema), spark.createDataFrame(exitDates, EXIT_DATES),
                reference(), pseudonymiser);
        Map<String, String> reasons = new HashMap<>();
        for (Row row : checked.select("record_id", "reason_code", "reason_detail").collectAsList()) {
            reasons.put(row.getString(0), row.isNullAt(1) ? "accepted" : row.getString(1) + ": " + row.getString(2));
        }
        return reasons;
    }

    @Test
    void idNumberRulesAgreeWithTheCatalogueRulesForEveryCombination()
    {
        List<Row> rows = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        int n = 0;
        for (String province : List.of("062", "999", "001")) {
            for (int digit = 0; digit <= 5; digit++) {
                for (String yearDigits : List.of("90", "00", "25", "99")) {
                    for (String sex : List.of("Nam", "Nữ")) {
                        for (int year : List.of(1990, 1999, 2000, 2025)) {
                            String id = province + digit + yearDigits + "123456";
                            String recordId = "P" + n++;
                            LocalDate birth = LocalDate.of(year, 6, 1);
                            rows.add(person("p.csv", n, recordId, id, birth.toString(), sex, "01", "23479", null, "Thường trú"));
                            List<IdNumberViolation> violations = IdNumberRules.instance().check(id,
                                    sex.equals("Nam") ? IdNumberRules.Sex.MALE : IdNumberRules.Sex.FEMALE, birth);
                            expected.put(recordId, violations.isEmpty() ? "accepted" : switch (violations.get(0)) {
                                case NOT_12_DIGITS -> "ID_NOT_12_DIGITS";
                                case UNKNOWN_PROVINCE -> "ID_PROVINCE_UNKNOWN";
                                case CENTURY_SEX_MISMATCH -> "ID_CENTURY_SEX_MISMATCH";
                                case BIRTH_YEAR_MISMATCH -> "ID_BIRTH_YEAR_MISMATCH";
                            });
                        }
                    }
                }
            }
        }
        Map<String, String> codes = new HashMap<>();
        check(rows, List.of()).forEach((record, reason) -> codes.put(record, reason.replaceFirst(":.*", "")));
        assertEquals(expected, codes);
        assertEquals(576, codes.size());
    }

    @Test
    void theFirstBrokenRuleGivesTheReason()
    {
        Map<String, String> reasons = check(List.of(
                person("p.csv", 2, "A", "062090001001", "1990-01-01", "Nam", "99", "11111", null, "Thường trú"),
                person("p.csv", 3, "B", "062090001002", "1990-01-01", "Nam", "01", "11111", null, "Thường trú"),
                person("p.csv", 4, "C", "062090001003", "1990-01-01", "Nam", "01", "23479", "11111", "Thường trú"),
                person("p.csv", 5, "D", "062090001004", "1990-01-01", "Nam", "01", "23479", null, "Đi vắng")), List.of());

        assertEquals(Map.of(
                "A", "ETHNICITY_UNKNOWN: ethnicity code '99' is not one of the 54 groups (01-54)",
                "B", "COMMUNE_UNKNOWN: commune_code '11111' is not a commune of the area on 2025-09-30",
                "C", "COMMUNE_UNKNOWN: former_commune_code '11111' is not a commune of the area on 2025-06-30",
                "D", "VALUE_NOT_IN_LIST: residence_status 'Đi vắng' is not one of Thường trú, Tạm trú, Đã chết, Đã chuyển đi"), reasons);
    }

    @Test
    void aFinalLineBreakIsNotTakenForTheEndOfAnIdNumberOrADate()
    {
        // A value may end in a line break (a JSON Lines or Parquet string, a quoted CSV field); cleaning trims spaces,
        // not line breaks, and a pattern ending in $ still matches before a final one: such an ID number was accepted
        // and pseudonymised with its line break, so the person's events no longer found the person
        Map<String, String> reasons = check(List.of(
                person("p.csv", 2, "A", "062090001001\n", "1990-01-01", "Nam", "01", "23479", null, "Thường trú"),
                person("p.csv", 3, "B", "062090001002", "1990-01-01\n", "Nam", "01", "23479", null, "Thường trú"),
                person("p.csv", 4, "C", "062090001003", "1990-01-01", "Nam", "01", "23479", null, "Thường trú")), List.of());

        assertEquals(Map.of(
                "A", "ID_NOT_12_DIGITS: id_number has 13 characters, not 12 digits",
                "B", "DATE_UNPARSEABLE: birth_date '1990-01-01\n' is not a date yyyy-MM-dd",
                "C", "accepted"), reasons);
    }

    @Test
    void theCommuneOfTheDeadAndOfTheMovedOutEvenIfMarkedResidentIsCheckedOnTheirExitDate()
    {
        String died = "062090001001";
        String left = "062090001002";
        Map<String, String> reasons = check(List.of(
                person("p.csv", 2, "died", died, "1990-01-01", "Nam", "01", "23488", null, "Đã chết"),
                person("p.csv", 3, "left", left, "1990-01-01", "Nam", "01", "23491", null, "Đã chuyển đi"),
                person("p.csv", 4, "noEvent", "062090001003", "1990-01-01", "Nam", "01", "23488", null, "Đã chết"),
                person("p.csv", 5, "resident", "062090001004", "1990-01-01", "Nam", "01", "23488", null, "Thường trú"),
                person("p.csv", 6, "dead marked resident", "062090001005", "1990-01-01", "Nam", "01", "23488", null, "Thường trú"),
                person("p.csv", 7, "moved out marked resident", "062090001006", "1990-01-01", "Nam", "01", "23494", null, "Tạm trú"),
                person("p.csv", 8, "came back", "062090001007", "1990-01-01", "Nam", "01", "23494", null, "Thường trú")),
                List.of(RowFactory.create(pseudonymiser.pseudonym(died), Date.valueOf("2022-03-01"), null, false),
                        RowFactory.create(pseudonymiser.pseudonym("062090001005"), Date.valueOf("2024-12-31"), null, false),
                        RowFactory.create(pseudonymiser.pseudonym(left), null, Date.valueOf("2025-06-30"), true),
                        RowFactory.create(pseudonymiser.pseudonym("062090001006"), null, Date.valueOf("2024-02-01"), true),
                        RowFactory.create(pseudonymiser.pseudonym("062090001007"), null, Date.valueOf("2024-02-01"), false)));

        assertEquals(Map.of(
                "died", "accepted",
                "left", "accepted",
                "noEvent", "COMMUNE_UNKNOWN: commune_code '23488' is not a commune of the area on 2025-09-30",
                "resident", "COMMUNE_UNKNOWN: commune_code '23488' is not a commune of the area on 2025-09-30",
                "dead marked resident", "accepted",
                "moved out marked resident", "accepted",
                "came back", "COMMUNE_UNKNOWN: commune_code '23494' is not a commune of the area on 2025-09-30"), reasons);
    }

    @Test
    void ofRecordsWithOneIdNumberTheFirstValidInExtractOrderIsKept()
    {
        String id = "062090001001";
        Map<String, String> reasons = check(List.of(
                person("persons/part-00001.csv", 2, "later file", id, "1990-01-01", "Nam", "01", "23479", null, "Thường trú"),
                person("persons/part-00000.csv", 9, "invalid first", id, "1990-01-01", "Nam", "77", "23479", null, "Thường trú"),
                person("persons/part-00000.csv", 10, "kept", id, "1990-01-01", "Nam", "01", "23479", null, "Thường trú"),
                person("persons/part-00000.csv", 11, "copy", id, "1990-01-01", "Nam", "01", "23479", null, "Thường trú")), List.of());

        assertEquals(Map.of(
                "invalid first", "ETHNICITY_UNKNOWN: ethnicity code '77' is not one of the 54 groups (01-54)",
                "kept", "accepted",
                "copy", "DUPLICATE_PERSON: same ID number as record kept (persons/part-00000.csv line 10), which is kept",
                "later file", "DUPLICATE_PERSON: same ID number as record kept (persons/part-00000.csv line 10), which is kept"), reasons);
    }
}
