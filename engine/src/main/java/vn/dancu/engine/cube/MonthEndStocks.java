package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static vn.dancu.engine.cube.Calendar.ageAtMonthEnd;
import static vn.dancu.engine.cube.Calendar.bornOnLeapDay;
import static vn.dancu.engine.cube.Calendar.monthEnd;
import static vn.dancu.engine.cube.Calendar.monthIndex;
import static vn.dancu.engine.cube.Calendar.monthOfBirthday;

/**
 * Month-end stocks by the cohort method, without exploding persons into months.
 *
 * <ol>
 * <li>Each residence segment becomes the months whose last day it covers, {@code [from_month, to_month)}: a segment
 * counts at month end m when {@code start ≤ m < end}, i.e. from the month of its start to the month of its end.</li>
 * <li>Segments are aggregated into cohorts: same keys, same birth month, same months.</li>
 * <li>Each cohort is cut at the birthdays where it changes age group. The age at a month end depends on the birth
 * month only (the last day of the month is on or after any birthday in it), except for 29 February births in common
 * years.</li>
 * <li>Each piece adds its persons at its first month and removes them at its end: deltas per (keys, age, month).</li>
 * <li>A running sum over months per (keys, age) gives the stock wherever it changes; each stock is repeated until the
 * next change. Only the rows of the result are materialised, never persons × months.</li>
 * </ol>
 * Steps 2–5 work on one {@link KeyDictionary} code instead of the key columns: at 10 million persons, hashing and
 * comparing the string keys was the largest cost of their slowest stage. The code and the age group are one
 * {@code long} per cell, and the deltas are shuffled once, by cell, for both their sums and the running sums. A build
 * gets the stocks still coded ({@link #encodedCounts}) and groups its cuboids on the code.
 */
public final class MonthEndStocks
{
    /** The low bits of a cell that hold its age group (at most 256 groups; single years are 101). */
    private static final int AGE_BITS = 8;

    private MonthEndStocks() {}

    /**
     * @param segments   residence segments ({@link ResidenceSegments}) with the {@code keys} columns
     * @param ages       the age classification stored in {@code ageColumn}; it must start at age 0 and be open-ended
     * @param firstMonth first month index to produce (inclusive)
     * @param lastMonth  last month index to produce (inclusive)
     * @return {@code keys…, ageColumn, ref_date, measure}: one row per month end and cell with a non-zero stock
     */
    public static Dataset<Row> counts(Dataset<Row> segments, List<String> keys, CodeRanges ages, String ageColumn,
            int firstMonth, int lastMonth, String measure)
    {
        return encodedCounts(segments, keys, ages, ageColumn, firstMonth, lastMonth, measure).decoded();
    }

    /**
     * {@link #counts}, with the keys left as the {@link KeyDictionary} code the steps worked on when more than one month
     * is counted, for the builder to group the cuboids on.
     */
    public static EncodedFacts encodedCounts(Dataset<Row> segments, List<String> keys, CodeRanges ages, String ageColumn,
            int firstMonth, int lastMonth, String measure)
    {
        if (ages.size() > 1 << AGE_BITS) {
            throw new IllegalArgumentException("a stock counts at most " + (1 << AGE_BITS) + " age groups; " + ages.name() + " has " + ages.size());
        }
        if (ages.lowerBounds().get(0) != 0 || ages.upperBound() != null) {
            throw new IllegalArgumentException("a stock needs age groups from 0 with an open last group; " + ages.name() + " is not");
        }
        List<Column> keyColumns = keys.stream().map(key -> col(key)).toList();
        Column fromMonth = greatest(monthIndex(col(ResidenceSegments.START)), lit(firstMonth));
        Column toMonth = least(coalesce(monthIndex(col(ResidenceSegments.END)), lit(lastMonth + 1)), lit(lastMonth + 1));

        if (firstMonth == lastMonth) {
            return EncodedFacts.plain(oneMonth(segments, keyColumns, ages, ageColumn, fromMonth, toMonth, firstMonth, measure));
        }
        KeyDictionary dictionary = KeyDictionary.of(segments, keys);
        Dataset<Row> coded = dictionary.encode(segments.select(concat(keyColumns,
                col(ResidenceSegments.BIRTH_DATE), col(ResidenceSegments.START), col(ResidenceSegments.END))));
        return EncodedFacts.coded(cohortCounts(coded, ages, ageColumn, fromMonth, toMonth,
                lastMonth, measure), dictionary);
    }

    /** Steps 2–5 above, on segments whose keys are one dictionary code. */
    private static Dataset<Row> cohortCounts(Dataset<Row> segments, CodeRanges ages, String ageColumn,
            Column fromMonth, Column toMonth, int lastMonth, String measure)
    {
        Dataset<Row> cohorts = segments.select(col(KeyDictionary.CODE),
                        monthIndex(col(ResidenceSegments.BIRTH_DATE)).as("birth_month"),
                        bornOnLeapDay(col(ResidenceSegments.BIRTH_DATE)).as("leap_day"),
                        fromMonth.as("from_month"), toMonth.as("to_month"))
                .where(col("from_month").lt(col("to_month")))
                .groupBy(col(KeyDictionary.CODE), col("birth_month"), col("leap_day"), col("from_month"), col("to_month"))
                .agg(count(lit(1)).as("n"));

        Column birthMonth = col("birth_month");
        Column leapDay = col("leap_day");
        Column firstGroup = ages.index(ageAtMonthEnd(birthMonth, leapDay, col("from_month")));
        Column lastGroup = ages.index(ageAtMonthEnd(birthMonth, leapDay, col("to_month").minus(1)));
        Column group = col("age_index");
        Column pieceFrom = greatest(col("from_month"), monthOfBirthday(birthMonth, leapDay, ages.lowerBound(group)));
        Column pieceTo = least(col("to_month"), monthOfBirthday(birthMonth, leapDay, ages.upperBound(group)));

        // a cell (code and age group) is one long, so that the window's sort compares one number before the month
        Column cell = shiftleft(col(KeyDictionary.CODE).cast("long"), AGE_BITS).bitwiseOR(group.cast("long"));
        Dataset<Row> pieces = cohorts
                .withColumn("age_index", explode(sequence(firstGroup, lastGroup)))
                .where(pieceFrom.lt(pieceTo))
                .select(cell.as("cell"), explode(array(
                        struct(pieceFrom.as("month"), col("n").as("delta")),
                        struct(pieceTo.as("month"), col("n").unary_$minus().as("delta")))).as("change"));

        // shuffled once by cell: the sums of the deltas per (cell, month) and the running sums per cell need no other
        WindowSpec byCell = Window.partitionBy(col("cell")).orderBy(col("month"));
        Dataset<Row> changes = pieces
                .select(col("cell"), col("change.month").as("month"), col("change.delta").as("delta"))
                .where(col("month").leq(lastMonth))
                .repartition(col("cell"))
                .groupBy(col("cell"), col("month"))
                .agg(sum(col("delta")).as("delta"))
                .where(col("delta").notEqual(0))
                .withColumn("stock", sum(col("delta")).over(byCell.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
                .withColumn("next_month", lead(col("month"), 1).over(byCell));

        Column code = shiftright(col("cell"), AGE_BITS).cast("int");
        Column ageIndex = col("cell").bitwiseAND((1 << AGE_BITS) - 1).cast("int");
        return changes.where(col("stock").notEqual(0))
                .withColumn("ref_month", explode(sequence(col("month"), coalesce(col("next_month"), lit(lastMonth + 1)).minus(1))))
                .select(code.as(KeyDictionary.CODE), ages.value(ageIndex).as(ageColumn),
                        monthEnd(col("ref_month")).as(CuboidAggregator.REF_DATE), col("stock").cast("long").as(measure));
    }

    /**
     * The stock of a single month end (an incremental build's new month): each segment covering it counted at its age
     * on that day, with no cohorts or running sums (a cohort key holds the birth month, which at national size leaves
     * almost one cohort per person).
     */
    private static Dataset<Row> oneMonth(Dataset<Row> segments, List<Column> keyColumns, CodeRanges ages, String ageColumn,
            Column fromMonth, Column toMonth, int month, String measure)
    {
        Column birth = col(ResidenceSegments.BIRTH_DATE);
        Column group = ages.index(ageAtMonthEnd(monthIndex(birth), bornOnLeapDay(birth), lit(month)));
        List<Column> cellKeys = new ArrayList<>(keyColumns);
        cellKeys.add(col(ageColumn));
        return segments.where(fromMonth.lt(toMonth).and(group.isNotNull()))
                .groupBy(concat(keyColumns, ages.value(group).as(ageColumn)))
                .agg(count(lit(1)).as(measure))
                .select(concat(cellKeys, monthEnd(lit(month)).as(CuboidAggregator.REF_DATE), col(measure)));
    }

    private static Column[] concat(List<Column> first, Column... more)
    {
        List<Column> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all.toArray(Column[]::new);
    }
}
