package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * Derives residence spells (who lived in which commune from when to when) from curated persons and events.
 *
 * <p>A person whose first event in the period is not an entry (birth, move in) was resident at the period start:
 * the commune then is the origin of that first event, or, when the first event falls after the 2025 reform (or
 * there is none) and the period starts before it, the person's {@code former_commune_code} (when the register leaves
 * it empty: the first event's origin, or without events the commune). Of two events of one day in the same order
 * (two moves), the one with the lower record id comes first. Each entry event opens
 * a spell, the next event closes it. Spells that cross 01/07/2025 are cut there, and the part after takes the
 * successor's code, so that every spell's code is valid for the whole spell.
 *
 * <p>One shuffle and one sort of persons and events together (each person a step at the period start, next to its
 * events; the windows giving the first event and each spell's end share that order), and the cut at the reform is one
 * pass (a spell becomes one or two rows), so no intermediate result is computed twice.
 */
public final class ResidenceSpells
{
    private static final String PRESENT_AT_START = "PRESENT_AT_START";

    private ResidenceSpells() {}

    /**
     * @param successors old commune code → 2025 commune code ({@code old_code}, {@code new_code})
     */
    public static Dataset<Row> derive(Dataset<Row> persons, Dataset<Row> events, Dataset<Row> successors,
            LocalDate periodStart, LocalDate reformDate)
    {
        Column sameDayOrder = sameDayOrder(col("event_type"));
        Dataset<Row> steps = events.select(
                col("pid"),
                col("event_date").as("date"),
                sameDayOrder.as("order"),
                col("event_id").as("tie"),
                when(col("event_type").isin("BIRTH", "MOVE_IN", "MOVE_WITHIN"), col("commune_code")).as("state"),
                col("event_type").as("kind"),
                when(col("event_type").equalTo("MOVE_WITHIN"), col("from_commune_code")).otherwise(col("commune_code")).as("origin"));

        // Each person is a step of its own at the period start, sorted with its events: one shuffle and one sort of
        // persons and events together. The first event comes from the same sorted partition (a whole-partition frame,
        // so that an event dated before the period start is still the first one).
        Dataset<Row> present = persons.select(col("pid"), lit(periodStart).as("date"), lit(-1).as("order"), lit("").as("tie"),
                lit(PRESENT_AT_START).as("kind"), col("commune_code"), col("former_commune_code"));
        WindowSpec byPerson = Window.partitionBy("pid").orderBy(col("date"), col("order"), col("tie"));
        Column isPresence = col("kind").equalTo(PRESENT_AT_START);
        Column firstEvent = first(when(isPresence.unary_$bang(), struct(col("kind"), col("date"), col("origin"))), true)
                .over(byPerson.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing()));

        boolean startsBeforeReform = periodStart.isBefore(reformDate);
        Column firstAfterReform = col("first.date").geq(lit(reformDate));
        Column initialCommune = when(col("first.kind").isNull(),
                        startsBeforeReform ? coalesce(col("former_commune_code"), col("commune_code")) : col("commune_code"))
                .when(firstAfterReform.and(lit(startsBeforeReform)), coalesce(col("former_commune_code"), col("first.origin")))
                .otherwise(col("first.origin"));

        // A person whose first event is an entry (birth, move in) was not resident at the period start: no step there.
        // Two events of a person on one day in the same order (two moves the same day) follow their record ids.
        Dataset<Row> spells = steps.unionByName(present, true)
                .withColumn("first", firstEvent)
                .where(isPresence.unary_$bang().or(col("first.kind").isNull()).or(col("first.kind").isin("BIRTH", "MOVE_IN").unary_$bang()))
                .withColumn("state", when(isPresence, initialCommune).otherwise(col("state")))
                .withColumns(PersonRules.columns("valid_to", lead(col("date"), 1).over(byPerson), "exit", lead(col("kind"), 1).over(byPerson)))
                .where(col("state").isNotNull().and(col("valid_to").isNull().or(col("valid_to").gt(col("date")))))
                .select(col("pid"), col("state").as("commune_code"), col("date").as("valid_from"), col("valid_to"),
                        col("kind").as("entry"), col("exit"));
        return cutAtReform(spells, successors, reformDate);
    }

    /**
     * The order of a person's events of one day: entries (birth, move in) first, then moves within, then exits (move
     * out, death); the record id breaks ties. {@link QualityMeasures} finds a person's last event by the same order.
     */
    public static Column sameDayOrder(Column eventType)
    {
        return when(eventType.isin("BIRTH", "MOVE_IN"), 0).when(eventType.equalTo("MOVE_WITHIN"), 1).otherwise(2);
    }

    /** Cuts every spell that spans {@code reformDate} in two; the second part takes the successor code. */
    public static Dataset<Row> cutAtReform(Dataset<Row> spells, Dataset<Row> successors, LocalDate reformDate)
    {
        Column crosses = col("valid_from").lt(lit(reformDate))
                .and(col("valid_to").isNull().or(col("valid_to").gt(lit(reformDate))));
        Column whole = struct(col("commune_code").as("commune_code"), col("valid_from").as("valid_from"), col("valid_to").as("valid_to"),
                col("entry").as("entry"), col("exit").as("exit"));
        Column before = struct(col("commune_code").as("commune_code"), col("valid_from").as("valid_from"),
                lit(reformDate).as("valid_to"), col("entry").as("entry"), lit("REORGANISATION").as("exit"));
        Column after = struct(coalesce(col("new_code"), col("commune_code")).as("commune_code"), lit(reformDate).as("valid_from"),
                col("valid_to").as("valid_to"), lit("REORGANISATION").as("entry"), col("exit").as("exit"));
        return spells
                .join(broadcast(successors), spells.col("commune_code").equalTo(successors.col("old_code")), "left")
                .select(col("pid"), explode(when(crosses, array(before, after)).otherwise(array(whole))).as("part"))
                .select(col("pid"), col("part.commune_code"), col("part.valid_from"), col("part.valid_to"), col("part.entry"),
                        col("part.exit"));
    }
}
