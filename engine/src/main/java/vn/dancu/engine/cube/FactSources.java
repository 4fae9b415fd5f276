package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * The fact sources cube descriptors name in {@code source}. Each turns a curated snapshot into rows at the finest
 * grain: {@code ref_date}, the dimension columns a descriptor may use, and measure columns. The builder groups them.
 */
public final class FactSources
{
    public static final Map<String, Function<CuratedSnapshot, Dataset<Row>>> ALL = Map.of(
            "residents_at_month_end", FactSources::residentsAtMonthEnd);

    private FactSources() {}

    /**
     * One row per person and month end at which the person was resident: {@code ref_date, commune_code, sex, age,
     * ethnicity_code, residence_status, persons (=1)}. Residence status is the person's status at the extract date
     * for residents; people who died or moved out are counted as permanent residents while they lived here.
     */
    public static Dataset<Row> residentsAtMonthEnd(CuratedSnapshot snapshot)
    {
        Dataset<Row> spells = snapshot.residenceSpells();
        Dataset<Row> persons = snapshot.persons().select("pid", "birth_date", "sex", "ethnicity_code", "residence_status");
        LocalDate lastMonthEnd = snapshot.periodEnd().withDayOfMonth(snapshot.periodEnd().lengthOfMonth());
        Column firstMonth = trunc(col("valid_from"), "MM");
        Column lastMonthEndInSpell = when(col("valid_to").isNull(), lit(lastMonthEnd))
                .otherwise(least(date_sub(trunc(col("valid_to"), "MM"), 1), lit(lastMonthEnd)));
        Column months = months_between(trunc(lastMonthEndInSpell, "MM"), firstMonth).cast("int");
        return monthEndAges(spells
                .withColumn("months", months)
                .where(col("months").geq(0))
                .withColumn("i", explode(sequence(lit(0), col("months"))))
                .withColumn("ref_date", last_day(add_months(firstMonth, col("i"))))
                .join(persons, "pid"))
                .select(col("ref_date"), col("commune_code"), col("sex"), col("age"), col("ethnicity_code"),
                        when(col("residence_status").equalTo("TEMPORARY"), lit("TEMPORARY")).otherwise(lit("PERMANENT")).as("residence_status"),
                        lit(1L).as("persons"));
    }

    /** Adds {@code age}: completed years on {@code ref_date}, capped at 100 (meaning 100 and over). */
    public static Dataset<Row> monthEndAges(Dataset<Row> rows)
    {
        Column birthdayNotYet = month(col("ref_date")).lt(month(col("birth_date")))
                .or(month(col("ref_date")).equalTo(month(col("birth_date")))
                        .and(dayofmonth(col("ref_date")).lt(dayofmonth(col("birth_date")))));
        Column age = year(col("ref_date")).minus(year(col("birth_date"))).minus(when(birthdayNotYet, 1).otherwise(0));
        return rows.withColumn("age", least(age, lit(100)).cast("int"));
    }

    public static List<String> names()
    {
        return ALL.keySet().stream().sorted().toList();
    }
}
