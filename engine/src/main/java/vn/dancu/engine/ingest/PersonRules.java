package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;
import static vn.dancu.engine.ingest.RawRecords.LINE_NUMBER;
import static vn.dancu.engine.ingest.RawRecords.MALFORMED;
import static vn.dancu.engine.ingest.RawRecords.RAW;
import static vn.dancu.engine.ingest.RawRecords.SOURCE_FILE;
import static vn.dancu.engine.ingest.TextCleaning.clean;
import static vn.dancu.engine.ingest.TextCleaning.cleanWords;

/**
 * Validates raw person records (docs/ingest.md, "Person rules"). Every record gets the first rule it breaks, in this
 * order: malformed line; required field missing; date unparseable; ID not 12 digits; ID province unknown; sex
 * unknown; birth date before 1900; birth date in the future; ID century/sex digit; ID birth-year digits; ethnicity
 * unknown; value not in its list; commune unknown; and, among the records that pass all of these, duplicates of an
 * ID number: the first record in extract order (file name, then line) is kept, later ones are quarantined.
 *
 * <p>The commune must be in force on the record's date: the date of the person's death when the events record one
 * (whatever the residence status says: a register may still mark the dead as resident), else for the moved out (by
 * status, or by events: a last move out that no later entry follows) the date of their last move out, else the
 * extract date. For a person still marked resident, a commune in force on the extract date is accepted as well. A
 * {@code former_commune_code} must be in force on 30/06/2025.
 */
public final class PersonRules
{
    public static final Map<String, String> SEXES = ordered("Nam", "M", "Nữ", "F");
    public static final Map<String, String> RESIDENCE_STATUSES = ordered("Thường trú", "PERMANENT", "Tạm trú", "TEMPORARY",
            "Đã chết", "DECEASED", "Đã chuyển đi", "MOVED_OUT");
    public static final Map<String, String> RELATIONS = ordered("Chủ hộ", "HEAD", "Vợ/chồng", "SPOUSE", "Con", "CHILD",
            "Cha/mẹ", "PARENT", "Cháu", "GRANDCHILD", "Anh/chị/em", "SIBLING", "Khác", "OTHER");
    public static final List<String> VNEID_LEVELS = List.of("0", "1", "2");
    public static final List<String> RESIDENT_STATUSES = List.of("PERMANENT", "TEMPORARY");

    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private PersonRules() {}

    /** Whether a residence status (a code, as curated) is a resident's: PERMANENT or TEMPORARY; false when null. */
    public static Column resident(Column status)
    {
        return coalesce(status.isin(RESIDENT_STATUSES.toArray()), lit(false));
    }

    /**
     * Per person (pseudonym of the ID number) in the raw events: the date of death ({@code death_date}, the earliest
     * DEATH event), of the last move out ({@code moved_out_date}) and whether the person left for good
     * ({@code left}: no birth or move in or within after that move out), which date the commune of the dead and the
     * moved out.
     */
    public static Dataset<Row> exitDates(Dataset<Row> rawEvents, Pseudonymiser pseudonymiser)
    {
        Column type = clean(col("event_type"));
        Column date = Values.date(clean(col("event_date")));
        return rawEvents
                .select(pseudonymiser.pseudonym(clean(col("id_number"))).as("pid"), type.as("type"), date.as("date"))
                .where(col("pid").isNotNull().and(col("date").isNotNull()).and(col("type").isin(EventRules.EVENT_TYPES.toArray())))
                .groupBy("pid")
                .agg(min(when(col("type").equalTo("DEATH"), col("date"))).as("death_date"),
                        max(when(col("type").equalTo("MOVE_OUT"), col("date"))).as("moved_out_date"),
                        max(when(col("type").isin("BIRTH", "MOVE_IN", "MOVE_WITHIN"), col("date"))).as("entered_date"))
                .where(col("death_date").isNotNull().or(col("moved_out_date").isNotNull()))
                .select(col("pid"), col("death_date"), col("moved_out_date"),
                        col("moved_out_date").isNotNull().and(col("entered_date").isNull().or(col("entered_date").leq(col("moved_out_date"))))
                                .as("left"));
    }

    /**
     * Checked persons: every raw record once, with {@code reason_code} and {@code reason_detail} (null when accepted)
     * and the curated values. Columns: {@code source_file, line_number, record_id, reason_code, reason_detail, raw}
     * (rejected records only), {@code raw_commune_code} (rejected only), {@code quality_commune_code} (the commune
     * if in force on the record's date, else {@code UNKNOWN}), then {@code pid, birth_date, sex, ethnicity_code,
     * religion, commune_code, former_commune_code, household_pid, relation_to_head, residence_status,
     * chip_card_issue_date, vneid_level, vneid_activation_date}.
     *
     * @param exitDates see {@link #exitDates}
     */
    public static Dataset<Row> check(Dataset<Row> raw, Dataset<Row> exitDates, RegisterReference reference, Pseudonymiser pseudonymiser)
    {
        Dataset<Row> keyed = raw.withColumn("pid", pseudonymiser.pseudonym(clean(col("id_number"))));
        // A hash join that builds the exit dates (one narrow row per person who died or moved out) and streams the raw
        // records: no sort of every whole raw record by pseudonym, which a sort-merge join adds before the window's own
        // sort (ingest of 1 million persons: 63.6 s → 52.1–53.5 s, docs/benchmarks.md § Ingest).
        Dataset<Row> joined = keyed.join(exitDates.hint("shuffle_hash"), keyed.col("pid").equalTo(exitDates.col("pid")), "left")
                .select(keyed.col("*"), exitDates.col("death_date"), exitDates.col("moved_out_date"), exitDates.col("left"));
        Dataset<Row> cleaned = joined.select(
                        col(SOURCE_FILE), col(LINE_NUMBER), col(RAW), col(MALFORMED), RawRecords.originalValues(RawRegisterSchemas.PERSONS),
                        col("pid"), col("death_date"), col("moved_out_date"), col("left"),
                        clean(col("record_id")).as("record_id"),
                        clean(col("id_number")).as("id_number"),
                        clean(col("birth_date")).as("birth_date_text"),
                        cleanWords(col("sex")).as("sex_text"),
                        clean(col("ethnicity_code")).as("ethnicity_code"),
                        cleanWords(col("religion")).as("religion"),
                        col("commune_code").as("raw_commune_code"),
                        clean(col("commune_code")).as("commune_code"),
                        clean(col("former_commune_code")).as("former_commune_code"),
                        clean(col("household_id")).as("household_id"),
                        cleanWords(col("relation_to_head")).as("relation_text"),
                        cleanWords(col("residence_status")).as("status_text"),
                        clean(col("chip_card_issue_date")).as("chip_card_text"),
                        clean(col("vneid_level")).as("vneid_level_text"),
                        clean(col("vneid_activation_date")).as("activation_text"))
                .withColumns(columns(
                        "birth_date", Values.date(col("birth_date_text")),
                        "chip_card_issue_date", Values.date(col("chip_card_text")),
                        "vneid_activation_date", Values.date(col("activation_text")),
                        "sex", Values.codeOf(col("sex_text"), SEXES),
                        "residence_status", Values.codeOf(col("status_text"), RESIDENCE_STATUSES),
                        "relation_to_head", Values.codeOf(col("relation_text"), RELATIONS),
                        "vneid_level", when(col("vneid_level_text").isin(VNEID_LEVELS.toArray()), col("vneid_level_text").cast("int"))));

        Column extractDate = lit(Date.valueOf(reference.extractDate()));
        Column communeDate = coalesce(col("death_date"),
                when(col("residence_status").equalTo("MOVED_OUT").or(col("left")), col("moved_out_date")),
                extractDate);
        CommuneValidity communes = reference.communes();
        // A person the register still marks resident after death or a move out may carry the commune of either day
        Dataset<Row> dated = cleaned.withColumn("commune_date", communeDate)
                .withColumn("commune_in_force", communes.inForce(col("commune_code"), col("commune_date"))
                        .or(resident(col("residence_status"))
                                .and(communes.inForce(col("commune_code"), extractDate))))
                .withColumn("former_in_force", communes.inForce(col("former_commune_code"), lit(Date.valueOf(reference.lastDayBeforeReform()))));

        List<Rule> rules = rules(reference);
        WindowSpec earlier = Window.partitionBy("pid").orderBy(SOURCE_FILE, LINE_NUMBER)
                .rowsBetween(Window.unboundedPreceding(), -1);
        Column passes = col("rule").isNull();
        Column duplicate = passes.and(col("kept").isNotNull());
        // The detail texts are built after the window, for rejected records only: the stage before stays small
        Dataset<Row> judged = dated
                .withColumn("rule", Rule.firstBroken(rules))
                .withColumn("kept", first(when(passes, struct(col("record_id"), col(SOURCE_FILE), col(LINE_NUMBER))), true).over(earlier))
                .withColumns(columns(
                        "reason_code", coalesce(Rule.code(rules, col("rule")), when(duplicate, lit(ReasonCode.DUPLICATE_PERSON.name()))),
                        "reason_detail", coalesce(Rule.detail(rules, col("rule")), when(duplicate, format_string(
                                "same ID number as record %s (%s line %d), which is kept",
                                col("kept.record_id"), col("kept." + SOURCE_FILE), col("kept." + LINE_NUMBER))))));

        Column rejected = col("reason_code").isNotNull();
        return judged.select(
                col(SOURCE_FILE), col(LINE_NUMBER), col("record_id"), col("reason_code"), col("reason_detail"),
                when(rejected, RawRecords.rawText()).as(RAW),
                when(rejected, col("raw_commune_code")).as("raw_commune_code"),
                when(col("commune_in_force"), col("commune_code")).otherwise(lit(QualityMeasures.UNKNOWN_COMMUNE)).as("quality_commune_code"),
                col("pid"), col("birth_date"), col("sex"), col("ethnicity_code"), col("religion"), col("commune_code"),
                col("former_commune_code"),
                pseudonymiser.pseudonym(col("household_id")).as("household_pid"),
                col("relation_to_head"), col("residence_status"),
                col("chip_card_issue_date"),
                col("vneid_level"),
                col("vneid_activation_date"));
    }

    /**
     * Per pseudonym: whether a record of the person was accepted ({@code person_accepted} 1/0) and, from the accepted
     * record (at most one: later records of an ID number are duplicates), {@code person_birth_date} for the event rules
     * and {@code person_quality_commune_code} and {@code person_resident} (a permanent or temporary resident by status;
     * an accepted record that is not has status DECEASED or MOVED_OUT), which the checked events carry to
     * {@link QualityMeasures} so that it need not join the persons again.
     */
    public static Dataset<Row> index(Dataset<Row> checked)
    {
        Column accepted = col("reason_code").isNull();
        return checked.where(col("pid").isNotNull())
                .groupBy("pid")
                .agg(max(when(accepted, 1).otherwise(0)).as("person_accepted"),
                        max(when(accepted, struct(col("birth_date"), col("quality_commune_code"),
                                resident(col("residence_status")).as("resident")))).as("kept"))
                .select(col("pid"), col("person_accepted"), col("kept.birth_date").as("person_birth_date"),
                        col("kept.quality_commune_code").as("person_quality_commune_code"),
                        col("kept.resident").as("person_resident"));
    }

    private static List<Rule> rules(RegisterReference reference)
    {
        Column id = col("id_number");
        Column birth = col("birth_date");
        Column centurySexDigit = floor(year(birth).minus(1900).divide(100)).multiply(2)
                .plus(when(col("sex").equalTo("F"), 1).otherwise(0)).cast("int");
        Column birthUnparsed = Values.unparsed(col("birth_date_text"), birth);
        Column chipCardUnparsed = Values.unparsed(col("chip_card_text"), col("chip_card_issue_date"));
        Column yearDigits = lpad(year(birth).mod(100).cast("string"), 2, "0");
        Map<String, Column> required = new LinkedHashMap<>();
        required.put("record_id", col("record_id"));
        required.put("id_number", id);
        required.put("birth_date", col("birth_date_text"));
        required.put("sex", col("sex_text"));
        required.put("ethnicity_code", col("ethnicity_code"));
        required.put("commune_code", col("commune_code"));
        required.put("residence_status", col("status_text"));
        return List.of(
                new Rule(ReasonCode.REPEATED_HEADER, col(MALFORMED).equalTo(lit(RawRecords.REPEATED_HEADER)), col(MALFORMED)),
                new Rule(ReasonCode.MALFORMED_LINE, col(MALFORMED).isNotNull(), col(MALFORMED)),
                Rule.required(List.copyOf(required.keySet()), required::get),
                new Rule(ReasonCode.DATE_UNPARSEABLE,
                        birthUnparsed.or(chipCardUnparsed).or(Values.unparsed(col("activation_text"), col("vneid_activation_date"))),
                        when(birthUnparsed, notADate("birth_date", col("birth_date_text")))
                                .when(chipCardUnparsed, notADate("chip_card_issue_date", col("chip_card_text")))
                                .otherwise(notADate("vneid_activation_date", col("activation_text")))),
                new Rule(ReasonCode.ID_NOT_12_DIGITS, id.rlike("^[0-9]{12}\\z").unary_$bang(),
                        format_string("id_number has %d characters, not 12 digits", length(id))),
                new Rule(ReasonCode.ID_PROVINCE_UNKNOWN, substring(id, 1, 3).isin(reference.idProvinceCodes().toArray()).unary_$bang(),
                        format_string("ID digits 1-3 '%s' are not a province code", substring(id, 1, 3))),
                new Rule(ReasonCode.SEX_UNKNOWN, col("sex").isNull(),
                        format_string("sex '%s' is neither Nam nor Nữ", col("sex_text"))),
                new Rule(ReasonCode.BIRTH_DATE_BEFORE_1900, birth.lt(lit(Date.valueOf(EARLIEST_BIRTH))),
                        format_string("birth date %s is before 1900-01-01", birth)),
                new Rule(ReasonCode.BIRTH_DATE_IN_FUTURE, birth.gt(lit(Date.valueOf(reference.extractDate()))),
                        format_string("birth date %s is after the extract date %s", birth, lit(reference.extractDate().toString()))),
                new Rule(ReasonCode.ID_CENTURY_SEX_MISMATCH, substring(id, 4, 1).cast("int").notEqual(centurySexDigit),
                        format_string("ID digit 4 is %s but a %s born in %d has %d", substring(id, 4, 1),
                                when(col("sex").equalTo("F"), lit("woman")).otherwise(lit("man")), year(birth), centurySexDigit)),
                new Rule(ReasonCode.ID_BIRTH_YEAR_MISMATCH, substring(id, 5, 2).notEqual(yearDigits),
                        format_string("ID digits 5-6 are %s but the birth year is %d", substring(id, 5, 2), year(birth))),
                new Rule(ReasonCode.ETHNICITY_UNKNOWN, col("ethnicity_code").isin(reference.ethnicityCodes().toArray()).unary_$bang(),
                        format_string("ethnicity code '%s' is not one of the 54 groups (01-54)", col("ethnicity_code"))),
                new Rule(ReasonCode.VALUE_NOT_IN_LIST,
                        col("residence_status").isNull()
                                .or(col("relation_text").isNotNull().and(col("relation_to_head").isNull()))
                                .or(col("vneid_level_text").isNotNull().and(col("vneid_level").isNull())),
                        when(col("residence_status").isNull(), notInList("residence_status", col("status_text"), RESIDENCE_STATUSES.keySet()))
                                .when(col("relation_to_head").isNull(), notInList("relation_to_head", col("relation_text"), RELATIONS.keySet()))
                                .otherwise(notInList("vneid_level", col("vneid_level_text"), VNEID_LEVELS))),
                new Rule(ReasonCode.COMMUNE_UNKNOWN,
                        col("commune_in_force").unary_$bang().or(col("former_commune_code").isNotNull().and(col("former_in_force").unary_$bang())),
                        when(col("commune_in_force").unary_$bang(), format_string("commune_code '%s' is not a commune of the area on %s",
                                col("commune_code"), col("commune_date").cast("string")))
                                .otherwise(format_string("former_commune_code '%s' is not a commune of the area on %s",
                                        col("former_commune_code"), lit(reference.lastDayBeforeReform().toString())))));
    }

    private static Column notADate(String field, Column text)
    {
        return format_string(field + " '%s' is not a date yyyy-MM-dd", text);
    }

    private static Column notInList(String field, Column text, java.util.Collection<String> allowed)
    {
        return format_string(field + " '%s' is not one of " + String.join(", ", allowed), text);
    }

    /** Name, column, name, column, … as an ordered map for {@code withColumns}. */
    static Map<String, Column> columns(Object... pairs)
    {
        Map<String, Column> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Column) pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, String> ordered(String... pairs)
    {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
