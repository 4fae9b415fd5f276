package vn.dancu.engine.projection;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The back-test: project from the register at the end of year Y − k and compare with the register's own population
 * at the end of Y, unit by unit and age group by age group ({@link AgeGroup#BACK_TEST}), beside two benchmarks that
 * need no rates: the naive projection (each unit's and group's population growing at its own constant rate of the
 * years before the jump-off) and Hamilton–Perry ({@link HamiltonPerry}). Plans only; the caller collects.
 */
public final class ProjectionBackTest
{
    private static final StructType GROUPS_SCHEMA = new StructType()
            .add("group", DataTypes.StringType, false)
            .add("from", DataTypes.IntegerType, false)
            .add("to", DataTypes.IntegerType, false);

    private ProjectionBackTest() {}

    /**
     * @param targetYear   Y: the year end projected to and compared with
     * @param horizonYears k: years projected (5)
     * @param growthYears  years before the jump-off over which the naive projection measures growth (5, fewer when the
     *                     register starts later); Hamilton–Perry's ratios are pooled over the same years
     */
    public record Setup(int targetYear, int horizonYears, UnitGeography geography, JumpOff jumpOff, YearRange growthYears)
    {
        public Setup
        {
            requireNonNull(geography, "geography is null");
            requireNonNull(jumpOff, "jumpOff is null");
            requireNonNull(growthYears, "growthYears is null");
            if (jumpOff.year() != targetYear - horizonYears) {
                throw new IllegalArgumentException("the jump-off " + jumpOff.year() + " is not " + horizonYears + " years before " + targetYear);
            }
        }

        /** The published projection's method, from this jump-off, medium variant only. */
        public ProjectionSpec projection(ProjectionAssumptions assumptions)
        {
            return new ProjectionSpec(jumpOff.year(), RateWindows.all(jumpOff.rateYears()), geography,
                    assumptions.withHorizon(horizonYears).withScenarios(List.of(Scenario.MEDIUM)), Shrinkage.EMPIRICAL_BAYES);
        }

        /** The years between the jump-off and the target: the rates a perfect forecaster would have used. */
        public YearRange projectedYears()
        {
            return new YearRange(jumpOff.year() + 1, targetYear);
        }
    }

    /**
     * The back-test of target year {@code targetYear}, if the register covers it: the jump-off {@code horizonYears}
     * earlier needs a complete calendar year, and the naive projection a year end before the jump-off.
     */
    public static Optional<Setup> setup(RegisterRecords records, int targetYear, int horizonYears, UnitGeography geography,
            ProjectionAssumptions assumptions, int growthYears)
    {
        if (LocalDate.of(targetYear, 12, 31).isAfter(records.periodEnd())) {
            return Optional.empty();
        }
        int jumpOffYear = targetYear - horizonYears;
        int firstYearEnd = records.periodStart().getYear();
        int growthStart = Math.max(jumpOffYear - growthYears, firstYearEnd);
        if (growthStart >= jumpOffYear) {
            return Optional.empty();
        }
        return JumpOff.at(records.periodStart(), jumpOffYear, assumptions.rateYears())
                .map(jumpOff -> new Setup(targetYear, horizonYears, geography, jumpOff, new YearRange(growthStart, jumpOffYear)));
    }

    /** {@code unit, sex, age, population} projected by the engine to the target year (medium variant). */
    public static Dataset<Row> engine(RegisterRecords records, Setup setup, ProjectionSpec spec)
    {
        return PopulationProjection.project(records, spec)
                .where(col("year").equalTo(setup.targetYear()))
                .select("unit", "sex", "age", "population");
    }

    /** {@code unit, sex, age, population}: the register's population at the end of the target year. */
    public static Dataset<Row> actual(RegisterRecords records, Setup setup)
    {
        return LexisTables.yearEndStock(records.segments(), setup.targetYear(), records.units(setup.geography()))
                .select(col("unit"), col("sex"), col("age"), col("persons").cast("double").as("population"));
    }

    /** {@code unit, sex, age, population} by Hamilton–Perry from the year ends of the growth years. */
    public static Dataset<Row> hamiltonPerry(RegisterRecords records, Setup setup)
    {
        return HamiltonPerry.project(stocks(records, setup), setup.growthYears(), setup.horizonYears());
    }

    /**
     * {@code unit, group, population}: each unit's and group's population at the jump-off times its growth factor over
     * the growth years, raised to the horizon: {@code P(B)·(P(B)/P(B0))^(k/(B−B0))} (no growth when {@code P(B0) = 0}).
     */
    public static Dataset<Row> naive(RegisterRecords records, Setup setup)
    {
        Dataset<Row> byGroup = byGroup(stocks(records, setup).select(col("unit"), col("year"), col("age"), col("persons").cast("double").as("population")),
                List.of("unit", "year"));
        int first = setup.growthYears().first();
        int jumpOff = setup.jumpOff().year();
        double exponent = (double) setup.horizonYears() / (jumpOff - first);
        Dataset<Row> atStart = byGroup.where(col("year").equalTo(first)).select(col("unit"), col("group"), col("population").as("start"));
        Dataset<Row> atJumpOff = byGroup.where(col("year").equalTo(jumpOff)).select(col("unit"), col("group"), col("population").as("jump_off"));
        Column growth = when(col("start").gt(0), pow(col("jump_off").divide(col("start")), exponent)).otherwise(lit(1.0));
        return atJumpOff.join(atStart, scala.jdk.javaapi.CollectionConverters.asScala(List.of("unit", "group")).toList(), "left")
                .select(col("unit"), col("group"), col("jump_off").multiply(growth).as("population"));
    }

    /** {@code unit, year, sex, age, persons} at every year end of the growth years. */
    private static Dataset<Row> stocks(RegisterRecords records, Setup setup)
    {
        List<Integer> years = new ArrayList<>();
        for (int year = setup.growthYears().first(); year <= setup.growthYears().last(); year++) {
            years.add(year);
        }
        return LexisTables.yearEndStocks(records.segments(), years, records.units(setup.geography()));
    }

    /**
     * Sums a population by age into the back-test's groups.
     *
     * @param rows {@code keys…, age, population}
     * @return {@code keys…, group, population}
     */
    public static Dataset<Row> byGroup(Dataset<Row> rows, List<String> keys)
    {
        SparkSession spark = rows.sparkSession();
        List<Row> groups = new ArrayList<>();
        AgeGroup.BACK_TEST.forEach(group -> groups.add(RowFactory.create(group.code(), group.from(), group.to())));
        Dataset<Row> ranges = broadcast(spark.createDataFrame(groups, GROUPS_SCHEMA));
        List<Column> grouping = new ArrayList<>();
        keys.forEach(key -> grouping.add(col(key)));
        grouping.add(col("group"));
        return rows.join(ranges, rows.col("age").between(ranges.col("from"), ranges.col("to")))
                .groupBy(grouping.toArray(Column[]::new))
                .agg(sum("population").as("population"));
    }

    /**
     * One row per unit and group: the register's population at the target year end ({@code actual}) and each method's
     * figure, in the columns named by the keys of {@code methods} (each {@code unit, group, population}).
     */
    public static Dataset<Row> compare(Dataset<Row> actual, Map<String, Dataset<Row>> methods)
    {
        scala.collection.immutable.Seq<String> on = scala.jdk.javaapi.CollectionConverters.asScala(List.of("unit", "group")).toList();
        Dataset<Row> table = byGroup(actual, List.of("unit")).withColumnRenamed("population", "actual");
        List<Column> columns = new ArrayList<>(List.of(col("unit"), col("group"), col("actual")));
        for (Map.Entry<String, Dataset<Row>> method : methods.entrySet()) {
            table = table.join(method.getValue().withColumnRenamed("population", method.getKey()), on, "left");
            columns.add(coalesce(col(method.getKey()), lit(0.0)).as(method.getKey()));
        }
        return table.select(columns.toArray(Column[]::new));
    }
}
