package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.model.cube.CodeLists;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Month-end stocks ({@link MonthEndStocks}) and person-days ({@link PersonDays}) against a count made day by day in
 * plain Java, over random residence segments that include 29 February births, birthdays on the first and last day of
 * a month and of a year, open segments, segments ending on a month's last day and segments on a unit the 2025 reform
 * replaced: every month end and year, both age classifications, and the one-month path an incremental build takes.
 */
class ResidenceCountsTest
{
    private static final LocalDate PERIOD_START = LocalDate.of(2016, 11, 1);
    private static final LocalDate PERIOD_END = LocalDate.of(2026, 10, 31);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final StructType SEGMENTS = new StructType()
            .add("commune_code", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add(ResidenceSegments.BIRTH_DATE, DataTypes.DateType)
            .add(ResidenceSegments.START, DataTypes.DateType)
            .add(ResidenceSegments.END, DataTypes.DateType);
    private static final StructType SUCCESSORS = SnapshotReader.SUCCESSORS_SCHEMA;

    private record Segment(String commune, String sex, LocalDate birth, LocalDate start, LocalDate end) {}

    private static List<Segment> segments;
    private static Dataset<Row> segmentRows;
    private static Dataset<Row> successors;

    @BeforeAll
    static void randomSegments()
    {
        Random random = new Random(20261206);
        List<LocalDate> births = new ArrayList<>(List.of(LocalDate.of(2004, 2, 29), LocalDate.of(2016, 2, 29), LocalDate.of(1956, 2, 29),
                LocalDate.of(2001, 1, 1), LocalDate.of(1990, 12, 31), LocalDate.of(2011, 10, 31), LocalDate.of(1921, 11, 30)));
        segments = new ArrayList<>();
        String[] communes = {"A", "B", "OLD"};
        for (int i = 0; i < 1500; i++) {
            LocalDate birth = i < births.size() * 20 ? births.get(i % births.size())
                    : LocalDate.of(1915, 1, 1).plusDays(random.nextInt(41_000));
            LocalDate earliest = birth.isAfter(PERIOD_START) ? birth : PERIOD_START.minusDays(400);
            LocalDate start = earliest.plusDays(random.nextInt(Math.max(1, (int) ChronoUnit.DAYS.between(earliest, PERIOD_END.plusDays(30)))));
            LocalDate end = switch (random.nextInt(4)) {
                case 0 -> null;
                case 1 -> start.withDayOfMonth(start.lengthOfMonth()).plusMonths(random.nextInt(30));
                default -> start.plusDays(1 + random.nextInt(3000));
            };
            segments.add(new Segment(communes[random.nextInt(communes.length)], random.nextBoolean() ? "M" : "F", birth, start, end));
        }
        SparkSession spark = SparkTestSession.get();
        segmentRows = spark.createDataFrame(segments.stream().map(s -> RowFactory.create(s.commune(), s.sex(), Date.valueOf(s.birth()),
                Date.valueOf(s.start()), s.end() == null ? null : Date.valueOf(s.end()))).toList(), SEGMENTS);
        successors = spark.createDataFrame(List.of(RowFactory.create("OLD", "NEW")), SUCCESSORS);
    }

    @Test
    void monthEndStocksEqualADailyCountAtEveryMonthEndInOneRunAndMonthByMonth()
    {
        for (CodeRanges ages : List.of(CodeRanges.singleYears(100), CodeRanges.of(CodeLists.builtIn().get("ageGroup5")))) {
            int first = Calendar.monthIndex(PERIOD_START);
            int last = Calendar.monthIndex(PERIOD_END);
            Map<String, Long> whole = stocks(MonthEndStocks.counts(segmentRows, List.of("commune_code", "sex"), ages, "age", first, last, "persons"));
            Map<String, Long> expected = new TreeMap<>();
            for (int month = first; month <= last; month++) {
                LocalDate day = Calendar.monthEnd(month);
                for (Segment segment : segments) {
                    boolean present = !segment.start().isAfter(day) && (segment.end() == null || segment.end().isAfter(day));
                    if (present && !segment.birth().isAfter(day)) {
                        expected.merge(key(segment.commune(), segment.sex(), group(ages, ageOn(segment.birth(), day)), day), 1L, Long::sum);
                    }
                }
            }
            assertEquals(expected, whole, ages.name() + ": every month end in one run");

            Map<String, Long> byMonth = new TreeMap<>();
            for (int month = last - 5; month <= last; month++) {
                byMonth.putAll(stocks(MonthEndStocks.counts(segmentRows, List.of("commune_code", "sex"), ages, "age", month, month, "persons")));
            }
            Map<String, Long> lastMonths = new TreeMap<>(expected);
            lastMonths.keySet().removeIf(key -> key.compareTo(Calendar.monthEnd(last - 5).toString()) < 0);
            assertTrue(lastMonths.size() > 500, "the last 6 month ends hold " + lastMonths.size() + " cells");
            assertEquals(lastMonths, byMonth, ages.name() + ": the last 6 month ends one at a time");
        }
    }

    @Test
    void personDaysEqualADailyCountForEveryYearFromThePeriodStartAndFromADayInTheLastYear()
    {
        for (CodeRanges ages : List.of(CodeRanges.singleYears(100), CodeRanges.of(CodeLists.builtIn().get("ageGroup5")))) {
            for (LocalDate from : List.of(PERIOD_START, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 2, 28))) {
                Map<String, Long> expected = new TreeMap<>();
                for (Segment segment : segments) {
                    LocalDate start = segment.start().isBefore(from) ? from : segment.start();
                    LocalDate end = segment.end() == null || segment.end().isAfter(PERIOD_END) ? PERIOD_END.plusDays(1) : segment.end();
                    if (!start.isBefore(end) || segment.birth().isAfter(start)) {
                        continue;
                    }
                    for (LocalDate day = start; day.isBefore(end); day = day.plusDays(1)) {
                        LocalDate refDate = day.getYear() == PERIOD_END.getYear() ? PERIOD_END : LocalDate.of(day.getYear(), 12, 31);
                        String commune = segment.commune().equals("OLD") && !refDate.isBefore(REFORM) && start.isBefore(REFORM) ? "NEW" : segment.commune();
                        expected.merge(key(commune, segment.sex(), group(ages, ageOn(segment.birth(), day)), refDate), 1L, Long::sum);
                    }
                }
                // as they come, and split by commune into three parts (what the builder does for large areas)
                for (int parts : List.of(1, 3)) {
                    Map<String, Long> actual = stocks(PersonDays.byYear(segmentRows, ages, "age", from, PERIOD_END, successors, REFORM, parts)
                            .withColumnRenamed("person_days", "persons"));
                    assertEquals(expected, actual, ages.name() + " from " + from + " in " + parts + " parts");
                }
            }
        }
    }

    /** The rows summed per cell, keyed {@code ref_date|commune|sex|age}. */
    private static Map<String, Long> stocks(Dataset<Row> rows)
    {
        Map<String, Long> cells = new TreeMap<>();
        for (Row row : rows.collectAsList()) {
            cells.merge(key(row.getAs("commune_code"), row.getAs("sex"), String.valueOf(row.<Object>getAs("age")),
                    ((Date) row.getAs(CuboidAggregator.REF_DATE)).toLocalDate()), ((Number) row.getAs("persons")).longValue(), Long::sum);
        }
        return cells;
    }

    private static String key(String commune, String sex, String age, LocalDate refDate)
    {
        return refDate + "|" + commune + "|" + sex + "|" + age;
    }

    /** The completed age: a 29 February birthday falls on 1 March in common years. */
    private static int ageOn(LocalDate birth, LocalDate day)
    {
        boolean notYet = day.getMonthValue() < birth.getMonthValue()
                || (day.getMonthValue() == birth.getMonthValue() && day.getDayOfMonth() < birth.getDayOfMonth());
        return day.getYear() - birth.getYear() - (notYet ? 1 : 0);
    }

    private static String group(CodeRanges ages, int age)
    {
        if (ages.codes() == null) {
            return Integer.toString(Math.min(age, 100));
        }
        for (int i = ages.lowerBounds().size() - 1; i >= 0; i--) {
            if (age >= ages.lowerBounds().get(i)) {
                return ages.codes().get(i);
            }
        }
        throw new IllegalStateException("no group for age " + age);
    }
}
