package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;
import static vn.dancu.engine.ingest.RawRecords.LINE_NUMBER;
import static vn.dancu.engine.ingest.RawRecords.MALFORMED;
import static vn.dancu.engine.ingest.RawRecords.RAW;
import static vn.dancu.engine.ingest.RawRecords.SOURCE_FILE;
import static vn.dancu.engine.ingest.TextCleaning.clean;

/**
 * Validates raw event records against themselves and the checked persons (docs/ingest.md, "Event rules"). Every
 * record gets the first rule it breaks, in this order: malformed line; required field missing ({@code
 * from_commune_code} is required for MOVE_WITHIN); date unparseable; event type unknown; person unknown (no person
 * record has the ID number); person rejected (every record of the person was quarantined); commune not in force on
 * the event date; then, among the records that pass all of these, duplicates (the same type, person and date, or a
 * second BIRTH or DEATH of a person: the first in extract order is kept); events before the person's birth; events
 * after the person's death (the date of the person's kept DEATH event).
 */
public final class EventRules
{
    public static final List<String> EVENT_TYPES = List.of("BIRTH", "DEATH", "MOVE_IN", "MOVE_OUT", "MOVE_WITHIN");

    private EventRules() {}

    /**
     * Checked events: every raw record once, with {@code reason_code} and {@code reason_detail} (null when accepted).
     * Columns: {@code source_file, line_number, record_id, reason_code, reason_detail, raw} (rejected only),
     * {@code raw_commune_code} (rejected only), {@code quality_commune_code}, then the curated values {@code event_type,
     * event_date, pid, commune_code, from_commune_code, mother_pid, other_place, registered_date}, and last the
     * person's {@code person_quality_commune_code} and {@code person_resident} from {@code persons} (null unless
     * the person was accepted), for {@link QualityMeasures}.
     *
     * @param persons {@link PersonRules#index} of the checked persons
     */
    public static Dataset<Row> check(Dataset<Row> raw, Dataset<Row> persons, RegisterReference reference, Pseudonymiser pseudonymiser)
    {
        Dataset<Row> keyed = raw.withColumn("pid", pseudonymiser.pseudonym(clean(col("id_number"))));
        Dataset<Row> joined = keyed.join(persons, keyed.col("pid").equalTo(persons.col("pid")), "left")
                .select(keyed.col("*"), persons.col("person_accepted"), persons.col("person_birth_date"),
                        persons.col("person_quality_commune_code"), persons.col("person_resident"))
                .select(
                        col(SOURCE_FILE), col(LINE_NUMBER), col(RAW), col(MALFORMED), RawRecords.originalValues(RawRegisterSchemas.EVENTS),
                        col("pid"), col("person_accepted"), col("person_birth_date"), col("person_quality_commune_code"),
                        col("person_resident"),
                        clean(col("record_id")).as("record_id"),
                        clean(col("event_type")).as("event_type"),
                        clean(col("event_date")).as("event_date_text"),
                        col("commune_code").as("raw_commune_code"),
                        clean(col("commune_code")).as("commune_code"),
                        clean(col("from_commune_code")).as("from_commune_code"),
                        clean(col("mother_id_number")).as("mother_id_number"),
                        clean(col("other_place")).as("other_place"),
                        clean(col("registered_date")).as("registered_date_text"),
                        clean(col("id_number")).as("id_number"))
                .withColumns(PersonRules.columns(
                        "event_date", Values.date(col("event_date_text")),
                        "registered_date", Values.date(col("registered_date_text"))));
        joined = joined.withColumns(PersonRules.columns(
                "commune_in_force", reference.communes().inForce(col("commune_code"), col("event_date")),
                "from_in_force", reference.communes().inForce(col("from_commune_code"), col("event_date"))));

        List<Rule> rules = rules();
        Column passesRules = col("rule").isNull();
        WindowSpec earlierOfPerson = Window.partitionBy("pid").orderBy(SOURCE_FILE, LINE_NUMBER)
                .rowsBetween(Window.unboundedPreceding(), -1);
        WindowSpec earlierSameEvent = Window.partitionBy("pid", "event_type", "event_date").orderBy(SOURCE_FILE, LINE_NUMBER)
                .rowsBetween(Window.unboundedPreceding(), -1);
        Column type = col("event_type");
        Column duplicate = passesRules.and(col("earlier_same").isNotNull()
                .or(type.equalTo("BIRTH").and(col("earlier_birth").isNotNull()))
                .or(type.equalTo("DEATH").and(col("earlier_death").isNotNull())));
        Column duplicateDetail = when(col("earlier_same").isNotNull(),
                        format_string("same type, person and date as record %s, which is kept", col("earlier_same")))
                .when(type.equalTo("BIRTH"), format_string("a second BIRTH of the person; record %s is kept", col("earlier_birth")))
                .otherwise(format_string("a second DEATH of the person; record %s is kept", col("earlier_death")));
        Column passesDuplicates = passesRules.and(duplicate.unary_$bang());
        Column beforeBirth = passesDuplicates.and(col("event_date").lt(col("person_birth_date")));
        Column passesBirth = passesDuplicates.and(beforeBirth.unary_$bang());
        Column afterDeath = col("passes_birth").and(col("event_date").gt(col("death_date")));

        Dataset<Row> judged = joined
                .withColumn("rule", Rule.firstBroken(rules))
                .withColumns(PersonRules.columns(
                        "earlier_birth", first(when(passesRules.and(type.equalTo("BIRTH")), col("record_id")), true).over(earlierOfPerson),
                        "earlier_death", first(when(passesRules.and(type.equalTo("DEATH")), col("record_id")), true).over(earlierOfPerson)))
                .withColumn("earlier_same", first(when(passesRules, col("record_id")), true).over(earlierSameEvent))
                .withColumns(PersonRules.columns("duplicate", duplicate, "before_birth", beforeBirth, "passes_birth", passesBirth))
                .withColumn("death_date", min(when(col("passes_birth").and(type.equalTo("DEATH")), col("event_date"))).over(Window.partitionBy("pid")))
                .withColumn("after_death", afterDeath)
                .withColumns(PersonRules.columns(
                        "reason_code", coalesce(Rule.code(rules, col("rule")),
                                when(col("duplicate"), lit(ReasonCode.DUPLICATE_EVENT.name())),
                                when(col("before_birth"), lit(ReasonCode.EVENT_BEFORE_BIRTH.name())),
                                when(col("after_death"), lit(ReasonCode.EVENT_AFTER_DEATH.name()))),
                        "reason_detail", coalesce(Rule.detail(rules, col("rule")),
                                when(col("duplicate"), duplicateDetail),
                                when(col("before_birth"), format_string("event date %s is before the person's birth date %s",
                                        col("event_date").cast("string"), col("person_birth_date").cast("string"))),
                                when(col("after_death"), format_string("event date %s is after the person's death on %s",
                                        col("event_date").cast("string"), col("death_date").cast("string"))))));

        Column rejected = col("reason_code").isNotNull();
        return judged.select(
                col(SOURCE_FILE), col(LINE_NUMBER), col("record_id"), col("reason_code"), col("reason_detail"),
                when(rejected, RawRecords.rawText()).as(RAW),
                when(rejected, col("raw_commune_code")).as("raw_commune_code"),
                when(col("commune_in_force"), col("commune_code")).otherwise(lit(QualityMeasures.UNKNOWN_COMMUNE)).as("quality_commune_code"),
                col("event_type"), col("event_date"), col("pid"), col("commune_code"), col("from_commune_code"),
                pseudonymiser.pseudonym(col("mother_id_number")).as("mother_pid"),
                col("other_place"), col("registered_date"),
                col("person_quality_commune_code"), col("person_resident"));
    }

    private static List<Rule> rules()
    {
        Map<String, Column> required = new LinkedHashMap<>();
        required.put("record_id", col("record_id"));
        required.put("event_type", col("event_type"));
        required.put("event_date", col("event_date_text"));
        required.put("id_number", col("id_number"));
        required.put("commune_code", col("commune_code"));
        required.put("registered_date", col("registered_date_text"));
        Column eventDateBroken = Values.unparsed(col("event_date_text"), col("event_date"));
        return List.of(
                new Rule(ReasonCode.REPEATED_HEADER, col(MALFORMED).equalTo(lit(RawRecords.REPEATED_HEADER)), col(MALFORMED)),
                new Rule(ReasonCode.MALFORMED_LINE, col(MALFORMED).isNotNull(), col(MALFORMED)),
                Rule.required(List.copyOf(required.keySet()), required::get),
                new Rule(ReasonCode.REQUIRED_FIELD_MISSING,
                        col("event_type").equalTo("MOVE_WITHIN").and(col("from_commune_code").isNull()),
                        lit("from_commune_code is empty (required for MOVE_WITHIN)")),
                new Rule(ReasonCode.DATE_UNPARSEABLE, eventDateBroken.or(Values.unparsed(col("registered_date_text"), col("registered_date"))),
                        when(eventDateBroken, format_string("event_date '%s' is not a date yyyy-MM-dd", col("event_date_text")))
                                .otherwise(format_string("registered_date '%s' is not a date yyyy-MM-dd", col("registered_date_text")))),
                new Rule(ReasonCode.EVENT_TYPE_UNKNOWN, col("event_type").isin(EVENT_TYPES.toArray()).unary_$bang(),
                        format_string("event_type '%s' is not one of " + String.join(", ", EVENT_TYPES), col("event_type"))),
                new Rule(ReasonCode.EVENT_PERSON_UNKNOWN, col("person_accepted").isNull(),
                        lit("no person record has this ID number")),
                new Rule(ReasonCode.EVENT_PERSON_REJECTED, col("person_accepted").equalTo(0),
                        lit("every person record with this ID number was quarantined")),
                new Rule(ReasonCode.EVENT_COMMUNE_UNKNOWN,
                        col("commune_in_force").unary_$bang().or(col("from_commune_code").isNotNull().and(col("from_in_force").unary_$bang())),
                        when(col("commune_in_force").unary_$bang(), format_string("commune_code '%s' is not a commune of the area on %s",
                                col("commune_code"), col("event_date").cast("string")))
                                .otherwise(format_string("from_commune_code '%s' is not a commune of the area on %s",
                                        col("from_commune_code"), col("event_date").cast("string")))));
    }
}
