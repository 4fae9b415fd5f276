package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The data-quality measures of an ingest run per commune, for the leadership's "đúng, đủ, sạch, sống" goal
 * (docs/architecture.md, "quality"): one row per commune and indicator ({@code commune_code}, {@code indicator},
 * {@code value}), all counts, so that shares are derived when served. A record is placed in its commune as given
 * if that code is in force on the record's date, otherwise in {@value #UNKNOWN_COMMUNE}.
 */
public final class QualityMeasures
{
    public static final String UNKNOWN_COMMUNE = "UNKNOWN";

    /** The indicators, in the order of the {@code qualityIndicator} code list. */
    public enum Indicator
    {
        /** Records (persons and events) read. */
        RECORDS_READ,
        /** Records accepted into the curated snapshot. */
        RECORDS_ACCEPTED,
        /** Records quarantined. */
        RECORDS_QUARANTINED,
        /** Person records read: the base of {@link #PERSONS_PASSING_ALL_RULES}. */
        PERSON_RECORDS_READ,
        /** Person records that pass every rule (are accepted): "đúng". */
        PERSONS_PASSING_ALL_RULES,
        /** Records quarantined as duplicates (persons and events): "sạch". */
        DUPLICATES,
        /** Accepted persons resident (permanent or temporary) at the extract date: the base of the measures below. */
        PERSONS_RESIDENT,
        /** Residents with a religion filled in: "đủ". */
        RELIGION_PRESENT,
        /** Residents with a household filled in: "đủ". */
        HOUSEHOLD_PRESENT,
        /** Residents with a relation to the head of household filled in: "đủ". */
        RELATION_PRESENT,
        /** Residents with a chip-based ID card. */
        CHIP_CARD,
        /** Residents with a VNeID account at level 1 (exactly). */
        VNEID_1,
        /** Residents with a VNeID account at level 2. */
        VNEID_2,
        /** Residents whose death is recorded by an accepted DEATH event: "sống". */
        DEAD_MARKED_RESIDENT,
        /** Residents (by status) who are not dead but whose last accepted event is a MOVE_OUT: "sống". */
        MOVED_OUT_MARKED_RESIDENT,
        /**
         * Accepted persons marked dead or moved out whom no accepted DEATH or MOVE_OUT event takes out of the area: their
         * residence spell stays open, so the cubes count them as residents.
         */
        EXIT_WITHOUT_EVENT
    }

    private QualityMeasures() {}

    /**
     * @param checkedPersons {@link PersonRules#check}
     * @param checkedEvents  {@link EventRules#check}, which carries each accepted person's quality commune and resident flag
     */
    public static Dataset<Row> measure(Dataset<Row> checkedPersons, Dataset<Row> checkedEvents)
    {
        Column accepted = col("reason_code").isNull();
        Column duplicate = col("reason_code").isin(ReasonCode.DUPLICATE_PERSON.name(), ReasonCode.DUPLICATE_EVENT.name());

        // Every measure of a person record but the three that need the person's accepted events: no join, no shuffle
        // of the persons. A person marked dead or moved out counts in EXIT_WITHOUT_EVENT here, and is taken off below
        // when an accepted DEATH or a last MOVE_OUT takes them out of the area.
        Column resident = accepted.and(PersonRules.resident(col("residence_status")));
        Dataset<Row> persons = checkedPersons.select(col("quality_commune_code").as("commune_code"),
                lit(1L).as(Indicator.RECORDS_READ.name()),
                flag(accepted).as(Indicator.RECORDS_ACCEPTED.name()),
                flag(accepted.unary_$bang()).as(Indicator.RECORDS_QUARANTINED.name()),
                lit(1L).as(Indicator.PERSON_RECORDS_READ.name()),
                flag(accepted).as(Indicator.PERSONS_PASSING_ALL_RULES.name()),
                flag(duplicate).as(Indicator.DUPLICATES.name()),
                flag(resident).as(Indicator.PERSONS_RESIDENT.name()),
                flag(resident.and(col("religion").isNotNull())).as(Indicator.RELIGION_PRESENT.name()),
                flag(resident.and(col("household_pid").isNotNull())).as(Indicator.HOUSEHOLD_PRESENT.name()),
                flag(resident.and(col("relation_to_head").isNotNull())).as(Indicator.RELATION_PRESENT.name()),
                flag(resident.and(col("chip_card_issue_date").isNotNull())).as(Indicator.CHIP_CARD.name()),
                flag(resident.and(col("vneid_level").equalTo(1))).as(Indicator.VNEID_1.name()),
                flag(resident.and(col("vneid_level").equalTo(2))).as(Indicator.VNEID_2.name()),
                flag(accepted.and(exitStatus(col("residence_status")))).as(Indicator.EXIT_WITHOUT_EVENT.name()));

        // Per person, from the accepted events (as the residence spells are made): dead, or gone by a last move out.
        // An accepted event's person is accepted, and the event carries that record's commune and whether its status is
        // resident (otherwise it is DECEASED or MOVED_OUT: a status must be one of the four to be accepted).
        Column sameDayOrder = ResidenceSpells.sameDayOrder(col("event_type"));
        Column dead = col("dead");
        Column movedOut = dead.unary_$bang().and(col("last_event").equalTo("MOVE_OUT"));
        Column personResident = col("resident");
        Dataset<Row> exits = checkedEvents
                .where(accepted)
                .groupBy("pid")
                .agg(max(col("event_type").equalTo("DEATH")).as("dead"),
                        max_by(col("event_type"), struct(col("event_date"), sameDayOrder, col("record_id"))).as("last_event"),
                        max(col("person_quality_commune_code")).as("commune_code"),
                        max(col("person_resident")).as("resident"))
                .where(dead.or(movedOut))
                .select(col("commune_code"),
                        flag(personResident.and(dead)).as(Indicator.DEAD_MARKED_RESIDENT.name()),
                        flag(personResident.and(movedOut)).as(Indicator.MOVED_OUT_MARKED_RESIDENT.name()),
                        flag(personResident.unary_$bang()).multiply(-1L).as(Indicator.EXIT_WITHOUT_EVENT.name()));

        Dataset<Row> events = checkedEvents.select(col("quality_commune_code").as("commune_code"),
                lit(1L).as(Indicator.RECORDS_READ.name()),
                flag(accepted).as(Indicator.RECORDS_ACCEPTED.name()),
                flag(accepted.unary_$bang()).as(Indicator.RECORDS_QUARANTINED.name()),
                flag(duplicate).as(Indicator.DUPLICATES.name()));

        List<Column> sums = new ArrayList<>();
        List<Column> values = new ArrayList<>();
        for (Indicator indicator : Indicator.values()) {
            sums.add(sum(col(indicator.name())).cast("long").as(indicator.name()));
            values.add(col(indicator.name()));
        }
        return persons.unionByName(exits, true).unionByName(events, true)
                .na().fill(0L)
                .groupBy("commune_code")
                .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
                .unpivot(new Column[] {col("commune_code")}, values.toArray(Column[]::new), "indicator", "value");
    }

    private static Column exitStatus(Column status)
    {
        return coalesce(status.isin("DECEASED", "MOVED_OUT"), lit(false));
    }

    private static Column flag(Column condition)
    {
        return when(condition, 1L).otherwise(0L);
    }
}
