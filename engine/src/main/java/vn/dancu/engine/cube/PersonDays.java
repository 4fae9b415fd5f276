package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;
import static vn.dancu.engine.cube.Calendar.ageOn;
import static vn.dancu.engine.cube.Calendar.birthday;

/**
 * Person-days lived in the area per calendar year, split exactly at birthdays into age groups: the exposure
 * (denominator) of rates. A residence segment {@code [start, end)} contributes, to year Y and age group g, the days it
 * shares with Y and with the days on which the person's completed age is in g.
 */
public final class PersonDays
{
    private PersonDays() {}

    /**
     * @param segments   exposure segments ({@link ResidenceSegments#exposureSegments}) with {@code commune_code, sex}
     * @param from       first day counted (1 January of the first year to produce, the period start, or for an
     *                   incremental build adding to a kept year to date, the day after that year's last counted day)
     * @param periodEnd  last day counted; the last year's row has {@code ref_date} = this day when it is not 31/12
     * @param successors {@code old_code, new_code}: a row dated on or after {@code reformDate} stores the commune
     *                   of the units then in force, so segments on the old units are recast to their successor
     * @param communeParts how many parts the segments are split into by commune before the days of more than one year
     *                   are summed ({@link #communeParts(SparkSession, long)}); 1 or less: not split
     * @return {@code commune_code, sex, ageColumn, ref_date, person_days}
     */
    public static Dataset<Row> byYear(Dataset<Row> segments, CodeRanges ages, String ageColumn, LocalDate from, LocalDate periodEnd,
            Dataset<Row> successors, LocalDate reformDate, int communeParts)
    {
        if (ages.lowerBounds().get(0) != 0 || ages.upperBound() != null) {
            throw new IllegalArgumentException("person-days need age groups from 0 with an open last group; " + ages.name() + " is not");
        }
        LocalDate endExclusive = periodEnd.plusDays(1);
        Column start = greatest(col(ResidenceSegments.START), lit(from));
        Column end = least(coalesce(col(ResidenceSegments.END), lit(endExclusive)), lit(endExclusive));
        Column birth = col("birth");
        Column yearStart = make_date(col("year"), lit(1), lit(1));
        Column nextYearStart = make_date(col("year").plus(1), lit(1), lit(1));
        // a segment lived from before the birth date counts nowhere (no age group holds a negative age)
        Dataset<Row> counted = segments
                .select(col("commune_code"), col("sex"), col(ResidenceSegments.BIRTH_DATE).as("birth"),
                        start.as("start"), end.as("end"), start.lt(lit(reformDate)).as("before_reform"))
                .where(col("start").lt(col("end")).and(ageOn(birth, col("start")).geq(0)));
        if (communeParts > 1 && from.getYear() < periodEnd.getYear()) {
            counted = counted.repartition(communeParts, col("commune_code"));
        }
        Dataset<Row> years = counted
                .withColumn("year", explode(sequence(year(col("start")), year(date_add(col("end"), -1)))))
                .select(col("commune_code"), col("sex"), col("before_reform"), col("year"), birth,
                        greatest(col("start"), yearStart).as("piece_start"), least(col("end"), nextYearStart).as("piece_end"))
                .withColumn("age_index", ages.index(ageOn(birth, col("piece_start"))));
        // within one calendar year a person has one birthday at most, so a piece changes age group once at most: on
        // the birthday that ends its first group, when that day falls inside the piece. Its days go to the two groups
        // and are summed straight away by commune, sex, year and group, in tasks that each hold a few communes.
        Column nextGroupDay = birthday(birth, ages.upperBound(col("age_index")));
        Column change = when(nextGroupDay.lt(col("piece_end")), nextGroupDay);
        Column refDate = least(make_date(col("year"), lit(12), lit(31)), lit(periodEnd));
        Column parts = array(
                struct(col("age_index").as("index"), datediff(coalesce(change, col("piece_end")), col("piece_start")).as("days")),
                struct(col("age_index").plus(1).as("index"), when(change.isNotNull(), datediff(col("piece_end"), change)).otherwise(lit(0)).as("days")));
        Dataset<Row> pieces = years
                .select(col("commune_code"), col("sex"), col("before_reform"), refDate.as(CuboidAggregator.REF_DATE), explode(parts).as("part"))
                .where(col("part.days").gt(0))
                .groupBy(col("commune_code"), col("sex"), col("before_reform"), col(CuboidAggregator.REF_DATE), col("part.index").as("index"))
                .agg(sum(col("part.days").cast("long")).as("person_days"))
                .select(col("commune_code"), col("sex"), col("before_reform"), ages.value(col("index")).as(ageColumn),
                        col(CuboidAggregator.REF_DATE), col("person_days"));

        Column recast = col(CuboidAggregator.REF_DATE).geq(lit(reformDate)).and(col("before_reform"));
        return pieces
                .join(broadcast(successors), pieces.col("commune_code").equalTo(successors.col("old_code")), "left")
                .select(when(recast, coalesce(col("new_code"), col("commune_code"))).otherwise(col("commune_code")).as("commune_code"),
                        col("sex"), col(ageColumn), col(CuboidAggregator.REF_DATE), col("person_days"));
    }

    /**
     * How many parts the segments are split into by commune before the days of more than one year are summed: eight
     * times the shuffle partitions, but no more than one part per {@link FactRequest#SPELLS_PER_TASK} residence spells (as the builder's tasks), so
     * that a small area is not split at all. The partial sums of a task are a hash map of its communes × sex × year ×
     * age group; with the segments as they come (by person), every task held every commune's groups, and at 10 million
     * persons over ten years half the samples were lookups in a map far larger than the processor's caches
     * (person-years 37.8 s; split by commune into 8 parts 34.4 s, 64 parts 29.0 s, 256 parts 32.6 s, where the
     * shuffle grew; docs/benchmarks.md). The days of one year (an incremental build's) make a map a tenth of that
     * size, where the split cost more than it saved (7.8 s against 3.7–4.3 s for the month of October at 10 million).
     *
     * @param spells the number of resident spells (0 when unknown: not split)
     */
    public static int communeParts(SparkSession spark, long spells)
    {
        return communeParts(Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")), spells);
    }

    static int communeParts(int shufflePartitions, long spells)
    {
        return (int) Math.min(8L * shufflePartitions, spells / FactRequest.SPELLS_PER_TASK);
    }
}
