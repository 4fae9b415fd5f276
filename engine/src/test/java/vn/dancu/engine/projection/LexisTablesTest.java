package vn.dancu.engine.projection;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.engine.cube.SnapshotReader;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The register's records as Lexis tables by cohort age, on a few hand-made records of Kon Rẫy: Đắk Kôi (23482) and
 * Đắk Tơ Lung (23485) became Đăk Kôi (23485) on 01/07/2025; Đắk Ruồng (23488), Đắk Tờ Re (23494) and Tân Lập
 * (23497) became Kon Braih (23497).
 *
 * <ul>
 * <li>A man born 01/07/1990 lives in Đắk Kôi from 01/01/2024, in Đăk Kôi (new) from 01/07/2025 on: cohort age 34 in
 * 2024, 35 in 2025; a whole year each.</li>
 * <li>A woman born 10/03/2000 arrives in Đắk Ruồng on 01/04/2024, moves to Đắk Tờ Re on 01/10/2024 (two communes of the
 * future Kon Braih), is in Kon Braih from 01/07/2025 and leaves the area on 01/09/2025: 275 of 366 days in 2024 (cohort
 * age 24), 243 of 365 in 2025 (25).</li>
 * </ul>
 */
class LexisTablesTest
{
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final LocalDate PERIOD_END = LocalDate.of(2026, 10, 31);
    private static final StructType SEGMENTS = new StructType()
            .add("commune_code", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add("birth_date", DataTypes.DateType)
            .add("start_date", DataTypes.DateType)
            .add("end_date", DataTypes.DateType);
    private static final StructType MOVES = new StructType()
            .add("event_date", DataTypes.DateType)
            .add("commune_code", DataTypes.StringType)
            .add("flow", DataTypes.StringType)
            .add("other_commune_code", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add("birth_date", DataTypes.DateType);

    private static Date day(String text)
    {
        return text == null ? null : Date.valueOf(text);
    }

    private static Dataset<Row> segments()
    {
        return SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("23482", "M", day("1990-07-01"), day("2024-01-01"), day("2025-07-01")),
                RowFactory.create("23485", "M", day("1990-07-01"), day("2025-07-01"), null),
                RowFactory.create("23488", "F", day("2000-03-10"), day("2024-04-01"), day("2024-10-01")),
                RowFactory.create("23494", "F", day("2000-03-10"), day("2024-10-01"), day("2025-07-01")),
                RowFactory.create("23497", "F", day("2000-03-10"), day("2025-07-01"), day("2025-09-01"))), SEGMENTS);
    }

    private static Dataset<Row> moves()
    {
        return SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create(day("2024-04-01"), "23488", "IN", "OUTSIDE", "F", day("2000-03-10")),
                RowFactory.create(day("2024-10-01"), "23494", "BETWEEN_IN", "23488", "F", day("2000-03-10")),
                RowFactory.create(day("2024-10-01"), "23488", "BETWEEN_OUT", "23494", "F", day("2000-03-10")),
                RowFactory.create(day("2025-09-01"), "23497", "OUT", "OUTSIDE", "F", day("2000-03-10"))), MOVES);
    }

    private static LexisTables.Units units(UnitGeography geography)
    {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> successors = spark.createDataFrame(List.of(
                RowFactory.create("23482", "23485"), RowFactory.create("23485", "23485"), RowFactory.create("23488", "23497"),
                RowFactory.create("23494", "23497"), RowFactory.create("23497", "23497")), SnapshotReader.SUCCESSORS_SCHEMA);
        return new LexisTables.Units(geography, successors, REFORM);
    }

    private static Map<String, String> rows(Dataset<Row> table)
    {
        Map<String, String> rows = new TreeMap<>();
        String[] columns = table.columns();
        for (Row row : table.collectAsList()) {
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < columns.length - 1; i++) {
                key.append(i == 0 ? "" : "|").append(row.get(i));
            }
            rows.put(key.toString(), String.valueOf(row.get(columns.length - 1)));
        }
        return rows;
    }

    @Test
    void exposureIsPersonYearsByCohortAgeOnThe2025Units()
    {
        Dataset<Row> exposure = LexisTables.exposure(segments(), 2024, 2025, PERIOD_END, units(UnitGeography.UNITS_2025));

        assertEquals(List.of("unit", "sex", "year", "age", "person_years"), List.of(exposure.columns()));
        assertEquals(Map.of(
                "23485|M|2024|34", "1.0",
                "23485|M|2025|35", "1.0",
                "23497|F|2024|24", Double.toString(275.0 / 366),
                "23497|F|2025|25", Double.toString(243.0 / 365)), rows(exposure));
    }

    @Test
    void exposureAsRecordedKeepsTheOldCommunes()
    {
        Dataset<Row> exposure = LexisTables.exposure(segments(), 2024, 2024, PERIOD_END, units(UnitGeography.AS_RECORDED));

        assertEquals(Map.of(
                "23482|M|2024|34", "1.0",
                "23488|F|2024|24", Double.toString(183.0 / 366),
                "23494|F|2024|24", Double.toString(92.0 / 366)), rows(exposure));
    }

    @Test
    void aMoveBetweenTwoCommunesMergedIntoOneUnitIsNotMigration()
    {
        assertEquals(Map.of("23497|F|2024|24", "1|0", "23497|F|2025|25", "0|1"),
                pairs(LexisTables.moves(moves(), 2024, 2025, units(UnitGeography.UNITS_2025))));
        assertEquals(Map.of("23488|F|2024|24", "1|1", "23494|F|2024|24", "1|0"),
                pairs(LexisTables.moves(moves(), 2024, 2024, units(UnitGeography.AS_RECORDED))));
    }

    private static Map<String, String> pairs(Dataset<Row> moves)
    {
        Map<String, String> rows = new TreeMap<>();
        for (Row row : moves.collectAsList()) {
            rows.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2) + "|" + row.get(3), row.getLong(4) + "|" + row.getLong(5));
        }
        return rows;
    }

    @Test
    void yearEndStockCountsWhoseSpellCoversTheDayOnItsUnit()
    {
        assertEquals(Map.of("23485|M|34", "1", "23497|F|24", "1"), rows(LexisTables.yearEndStock(segments(), 2024, units(UnitGeography.UNITS_2025))));
        assertEquals(Map.of("23485|M|35", "1"), rows(LexisTables.yearEndStock(segments(), 2025, units(UnitGeography.UNITS_2025))));
        assertEquals(Map.of("23482|M|34", "1", "23494|F|24", "1"), rows(LexisTables.yearEndStock(segments(), 2024, units(UnitGeography.AS_RECORDED))));
    }
}
