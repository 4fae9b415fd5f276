package vn.dancu.datasets.synthetic;

import java.util.EnumSet;
import java.util.Set;

/**
 * The faults {@code --bad-rate} injects, each with the file it affects, the formats it can occur in, and the
 * reason code ingest must give the record (docs/architecture.md; {@code NONE} = ingest repairs it).
 * Person faults go only to persons without events who are no one's mother; event faults are extra records
 * (copies or spurious events) or repairable changes, so no valid record is lost to a fault.
 */
enum FaultKind
{
    /** The leading zero of the ID number lost (a spreadsheet turned it into a number): 11 digits. */
    ID_LEADING_ZERO_LOST(RecordFile.PERSONS, "ID_NOT_12_DIGITS", Formats.ALL),
    /** Digits 1–3 not a province code. */
    ID_PROVINCE_UNKNOWN(RecordFile.PERSONS, "ID_PROVINCE_UNKNOWN", Formats.ALL),
    /** Digit 4 gives the other sex. */
    ID_SEX_DIGIT_WRONG(RecordFile.PERSONS, "ID_CENTURY_SEX_MISMATCH", Formats.ALL),
    /** Digits 5–6 another year than the birth date's. */
    ID_BIRTH_YEAR_WRONG(RecordFile.PERSONS, "ID_BIRTH_YEAR_MISMATCH", Formats.ALL),
    /** Birth date not a real date ({@code 1987-02-30}) or not ISO ({@code 15/03/1987}). */
    BIRTH_DATE_IMPOSSIBLE(RecordFile.PERSONS, "DATE_UNPARSEABLE", Formats.TEXT),
    /** Birth date after the extract date (the ID number is rewritten to agree with it). */
    BIRTH_DATE_IN_FUTURE(RecordFile.PERSONS, "BIRTH_DATE_IN_FUTURE", Formats.ALL),
    /** Birth date empty. */
    BIRTH_DATE_MISSING(RecordFile.PERSONS, "REQUIRED_FIELD_MISSING", Formats.ALL),
    /** Sex neither {@code Nam} nor {@code Nữ}. */
    SEX_UNKNOWN(RecordFile.PERSONS, "SEX_UNKNOWN", Formats.ALL),
    /** Commune code not in force on the extract date (an abolished pre-2025 code, or no such code). */
    COMMUNE_UNKNOWN(RecordFile.PERSONS, "COMMUNE_UNKNOWN", Formats.ALL),
    /** Ethnicity code outside the 54 groups (55 "foreigner", 56 "unknown" of some software, or 00). */
    ETHNICITY_UNKNOWN(RecordFile.PERSONS, "ETHNICITY_UNKNOWN", Formats.ALL),
    /** A second record of a person, later in the file. */
    DUPLICATE_PERSON(RecordFile.PERSONS, "DUPLICATE_PERSON", Formats.ALL),
    /** A person line cut short. */
    PERSON_LINE_TRUNCATED(RecordFile.PERSONS, "MALFORMED_LINE", Formats.TEXT),
    /** A person line with semicolons instead of commas (CSV) or single-quoted JSON (JSON Lines). */
    PERSON_LINE_WRONG_DELIMITER(RecordFile.PERSONS, "MALFORMED_LINE", Formats.TEXT),
    /** Person text in Unicode NFD (decomposed diacritics). */
    PERSON_TEXT_NFD(RecordFile.PERSONS, "NONE", Formats.ALL),
    /** Leading or trailing spaces in a person field. */
    PERSON_PADDED_SPACES(RecordFile.PERSONS, "NONE", Formats.ALL),

    /** An extra event of a type that is not one of the five. */
    EVENT_TYPE_UNKNOWN(RecordFile.EVENTS, "EVENT_TYPE_UNKNOWN", Formats.ALL),
    /** An extra death of an ID number that is in no person record. */
    EVENT_PERSON_UNKNOWN(RecordFile.EVENTS, "EVENT_PERSON_UNKNOWN", Formats.ALL),
    /** An extra move dated before the person's birth. */
    EVENT_BEFORE_BIRTH(RecordFile.EVENTS, "EVENT_BEFORE_BIRTH", Formats.ALL),
    /** An extra move dated after the person's death. */
    EVENT_AFTER_DEATH(RecordFile.EVENTS, "EVENT_AFTER_DEATH", Formats.ALL),
    /** An extra move to a commune not in force on its date (after 01/07/2025: an abolished commune). */
    EVENT_COMMUNE_UNKNOWN(RecordFile.EVENTS, "EVENT_COMMUNE_UNKNOWN", Formats.ALL),
    /** A copy of an event later in the file. */
    DUPLICATE_EVENT(RecordFile.EVENTS, "DUPLICATE_EVENT", Formats.ALL),
    /** A copy of an event with an impossible date. */
    EVENT_DATE_IMPOSSIBLE(RecordFile.EVENTS, "DATE_UNPARSEABLE", Formats.TEXT),
    /** A copy of an event without its date. */
    EVENT_DATE_MISSING(RecordFile.EVENTS, "REQUIRED_FIELD_MISSING", Formats.ALL),
    /** A copy of an event, its line cut short. */
    EVENT_LINE_TRUNCATED(RecordFile.EVENTS, "MALFORMED_LINE", Formats.TEXT),
    /** A copy of an event with the wrong delimiter (CSV) or single-quoted JSON (JSON Lines). */
    EVENT_LINE_WRONG_DELIMITER(RecordFile.EVENTS, "MALFORMED_LINE", Formats.TEXT),
    /** Leading or trailing spaces in a field of a real event. */
    EVENT_PADDED_SPACES(RecordFile.EVENTS, "NONE", Formats.ALL);

    enum RecordFile { PERSONS, EVENTS }

    private static final class Formats
    {
        static final Set<RegisterFormat> ALL = EnumSet.allOf(RegisterFormat.class);
        static final Set<RegisterFormat> TEXT = EnumSet.of(RegisterFormat.CSV, RegisterFormat.JSONL);
    }

    private final RecordFile file;
    private final String expectedReasonCode;
    private final Set<RegisterFormat> formats;

    FaultKind(RecordFile file, String expectedReasonCode, Set<RegisterFormat> formats)
    {
        this.file = file;
        this.expectedReasonCode = expectedReasonCode;
        this.formats = formats;
    }

    RecordFile file()
    {
        return file;
    }

    /** The reason code ingest must give, {@code NONE} when it must repair the record and keep it. */
    String expectedReasonCode()
    {
        return expectedReasonCode;
    }

    boolean appliesTo(RegisterFormat format)
    {
        return formats.contains(format);
    }

    /** The line can no longer be parsed (truncated, wrong delimiter). */
    boolean breaksLine()
    {
        return this == PERSON_LINE_TRUNCATED || this == PERSON_LINE_WRONG_DELIMITER
                || this == EVENT_LINE_TRUNCATED || this == EVENT_LINE_WRONG_DELIMITER;
    }
}
