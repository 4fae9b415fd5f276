package vn.dancu.engine.projection;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The old communes' projection shared from their 2025 successor's, worked by hand on Kon Rẫy's codes: Đắk Kôi (23482)
 * and Đắk Tơ Lung (23485) became Đăk Kôi (23485: the new commune reuses an old code) on 01/07/2025; Đắk Rve (23479)
 * and Đắk Pne (23491) became Đăk Rve (23479). The jump-off year is 2025; shares are counted on 30/06/2025.
 *
 * <p>Residents on 30/06/2025 (cohort age = 2025 − year of birth):
 * <pre>
 *                                   Đắk Kôi 23482   Đắk Tơ Lung 23485
 * men born 1990 (cohort age 35)           3               1
 * women born 2000 (25)                    1               0
 * women born 1995 (30)                    0               2
 * men born 1930 (95), 1935 (90)           1 (1930)        1 (1935)
 * all                                     5               4
 * women 15–49 (mothers' share)            1               2
 * </pre>
 * Not counted: a man of Đắk Kôi whose spell ended on 30/06/2025 (not resident at the end of that day), and a woman who
 * arrived in the new Đăk Kôi on 01/07/2025. Đắk Rve (town) has one woman born 1980; Đắk Pne nobody.
 */
class OldUnitApportionmentTest
{
    private static final StructType SEGMENTS = new StructType()
            .add("commune_code", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add("birth_date", DataTypes.DateType)
            .add("start_date", DataTypes.DateType)
            .add("end_date", DataTypes.DateType);
    private static final StructType SUCCESSORS = new StructType()
            .add("old_code", DataTypes.StringType)
            .add("new_code", DataTypes.StringType);
    private static final StructType FACTS = new StructType()
            .add("commune_code", DataTypes.StringType)
            .add("scenario", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add("age", DataTypes.IntegerType)
            .add("ref_date", DataTypes.DateType)
            .add("population", DataTypes.LongType)
            .add("births", DataTypes.LongType)
            .add("deaths", DataTypes.LongType)
            .add("net_migration", DataTypes.LongType);

    private static Date day(String text)
    {
        return text == null ? null : Date.valueOf(text);
    }

    private static Row resident(String commune, String sex, String born)
    {
        return RowFactory.create(commune, sex, day(born), day("2024-01-01"), null);
    }

    private static Dataset<Row> segments()
    {
        return SparkTestSession.get().createDataFrame(List.of(
                resident("23482", "M", "1990-03-01"), resident("23482", "M", "1990-05-01"), resident("23482", "M", "1990-12-31"),
                resident("23485", "M", "1990-07-01"),
                resident("23482", "F", "2000-02-02"),
                resident("23485", "F", "1995-01-01"), resident("23485", "F", "1995-11-11"),
                resident("23482", "M", "1930-06-01"), resident("23485", "M", "1935-06-01"),
                resident("23479", "F", "1980-01-01"),
                // Left on 30/06/2025: not resident at the end of the day.
                RowFactory.create("23482", "M", day("1990-01-01"), day("2024-01-01"), day("2025-06-30")),
                // Arrived after the reform, on the new unit.
                RowFactory.create("23485", "F", day("1995-05-05"), day("2025-07-01"), null)), SEGMENTS);
    }

    private static Dataset<Row> successors()
    {
        return SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("23482", "23485"), RowFactory.create("23485", "23485"),
                RowFactory.create("23479", "23479"), RowFactory.create("23491", "23479")), SUCCESSORS);
    }

    private static Row fact(String commune, String sex, int age, String date, long population, long births, long deaths, long net)
    {
        return RowFactory.create(commune, "MEDIUM", sex, age, day(date), population, births, deaths, net);
    }

    private static Map<String, List<Long>> apportioned(List<Row> facts)
    {
        Dataset<Row> out = OldUnitApportionment.apportion(SparkTestSession.get().createDataFrame(facts, FACTS), segments(), successors(),
                2025, LocalDate.of(2025, 6, 30));
        Map<String, List<Long>> cells = new TreeMap<>();
        for (Row row : out.collectAsList()) {
            String key = row.getString(0) + "|" + row.getString(1) + "|" + row.getString(2) + "|" + row.getInt(3) + "|" + row.getDate(4);
            cells.put(key, List.of(row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8)));
        }
        return cells;
    }

    @Test
    void aCohortIsSharedAsItsPeopleWereOnTheLastDayOfTheOldUnitsAndTheLargestShareTakesTheRest()
    {
        // Men of cohort age 35: 3 in Đắk Kôi, 1 in Đắk Tơ Lung. Đắk Tơ Lung: 10,001 × 1/4 = 2,500.25 → 2,500 thousandths;
        // deaths 7 × 1/4 → 1; net migration −5 × 1/4 = −1.25 → −1 (toward zero). Đắk Kôi, the largest share, the rest.
        // The same cohort a year later (aged 36 on 31/12/2026) keeps its shares: 9,000 → 2,250 and 6,750.
        Map<String, List<Long>> cells = apportioned(List.of(
                fact("23485", "M", 35, "2025-12-31", 10_001, 0, 7, -5),
                fact("23485", "M", 36, "2026-12-31", 9_000, 0, 0, 0)));
        Map<String, List<Long>> expected = new TreeMap<>(Map.of(
                "23482|MEDIUM|M|35|2025-12-31", List.of(7_501L, 0L, 6L, -4L),
                "23485|MEDIUM|M|35|2025-12-31", List.of(2_500L, 0L, 1L, -1L),
                "23482|MEDIUM|M|36|2026-12-31", List.of(6_750L, 0L, 0L, 0L),
                "23485|MEDIUM|M|36|2026-12-31", List.of(2_250L, 0L, 0L, 0L)));
        assertEquals(expected, cells);
    }

    @Test
    void birthsAfterTheJumpOffFollowTheMothersTheOpenGroupTheOldAndAnEmptyCohortThePopulation()
    {
        Map<String, List<Long>> cells = apportioned(List.of(
                // Girls born in 2027 (age 0 on 31/12/2027): women 15–49, 1 and 2. Đắk Kôi 3,001 × 1/3 → 1,000; Đắk Tơ Lung the rest.
                fact("23485", "F", 0, "2027-12-31", 3_001, 3_001, 0, 0),
                // Men 100+ in 2040: men aged 85+ in 2025, 1 and 1; on a tie the lower code takes the rest: 999 × 1/2 → 499.
                fact("23485", "M", 100, "2040-12-31", 999, 0, 0, 0),
                // Women of cohort age 60: nobody of the cohort on 30/06/2025 → everyone, 5 and 4: 900 × 4/9 = 400.
                fact("23485", "F", 60, "2025-12-31", 900, 0, 0, 0),
                // Đăk Rve: only the town had residents; Đắk Pne gets no row.
                fact("23479", "F", 45, "2025-12-31", 1_234, 0, 2, 3)));
        Map<String, List<Long>> expected = new TreeMap<>();
        expected.put("23482|MEDIUM|F|0|2027-12-31", List.of(1_000L, 1_000L, 0L, 0L));
        expected.put("23485|MEDIUM|F|0|2027-12-31", List.of(2_001L, 2_001L, 0L, 0L));
        expected.put("23482|MEDIUM|M|100|2040-12-31", List.of(500L, 0L, 0L, 0L));
        expected.put("23485|MEDIUM|M|100|2040-12-31", List.of(499L, 0L, 0L, 0L));
        expected.put("23482|MEDIUM|F|60|2025-12-31", List.of(500L, 0L, 0L, 0L));
        expected.put("23485|MEDIUM|F|60|2025-12-31", List.of(400L, 0L, 0L, 0L));
        expected.put("23479|MEDIUM|F|45|2025-12-31", List.of(1_234L, 0L, 2L, 3L));
        assertEquals(expected, cells);
    }

    @Test
    void theSharesAreCountedOnTheLastDayOfTheOldUnitsOrNotAtAllWhenTheRegisterStartsAfterIt()
    {
        LocalDate reform = LocalDate.of(2025, 7, 1);
        assertEquals(Optional.of(LocalDate.of(2025, 6, 30)), OldUnitApportionment.shareDay(LocalDate.of(2016, 11, 1), LocalDate.of(2026, 10, 31), reform));
        assertEquals(Optional.of(LocalDate.of(2025, 3, 31)), OldUnitApportionment.shareDay(LocalDate.of(2016, 11, 1), LocalDate.of(2025, 3, 31), reform));
        assertEquals(Optional.empty(), OldUnitApportionment.shareDay(LocalDate.of(2025, 7, 1), LocalDate.of(2026, 10, 31), reform));
    }
}
