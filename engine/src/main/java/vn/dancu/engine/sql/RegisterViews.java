package vn.dancu.engine.sql;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

/**
 * The curated snapshot's tables as statisticians see them: declared columns, types and meanings
 * (docs/architecture.md, "Curated snapshot"). The pseudonymised keys {@code pid} and {@code household_pid} join the
 * tables; no name, ID number or register key is in any of them.
 */
final class RegisterViews
{
    /** A declared column: name, type, meaning. */
    record Column(String name, DataType type, String description) {}

    /** A curated table: view name = folder name in the snapshot. */
    record Table(String name, String description, List<Column> columns, boolean required) {}

    static final List<Table> TABLES = List.of(
            new Table("persons", "One row per person known to the register in the area over the period (residents, and people who died or moved out), pseudonymised.",
                    List.of(
                            new Column("pid", DataTypes.StringType, "pseudonymous person key (HMAC of the ID number, 32 hex digits); joins events, residence_spells"),
                            new Column("birth_date", DataTypes.DateType, "date of birth"),
                            new Column("sex", DataTypes.StringType, "M or F"),
                            new Column("ethnicity_code", DataTypes.StringType, "ethnic group, 2-digit 1979 code; see ethnic_groups"),
                            new Column("religion", DataTypes.StringType, "religion as recorded (Không, Công giáo, Phật giáo, …); null if not recorded"),
                            new Column("commune_code", DataTypes.StringType, "commune of residence at the extract date (for the dead or moved out: at the exit date), valid on that date; see units"),
                            new Column("former_commune_code", DataTypes.StringType, "for a person resident on 30/06/2025 and living in a 2025 commune: the commune on 30/06/2025 (pre-reform code)"),
                            new Column("household_pid", DataTypes.StringType, "pseudonymous household key; joins households"),
                            new Column("relation_to_head", DataTypes.StringType, "HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, SIBLING or OTHER"),
                            new Column("residence_status", DataTypes.StringType, "status at the extract date as the register gives it: PERMANENT, TEMPORARY, DECEASED or MOVED_OUT (the dead or moved out may still be marked resident; residence is in residence_spells)"),
                            new Column("last_resident_status", DataTypes.StringType, "PERMANENT or TEMPORARY: the status while last resident, which the population stock counts; for the dead and moved out carried from the latest earlier snapshot (PERMANENT when none knew them as temporary residents)"),
                            new Column("chip_card_issue_date", DataTypes.DateType, "date the chip-based ID card was issued; null if none"),
                            new Column("vneid_level", DataTypes.IntegerType, "VNeID electronic identity level: 0, 1 or 2"),
                            new Column("vneid_activation_date", DataTypes.DateType, "date the VNeID account reached its current level; null for level 0"),
                            new Column("province_code", DataTypes.StringType, "province of commune_code")), true),
            new Table("events", "One row per dated event of the period: births, deaths and moves.",
                    List.of(
                            new Column("event_id", DataTypes.StringType, "the extract's record id of the event"),
                            new Column("event_type", DataTypes.StringType, "BIRTH, DEATH, MOVE_IN (from outside the area), MOVE_OUT (to outside), MOVE_WITHIN (between communes of the area)"),
                            new Column("event_date", DataTypes.DateType, "date of the event"),
                            new Column("pid", DataTypes.StringType, "the person (for BIRTH: the child); joins persons"),
                            new Column("commune_code", DataTypes.StringType, "BIRTH, DEATH: commune of residence; MOVE_IN, MOVE_WITHIN: destination; MOVE_OUT: origin; valid on event_date"),
                            new Column("from_commune_code", DataTypes.StringType, "MOVE_WITHIN: origin commune, valid on event_date"),
                            new Column("mother_pid", DataTypes.StringType, "BIRTH: the mother's pid"),
                            new Column("other_place", DataTypes.StringType, "MOVE_IN: province code of origin; MOVE_OUT: province code of destination"),
                            new Column("registered_date", DataTypes.DateType, "when the event was recorded (on or after event_date)"),
                            new Column("event_year", DataTypes.IntegerType, "year of event_date")), true),
            new Table("residence_spells", "Periods a person lived in one commune: resident at date d when valid_from <= d and (valid_to is null or d < valid_to). Spells are cut at 01/07/2025.",
                    List.of(
                            new Column("pid", DataTypes.StringType, "the person; joins persons"),
                            new Column("commune_code", DataTypes.StringType, "commune of residence, valid over the whole spell"),
                            new Column("valid_from", DataTypes.DateType, "first day of the spell (inclusive)"),
                            new Column("valid_to", DataTypes.DateType, "first day after the spell (exclusive); null = still there at the extract date"),
                            new Column("entry", DataTypes.StringType, "how the spell began: PRESENT_AT_START, BIRTH, MOVE_IN, MOVE_WITHIN or REORGANISATION"),
                            new Column("exit", DataTypes.StringType, "how it ended: DEATH, MOVE_OUT, MOVE_WITHIN, REORGANISATION; null if open")), true),
            new Table("households", "Households at the extract date: their members are the persons resident that day by their residence spells (as the population cube counts them), by the commune of their spell.",
                    List.of(
                            new Column("household_pid", DataTypes.StringType, "pseudonymous household key; joins persons.household_pid"),
                            new Column("commune_code", DataTypes.StringType, "commune of the household at the extract date"),
                            new Column("size", DataTypes.IntegerType, "resident members")), true),
            new Table("quality", "Data-quality measures of the ingest run, per commune (correct, complete, clean, live).",
                    List.of(
                            new Column("commune_code", DataTypes.StringType, "commune"),
                            new Column("indicator", DataTypes.StringType, "quality indicator code; see code_lists where list_name = 'qualityIndicator'"),
                            new Column("value", DataTypes.LongType, "number of records")), false));

    private RegisterViews() {}
}
