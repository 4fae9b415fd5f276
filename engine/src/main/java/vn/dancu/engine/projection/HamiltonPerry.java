package vn.dancu.engine.projection;

import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The Hamilton–Perry method (Hamilton &amp; Perry 1962; Swanson, Schlottmann &amp; Schmidt 2010), the usual comparison
 * for small-area cohort projections: it needs no rates, only two or more population counts by age and sex. Here with
 * single years and one-year steps, as the register gives a stock at every year end: the cohort change ratio of age
 * {@code a} is the population aged {@code a} at year ends t over the population aged {@code a − 1} a year earlier,
 * pooled over the base years ({@code 100+} from {@code 99} and {@code 100+}); age 0 comes from the child–woman ratio
 * (those aged 0 over women aged 15–49 at the same year end), applied to the projected women. A ratio with no one in
 * its denominator is 1 (the cohort carried unchanged).
 */
public final class HamiltonPerry
{
    public static final StructType OUTPUT_SCHEMA = new StructType()
            .add("unit", DataTypes.StringType, false)
            .add("sex", DataTypes.StringType, false)
            .add("age", DataTypes.IntegerType, false)
            .add("population", DataTypes.DoubleType, false);

    private HamiltonPerry() {}

    /**
     * @param stocks {@code unit, year, sex, age, persons} at the year ends {@code baseYears} (at least two)
     * @return the population at the end of {@code baseYears.last() + steps}: {@code unit, sex, age, population}
     */
    public static Dataset<Row> project(Dataset<Row> stocks, YearRange baseYears, int steps)
    {
        if (baseYears.years() < 2) {
            throw new IllegalArgumentException("Hamilton–Perry needs two year ends or more, had " + baseYears);
        }
        return stocks.select(col("unit"), col("year"), col("sex"), col("age"), col("persons").cast("double").as("persons"))
                .groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
                .flatMapGroups(new UnitRatios(baseYears.first(), baseYears.last(), steps), Encoders.row(OUTPUT_SCHEMA));
    }

    /** Cohort change ratios of one unit, applied {@code steps} times. */
    private record UnitRatios(int firstYear, int lastYear, int steps) implements FlatMapGroupsFunction<String, Row, Row>
    {
        @Override
        public Iterator<Row> call(String unit, Iterator<Row> rows)
        {
            int ages = ProjectionAssumptions.AGES;
            int years = lastYear - firstYear + 1;
            double[][][] stock = new double[years][2][ages];
            while (rows.hasNext()) {
                Row row = rows.next();
                int year = row.getInt(1) - firstYear;
                if (year >= 0 && year < years) {
                    stock[year][sexIndex(row.getString(2))][row.getInt(3)] += row.getDouble(4);
                }
            }
            double[][] ratios = new double[2][ages];
            double[] childWomanRatio = new double[2];
            double women = 0;
            double[] children = new double[2];
            for (int year = 1; year < years; year++) {
                women += women(stock[year]);
                for (int sex = 0; sex < 2; sex++) {
                    children[sex] += stock[year][sex][0];
                }
            }
            for (int sex = 0; sex < 2; sex++) {
                childWomanRatio[sex] = women > 0 ? children[sex] / women : 0;
                for (int age = 1; age < ages; age++) {
                    double after = 0;
                    double before = 0;
                    for (int year = 1; year < years; year++) {
                        after += stock[year][sex][age];
                        before += stock[year - 1][sex][age - 1] + (age == ages - 1 ? stock[year - 1][sex][age] : 0);
                    }
                    ratios[sex][age] = before > 0 ? after / before : 1;
                }
            }
            double[][] population = stock[years - 1];
            for (int step = 0; step < steps; step++) {
                double[][] next = new double[2][ages];
                for (int sex = 0; sex < 2; sex++) {
                    for (int age = 1; age < ages; age++) {
                        next[sex][age] = ratios[sex][age] * (population[sex][age - 1] + (age == ages - 1 ? population[sex][age] : 0));
                    }
                }
                double projectedWomen = women(next);
                for (int sex = 0; sex < 2; sex++) {
                    next[sex][0] = childWomanRatio[sex] * projectedWomen;
                }
                population = next;
            }
            List<Row> out = new ArrayList<>(2 * ages);
            for (int sex = 0; sex < 2; sex++) {
                for (int age = 0; age < ages; age++) {
                    out.add(RowFactory.create(unit, sex == UnitSchedule.MALE ? "M" : "F", age, population[sex][age]));
                }
            }
            return out.iterator();
        }

        private static int sexIndex(String sex)
        {
            return "M".equals(sex) ? UnitSchedule.MALE : UnitSchedule.FEMALE;
        }

        private static double women(double[][] stock)
        {
            double women = 0;
            for (int age = ProjectionAssumptions.FIRST_FERTILE_AGE; age <= ProjectionAssumptions.LAST_FERTILE_AGE; age++) {
                women += stock[UnitSchedule.FEMALE][age];
            }
            return women;
        }
    }
}
