package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static vn.dancu.engine.cube.Calendar.ageOn;

/**
 * Flows per month from the curated events: births, deaths and moves. Each transform first reduces the events to
 * the records a cube depends on ({@code event_date} and the attributes), which also serve change detection, then
 * classifies them into the stored codes. {@code ref_date} is the month's last day (or the period end for a last,
 * partial month).
 */
public final class EventFacts
{
    /** The {@code other_commune_code} of a move from or to outside the area. */
    public static final String OUTSIDE = "OUTSIDE";
    /** The {@code mother_age_group} of a birth whose mother is not in the register or whose age no group covers. */
    public static final String UNKNOWN = "UNKNOWN";

    private EventFacts() {}

    /**
     * Births: {@code event_date, commune_code, sex, mother_birth_date}. The commune is the mother's commune of
     * residence on the day of the birth (her residence spell covering it), or the birth event's commune when she has
     * no spell covering that day; {@code sex} is the child's.
     */
    public static Dataset<Row> birthRecords(Dataset<Row> events, Dataset<Row> persons, Dataset<Row> spells)
    {
        Dataset<Row> births = events.where(col("event_type").equalTo("BIRTH"))
                .select(col("event_date"), col("pid").as("child_pid"), col("commune_code").as("event_commune"), col("mother_pid"));
        Dataset<Row> children = persons.select(col("pid").as("child_pid"), col("sex"));
        Dataset<Row> mothers = persons.select(col("pid").as("mother_pid"), col("birth_date").as("mother_birth_date"));
        Dataset<Row> motherSpells = spells.select(col("pid").as("spell_pid"), col("commune_code").as("mother_commune"),
                col("valid_from"), col("valid_to"));
        Column covers = col("mother_pid").equalTo(col("spell_pid"))
                .and(col("valid_from").leq(col("event_date")))
                .and(col("valid_to").isNull().or(col("valid_to").gt(col("event_date"))));
        return births.join(children, "child_pid")
                .join(mothers, "mother_pid", "left")
                .join(motherSpells, covers, "left")
                .select(col("event_date"), coalesce(col("mother_commune"), col("event_commune")).as("commune_code"), col("sex"),
                        col("mother_birth_date"));
    }

    /** @return {@code commune_code, sex, ageColumn (the mother's group at the birth, or UNKNOWN), ref_date, births} */
    public static Dataset<Row> births(Dataset<Row> birthRecords, CodeRanges motherAges, String ageColumn, LocalDate periodEnd)
    {
        Column group = motherAges.value(motherAges.index(ageOn(col("mother_birth_date"), col("event_date"))));
        return birthRecords.select(col("commune_code"), col("sex"), coalesce(group, lit(UNKNOWN)).as(ageColumn),
                refDate(periodEnd), lit(1L).as("births"));
    }

    /** Deaths: {@code event_date, commune_code (of residence at death), sex, birth_date}. */
    public static Dataset<Row> deathRecords(Dataset<Row> events, Dataset<Row> persons)
    {
        return events.where(col("event_type").equalTo("DEATH"))
                .select(col("event_date"), col("pid"), col("commune_code"))
                .join(persons.select("pid", "sex", "birth_date"), "pid")
                .select("event_date", "commune_code", "sex", "birth_date");
    }

    /** @return {@code commune_code, sex, ageColumn (age group at death), ref_date, deaths} */
    public static Dataset<Row> deaths(Dataset<Row> deathRecords, CodeRanges ages, String ageColumn, LocalDate periodEnd)
    {
        return deathRecords.select(col("commune_code"), col("sex"), ageGroupOnEventDate(ages).as(ageColumn),
                refDate(periodEnd), lit(1L).as("deaths"));
    }

    /**
     * Moves, one row per commune touched: {@code event_date, commune_code, flow, other_commune_code, sex,
     * birth_date}. A move from outside the area is {@code IN} at its destination, a move to outside {@code OUT} at
     * its origin, both with the other end {@code OUTSIDE}; a move between two communes of the area is
     * {@code BETWEEN_IN} at the destination and {@code BETWEEN_OUT} at the origin, each naming the other commune
     * (codes valid on the event date), so that moves internal to a merged unit can be dropped when reading.
     */
    public static Dataset<Row> moveRecords(Dataset<Row> events, Dataset<Row> persons)
    {
        Column type = col("event_type");
        Column rows = when(type.equalTo("MOVE_WITHIN"), array(
                        move(col("commune_code"), "BETWEEN_IN", col("from_commune_code")),
                        move(col("from_commune_code"), "BETWEEN_OUT", col("commune_code"))))
                .when(type.equalTo("MOVE_IN"), array(move(col("commune_code"), "IN", lit(OUTSIDE))))
                .otherwise(array(move(col("commune_code"), "OUT", lit(OUTSIDE))));
        return events.where(type.isin("MOVE_IN", "MOVE_OUT", "MOVE_WITHIN"))
                .select(col("event_date"), col("pid"), explode(rows).as("move"))
                .join(persons.select("pid", "sex", "birth_date"), "pid")
                .select(col("event_date"), col("move.commune_code").as("commune_code"), col("move.flow").as("flow"),
                        col("move.other_commune_code").as("other_commune_code"), col("sex"), col("birth_date"));
    }

    /** @return {@code commune_code, flow, other_commune_code, sex, ageColumn (age group on the move date), ref_date, moves} */
    public static Dataset<Row> moves(Dataset<Row> moveRecords, CodeRanges ages, String ageColumn, LocalDate periodEnd)
    {
        return moveRecords.select(col("commune_code"), col("flow"), col("other_commune_code"), col("sex"),
                ageGroupOnEventDate(ages).as(ageColumn), refDate(periodEnd), lit(1L).as("moves"));
    }

    private static Column move(Column commune, String flow, Column otherCommune)
    {
        return struct(commune.as("commune_code"), lit(flow).as("flow"), otherCommune.as("other_commune_code"));
    }

    private static Column ageGroupOnEventDate(CodeRanges ages)
    {
        return ages.value(ages.index(ageOn(col("birth_date"), col("event_date"))));
    }

    private static Column refDate(LocalDate periodEnd)
    {
        return least(last_day(col("event_date")), lit(periodEnd)).as(CuboidAggregator.REF_DATE);
    }
}
