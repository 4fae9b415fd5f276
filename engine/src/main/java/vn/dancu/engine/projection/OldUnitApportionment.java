package vn.dancu.engine.projection;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import vn.dancu.engine.cube.ResidenceSegments;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
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
        Dataset<Row> residents = segments
                .where(start.leq(lit(day)).and(end.isNull().or(end.gt(lit(day)))))
                .select(col("commune_code").as("old"), col("sex"), lit(jumpOffYear).minus(year(col(ResidenceSegments.BIRTH_DATE))).as("cohort_age"))
                .join(map, "old");
        Dataset<Row> cohorts = residents.groupBy("successor", "old", "sex", "cohort_age").agg(count(lit(1)).as("w_cohort"));
        Dataset<Row> open = residents.where(col("cohort_age").geq(OPEN_GROUP_FROM))
                .groupBy("successor", "old", "sex").agg(count(lit(1)).as("w_open"));
        Dataset<Row> mothers = residents
                .where(col("sex").equalTo("F").and(col("cohort_age").between(ProjectionAssumptions.FIRST_FERTILE_AGE, ProjectionAssumptions.LAST_FERTILE_AGE)))
                .groupBy("successor", "old").agg(count(lit(1)).as("w_mothers"));
        Dataset<Row> everyone = residents.groupBy("successor", "old").agg(count(lit(1)).as("w_all"));
        // Every old commune of a successor that had residents on the day; one that had none gets nothing.
        Dataset<Row> pairs = everyone.join(mothers, List.of("successor", "old").toArray(String[]::new), "left");

        // The cohort of a cell: its age on 31 December of the jump-off year (negative: born after the jump-off year).
        Column cohortAge = col("age").minus(year(col("ref_date")).minus(lit(jumpOffYear)));
        Dataset<Row> cells = facts.join(pairs, facts.col("commune_code").equalTo(pairs.col("successor")))
                .withColumn("cohort_age", cohortAge)
                .join(cohorts, List.of("successor", "old", "sex", "cohort_age").toArray(String[]::new), "left")
                .join(open, List.of("successor", "old", "sex").toArray(String[]::new), "left");
        Column weight = when(col("age").equalTo(ProjectionAssumptions.OPEN_AGE), coalesce(col("w_open"), lit(0L)))
                .when(col("cohort_age").lt(0), coalesce(col("w_mothers"), lit(0L)))
                .otherwise(coalesce(col("w_cohort"), lit(0L)));
        WindowSpec cell = Window.partitionBy("successor", "scenario", "sex", "age", "ref_date");
        Dataset<Row> weighted = cells
                .withColumn("w_cell", weight)
                .withColumn("total_cell", sum("w_cell").over(cell))
                .withColumn("total_all", sum("w_all").over(cell))
                .withColumn("w", when(col("total_cell").gt(0), col("w_cell")).otherwise(col("w_all")))
                .withColumn("total", when(col("total_cell").gt(0), col("total_cell")).otherwise(col("total_all")))
                .withColumn("rank", row_number().over(cell.orderBy(col("w").desc(), col("old").asc())));
        Dataset<Row> shared = weighted;
        for (String measure : MEASURES) {
            // Truncated toward zero (div), so that the rest keeps the cell's sign; exact in long arithmetic.
            shared = shared.withColumn("__" + measure, expr("(" + measure + " * w) div total"));
        }
        for (String measure : MEASURES) {
            Column others = sum(when(col("rank").gt(1), col("__" + measure)).otherwise(lit(0L))).over(cell);
            shared = shared.withColumn("__" + measure, when(col("rank").equalTo(1), col(measure).minus(others)).otherwise(col("__" + measure)));
        }
        return shared.select(col("old").as("commune_code"), col("scenario"), col("sex"), col("age"), col("ref_date"),
                col("__population").as("population"), col("__births").as("births"), col("__deaths").as("deaths"),
                col("__net_migration").as("net_migration"));
    }
}
