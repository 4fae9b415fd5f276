package vn.dancu.engine.projection;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dancu.engine.cube.ResidenceSegments;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * The register's records as a demographer's Lexis tables by <em>cohort age</em>: the age a person reaches on
 * 31 December of the year (year − year of birth, 100 = 100 and over). A cohort age is constant over a calendar year,
 * so each year's events and person-years of a cohort fall in one Lexis parallelogram, the very cell a yearly
 * cohort-component step moves a cohort through. Every table is on the units of a {@link UnitGeography}.
 */
public final class LexisTables
{
    private LexisTables() {}

    /** The settings every table shares: the geography and how to recast the register's codes onto it. */
    public record Units(UnitGeography geography, Dataset<Row> successors, LocalDate reformDate)
    {
        Dataset<Row> recast(Dataset<Row> rows, String codeColumn, Column date)
        {
            return geography.recast(rows, codeColumn, date, successors, reformDate);
        }
    }

    static Column cohortAge(Column year, Column birthDate)
    {
        return least(year.minus(year(birthDate)), lit(ProjectionAssumptions.OPEN_AGE)).cast("int");
    }

    /**
     * Person-years lived in each calendar year from {@code firstYear} to {@code lastYear} (days lived ÷ days of the
     * year, so a whole year counts 1), cut at the period end.
     *
     * @param segments {@code commune_code, sex, birth_date, start_date, end_date} ({@link ResidenceSegments#exposureSegments})
     * @return {@code unit, sex, year, age, person_years}
     */
    public static Dataset<Row> exposure(Dataset<Row> segments, int firstYear, int lastYear, LocalDate periodEnd, Units units)
    {
        LocalDate endExclusive = periodEnd.plusDays(1);
        LocalDate windowEnd = LocalDate.of(lastYear + 1, 1, 1).isBefore(endExclusive) ? LocalDate.of(lastYear + 1, 1, 1) : endExclusive;
        Column start = greatest(col(ResidenceSegments.START), lit(LocalDate.of(firstYear, 1, 1)));
        Column end = least(coalesce(col(ResidenceSegments.END), lit(windowEnd)), lit(windowEnd));
        Dataset<Row> clipped = segments
                .select(col("commune_code").as("unit"), col("sex"), col(ResidenceSegments.BIRTH_DATE).as("birth_date"),
                        col(ResidenceSegments.START).as("spell_start"), start.as("start"), end.as("end"))
                .where(col("start").lt(col("end")));
        Column yearStart = make_date(col("year"), lit(1), lit(1));
        Column nextYear = make_date(col("year").plus(1), lit(1), lit(1));
        return units.recast(clipped, "unit", col("spell_start"))
                .withColumn("year", explode(sequence(year(col("start")), year(date_add(col("end"), -1)))))
                .select(col("unit"), col("sex"), col("year"), cohortAge(col("year"), col("birth_date")).as("age"),
                        datediff(least(col("end"), nextYear), greatest(col("start"), yearStart)).cast("long").as("days"))
                .groupBy("unit", "sex", "year", "age")
                .agg(sum("days").as("days"))
                .select(col("unit"), col("sex"), col("year"), col("age"),
                        col("days").divide(datediff(make_date(col("year").plus(1), lit(1), lit(1)), make_date(col("year"), lit(1), lit(1))))
                                .as("person_years"));
    }

    /**
     * @param deathRecords {@code event_date, commune_code, sex, birth_date}
     * @return {@code unit, sex, year, age, deaths} for the years {@code firstYear}–{@code lastYear}
     */
    public static Dataset<Row> deaths(Dataset<Row> deathRecords, int firstYear, int lastYear, Units units)
    {
        Dataset<Row> inYears = deathRecords.where(year(col("event_date")).between(firstYear, lastYear))
                .withColumnRenamed("commune_code", "unit");
        return units.recast(inYears, "unit", col("event_date"))
                .select(col("unit"), col("sex"), year(col("event_date")).as("year"),
                        cohortAge(year(col("event_date")), col("birth_date")).as("age"))
                .groupBy("unit", "sex", "year", "age")
                .agg(count(lit(1)).as("deaths"));
    }

    /**
     * Moves into and out of each unit. A move between two communes that are one unit of the geography (two old
     * communes merged in 2025) is not migration and is dropped.
     *
     * @param moveRecords {@code event_date, commune_code, flow, other_commune_code, sex, birth_date}
     * @return {@code unit, sex, year, age, in_moves, out_moves}
     */
    public static Dataset<Row> moves(Dataset<Row> moveRecords, int firstYear, int lastYear, Units units)
    {
        Dataset<Row> inYears = moveRecords.where(year(col("event_date")).between(firstYear, lastYear))
                .withColumnRenamed("commune_code", "unit")
                .withColumnRenamed("other_commune_code", "other_unit");
        Dataset<Row> recast = units.recast(units.recast(inYears, "unit", col("event_date")), "other_unit", col("event_date"));
        Column arriving = col("flow").isin("IN", "BETWEEN_IN");
        return recast.where(col("flow").isin("IN", "OUT").or(col("unit").notEqual(col("other_unit"))))
                .select(col("unit"), col("sex"), year(col("event_date")).as("year"),
                        cohortAge(year(col("event_date")), col("birth_date")).as("age"),
                        when(arriving, 1L).otherwise(0L).as("in_move"), when(arriving, 0L).otherwise(1L).as("out_move"))
                .groupBy("unit", "sex", "year", "age")
                .agg(sum("in_move").as("in_moves"), sum("out_move").as("out_moves"));
    }

    /**
     * Births by the mother's unit and cohort age ({@code mother_age}: 15–49, births to younger or older mothers at the
     * nearest end; null when the mother is not in the register).
     *
     * @param birthRecords {@code event_date, commune_code (the mother's), sex (the child's), mother_birth_date}
     * @return {@code unit, year, mother_age, boys, girls}
     */
    public static Dataset<Row> births(Dataset<Row> birthRecords, int firstYear, int lastYear, Units units)
    {
        Dataset<Row> inYears = birthRecords.where(year(col("event_date")).between(firstYear, lastYear))
                .withColumnRenamed("commune_code", "unit");
        Column motherAge = least(greatest(year(col("event_date")).minus(year(col("mother_birth_date"))),
                lit(ProjectionAssumptions.FIRST_FERTILE_AGE)), lit(ProjectionAssumptions.LAST_FERTILE_AGE)).cast("int");
        return units.recast(inYears, "unit", col("event_date"))
                .select(col("unit"), year(col("event_date")).as("year"), motherAge.as("mother_age"),
                        when(col("sex").equalTo("M"), 1L).otherwise(0L).as("boy"), when(col("sex").equalTo("M"), 0L).otherwise(1L).as("girl"))
                .groupBy("unit", "year", "mother_age")
                .agg(sum("boy").as("boys"), sum("girl").as("girls"));
    }

    /**
     * The population at the end of 31 December of {@code year}: persons whose residence spell covers that day.
     *
     * @param segments {@code commune_code, sex, birth_date, start_date, end_date}
     * @return {@code unit, sex, age, persons}
     */
    public static Dataset<Row> yearEndStock(Dataset<Row> segments, int year, Units units)
    {
        return yearEndStocks(segments, List.of(year), units).drop("year");
    }

    /**
     * The population at the end of 31 December of each of {@code years}, in one pass over the segments.
     *
     * @return {@code unit, sex, year, age, persons}
     */
    public static Dataset<Row> yearEndStocks(Dataset<Row> segments, List<Integer> years, Units units)
    {
        if (years.isEmpty()) {
            throw new IllegalArgumentException("no year end to count the population at");
        }
        Column[] days = years.stream().map(year -> lit(LocalDate.of(year, 12, 31))).toArray(Column[]::new);
        Column start = col(ResidenceSegments.START);
        Column end = col(ResidenceSegments.END);
        Column covered = filter(array(days), day -> start.leq(day).and(end.isNull().or(end.gt(day))));
        Dataset<Row> resident = segments
                .select(col("commune_code").as("unit"), col("sex"), col(ResidenceSegments.BIRTH_DATE), start, explode(covered).as("day"));
        return units.recast(resident, "unit", start)
                .select(col("unit"), col("sex"), year(col("day")).as("year"), cohortAge(year(col("day")), col(ResidenceSegments.BIRTH_DATE)).as("age"))
                .groupBy("unit", "sex", "year", "age")
                .agg(count(lit(1)).as("persons"));
    }

    /** The columns of {@link #cells}. */
    public static final List<String> CELL_COLUMNS = List.of("unit", "sex", "year", "age", "person_years", "persons", "deaths", "in_moves",
            "out_moves", "boys", "girls");

    /**
     * Every Lexis table in one: one row per unit, sex, year and cohort age with the person-years lived, the deaths,
     * the moves in and out, the births to women of that age ({@code sex} F; {@code age} −1 for births whose mother is
     * not in the register) and the population at the end of the year when {@code stockYears} contains it.
     *
     * @param flowYears  the years whose exposure and events are counted
     * @param stockYears the year ends whose population is counted
     * @return {@link #CELL_COLUMNS}, zero where a table has nothing
     */
    public static Dataset<Row> cells(RegisterRecords records, YearRange flowYears, List<Integer> stockYears, Units units)
    {
        int first = flowYears.first();
        int last = flowYears.last();
        Column births = coalesce(col("mother_age"), lit(-1)).as("age");
        List<Dataset<Row>> tables = new java.util.ArrayList<>(List.of(
                exposure(records.segments(), first, last, records.periodEnd(), units),
                deaths(records.deathRecords(), first, last, units),
                moves(records.moveRecords(), first, last, units),
                births(records.birthRecords(), first, last, units).select(col("unit"), lit("F").as("sex"), col("year"), births, col("boys"), col("girls"))));
        if (!stockYears.isEmpty()) {
            tables.add(yearEndStocks(records.segments(), stockYears, units));
        }
        return union(tables)
                .groupBy("unit", "sex", "year", "age")
                .agg(sum("person_years").as("person_years"), sum("persons").as("persons"), sum("deaths").as("deaths"),
                        sum("in_moves").as("in_moves"), sum("out_moves").as("out_moves"), sum("boys").as("boys"), sum("girls").as("girls"));
    }

    /** The tables with every cell column, zero where a table has none. */
    private static Dataset<Row> union(List<Dataset<Row>> tables)
    {
        Dataset<Row> all = null;
        for (Dataset<Row> table : tables) {
            List<String> present = List.of(table.columns());
            Column[] columns = CELL_COLUMNS.stream().map(name -> present.contains(name) ? col(name)
                    : (name.equals("person_years") ? lit(0.0) : lit(0L)).as(name)).toArray(Column[]::new);
            Dataset<Row> aligned = table.select(columns);
            all = all == null ? aligned : all.unionByName(aligned);
        }
        return all;
    }
}
