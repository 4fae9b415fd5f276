package vn.dancu.engine.projection;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dancu.engine.cube.ResidenceSegments;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * The projection of the old communes (the units in force until 30/06/2025), derived from that of their 2025
 * successors by cohort shares (docs/projections.md, "Units"). The register cannot place anyone in an old commune
 * after the reform, so the old communes are not projected on their own: each cell of a 2025 commune (scenario, sex,
 * age, year, every measure) is shared among the old communes that merged into it, in proportion to
 *
 * <ul>
 * <li>the old commune's residents of the same sex and year of birth on the last day of the old units (the cohort a
 *     projected cell follows is the same people);</li>
 * <li>for the open group 100+, its residents of that sex aged 85 and over (cohort age on 31 December of the jump-off
 *     year): the cohorts that reach 100 within the horizon;</li>
 * <li>for cohorts born after the jump-off year, its women aged 15–49 (cohort age), the mothers of those births;</li>
 * <li>when the successor had nobody of the cohort on that day, its whole population.</li>
 * </ul>
 *
 * <p>Shares are applied to the stored thousandths: every old commune but one gets {@code value × weight ÷ total}
 * truncated toward zero, and the old commune with the largest weight in the cell (the lowest code on a tie) gets the
 * rest, so that the old communes of a 2025 commune add up to it exactly, cell by cell, and no share changes a sign.
 */
public final class OldUnitApportionment
{
    /** The {@code geography} of the 2025 communes' rows. */
    public static final String UNITS_2025 = "2025";
    /** The {@code geography} of the old communes' rows. */
    public static final String UNITS_BEFORE_2025 = "PRE2025";
    /** The cohort age (on 31 December of the jump-off year) from which cohorts are pooled for the open group 100+. */
    public static final int OPEN_GROUP_FROM = 85;

    /** The key of the open group's weights and of the mothers' (cohorts born after the jump-off year); cohort keys are ages. */
    private static final int OPEN_KEY = -1_000;
    private static final int MOTHERS_KEY = -2_000;

    private static final List<String> MEASURES = List.of("population", "births", "deaths", "net_migration");

    private OldUnitApportionment() {}

    /**
     * The day the old communes' shares are counted on: the last day of the old units, or the register's last day if
     * it ends before; empty when the register starts after the reform (it never recorded the old communes).
     */
    public static java.util.Optional<LocalDate> shareDay(LocalDate periodStart, LocalDate periodEnd, LocalDate reformDate)
    {
        LocalDate lastOld = reformDate.minusDays(1);
        LocalDate day = periodEnd.isBefore(lastOld) ? periodEnd : lastOld;
        return day.isBefore(periodStart) ? java.util.Optional.empty() : java.util.Optional.of(day);
    }

    /**
     * The old communes' facts.
     *
     * @param facts      the 2025 communes' facts: {@code commune_code, scenario, sex, age, ref_date} and the four measures in
     *                   thousandths
     * @param segments   {@code commune_code, sex, birth_date, start_date, end_date}, communes as recorded
     * @param successors {@code old_code, new_code}
     * @param jumpOffYear the projection's jump-off year
     * @param day        the day the shares are counted on ({@link #shareDay})
     * @return the same columns, {@code commune_code} an old commune
     */
    public static Dataset<Row> apportion(Dataset<Row> facts, Dataset<Row> segments, Dataset<Row> successors, int jumpOffYear, LocalDate day)
    {
        Column start = col(ResidenceSegments.START);
        Column end = col(ResidenceSegments.END);
        Dataset<Row> map = broadcast(successors.select(col("old_code").as("old"), col("new_code").as("successor")));
        Dataset<Row> cohorts = segments
                .where(start.leq(lit(day)).and(end.isNull().or(end.gt(lit(day)))))
                .select(col("commune_code").as("old"), col("sex"), lit(jumpOffYear).minus(year(col(ResidenceSegments.BIRTH_DATE))).as("cohort_age"))
                .join(map, "old")
                .groupBy("successor", "old", "sex", "cohort_age").agg(count(lit(1)).as("w"));

        // The weights a cell may be shared by, keyed by (successor, sex, key): the cohort's residents (key = cohort
        // age), those of the open group (OPEN_KEY) and, for both sexes, the women 15–49 (MOTHERS_KEY); each a list of
        // the old communes with a positive weight, largest first (the lowest code on a tie).
        Dataset<Row> open = cohorts.where(col("cohort_age").geq(OPEN_GROUP_FROM))
                .groupBy("successor", "old", "sex").agg(sum("w").as("w"))
                .withColumn("key", lit(OPEN_KEY));
        Dataset<Row> mothers = cohorts
                .where(col("sex").equalTo("F").and(col("cohort_age").between(ProjectionAssumptions.FIRST_FERTILE_AGE, ProjectionAssumptions.LAST_FERTILE_AGE)))
                .groupBy("successor", "old").agg(sum("w").as("w"))
                .withColumn("key", lit(MOTHERS_KEY))
                .withColumn("sex", explode(array(lit("M"), lit("F"))));
        Dataset<Row> keyed = cohorts.withColumnRenamed("cohort_age", "key")
                .unionByName(open.select("successor", "old", "sex", "key", "w"))
                .unionByName(mothers.select("successor", "old", "sex", "key", "w"))
                .groupBy(col("successor").as("w_successor"), col("sex").as("w_sex"), col("key").as("w_key"))
                .agg(largestFirst().as("shares"), sum("w").as("shares_total"));
        // Every old commune of a successor that had residents on the day, by its residents: the shares of a cell whose
        // own weights are all zero (one that had none gets nothing)
        Dataset<Row> everyone = cohorts.groupBy("successor", "old").agg(sum("w").as("w"))
                .groupBy(col("successor").as("a_successor")).agg(largestFirst().as("all_shares"), sum("w").as("all_total"));
        // A cell's list of shares holds at most the old communes of its successor: the sums over the list are written
        // out term by term up to that many, in generated code. (A higher-order function over the list, evaluated row
        // by row outside generated code, took half of the projection's last stage at 10 million persons.)
        Row most = successors.groupBy("new_code").count().agg(max("count")).first();
        long longest = most.isNullAt(0) ? 0 : most.getLong(0);

        // The cohort of a cell: its age on 31 December of the jump-off year (negative: born after the jump-off year).
        Column cohortAge = col("age").minus(year(col("ref_date")).minus(lit(jumpOffYear)));
        Column key = when(col("age").equalTo(ProjectionAssumptions.OPEN_AGE), lit(OPEN_KEY))
                .when(cohortAge.lt(0), lit(MOTHERS_KEY))
                .otherwise(cohortAge);
        Dataset<Row> withKey = facts.withColumn("__key", key);
        Dataset<Row> cells = withKey
                .join(broadcast(everyone), withKey.col("commune_code").equalTo(col("a_successor")))
                .join(broadcast(keyed), withKey.col("commune_code").equalTo(col("w_successor"))
                        .and(withKey.col("sex").equalTo(col("w_sex"))).and(withKey.col("__key").equalTo(col("w_key"))), "left")
                .withColumn("__shares", coalesce(col("shares"), col("all_shares")))
                .withColumn("__total", when(col("shares").isNotNull(), col("shares_total")).otherwise(col("all_total")));
        List<Column> columns = new ArrayList<>(List.of(col("commune_code"), col("scenario"), col("sex"), col("age"), col("ref_date"),
                col("__shares"), col("__total")));
        for (String measure : MEASURES) {
            // Truncated toward zero (div), so that the rest keeps the cell's sign; exact in long arithmetic.
            columns.add(col(measure));
            Column others = lit(0L);
            for (long position = 2; position <= longest; position++) {
                others = others.plus(when(size(col("__shares")).geq(position),
                        expr("(" + measure + " * element_at(__shares, " + position + ").w) div __total")).otherwise(lit(0L)));
            }
            columns.add(others.as("__others_" + measure));
        }
        Dataset<Row> exploded = cells.select(columns.toArray(Column[]::new))
                .select(col("*"), posexplode(col("__shares")).as(new String[] {"__rank", "__share"}));
        List<Column> output = new ArrayList<>(List.of(col("__share.old").as("commune_code"), col("scenario"), col("sex"), col("age"),
                col("ref_date")));
        for (String measure : MEASURES) {
            output.add(when(col("__rank").equalTo(0), col(measure).minus(col("__others_" + measure)))
                    .otherwise(expr("(" + measure + " * __share.w) div __total")).as(measure));
        }
        return exploded.select(output.toArray(Column[]::new));
    }

    /** The old communes and their weights {@code w} in a group, as a list of {@code (old, w)}, the largest first, then by code. */
    private static Column largestFirst()
    {
        return expr("transform(sort_array(collect_list(named_struct('negative', -w, 'old', old, 'w', w))), x -> named_struct('old', x.old, 'w', x.w))");
    }
}
