package vn.dancu.engine.ingest;

import static java.util.Objects.requireNonNull;

/**
 * Why ingest quarantined a record: a stable code a statistician can count, with a Vietnamese and an English
 * description. The same list, with the same texts, is the {@code reasonCode} code list of
 * {@code model/src/main/resources/codes/code-lists.json} (the API labels quarantine counts from there), and the
 * generator's {@code faults.csv} names these codes. A record that breaks several rules gets the code of the first
 * rule it breaks, in the order of {@link PersonRules} and {@link EventRules} (docs/ingest.md lists it).
 */
public enum ReasonCode
{
    MALFORMED_LINE(RecordType.ANY,
            "Dòng dữ liệu sai cấu trúc (số cột, dấu ngoặc, dấu phân cách, mã hóa UTF-8)",
            "Malformed line (column count, quoting, delimiter, UTF-8)"),
    REPEATED_HEADER(RecordType.ANY, "Dòng tiêu đề lặp lại (tên cột thay cho giá trị)", "Header row repeated (column names instead of values)"),
    REQUIRED_FIELD_MISSING(RecordType.ANY, "Thiếu trường bắt buộc", "Required field missing"),
    DATE_UNPARSEABLE(RecordType.ANY, "Ngày tháng không hợp lệ", "Date cannot be parsed"),
    ID_NOT_12_DIGITS(RecordType.PERSON, "Số định danh không đủ 12 chữ số", "ID number is not 12 digits"),
    ID_PROVINCE_UNKNOWN(RecordType.PERSON, "Mã tỉnh trong số định danh không tồn tại", "ID number has an unknown province code"),
    ID_CENTURY_SEX_MISMATCH(RecordType.PERSON,
            "Mã thế kỷ/giới tính trong số định danh không khớp giới tính hoặc năm sinh",
            "ID century/sex digit contradicts sex or birth year"),
    ID_BIRTH_YEAR_MISMATCH(RecordType.PERSON, "Năm sinh trong số định danh không khớp ngày sinh",
            "ID birth-year digits contradict the birth date"),
    BIRTH_DATE_IN_FUTURE(RecordType.PERSON, "Ngày sinh sau ngày trích xuất", "Birth date after the extract date"),
    BIRTH_DATE_BEFORE_1900(RecordType.PERSON, "Ngày sinh trước năm 1900", "Birth date before 1900"),
    SEX_UNKNOWN(RecordType.PERSON, "Giới tính không hợp lệ", "Sex not recognised"),
    COMMUNE_UNKNOWN(RecordType.PERSON, "Mã xã không tồn tại vào ngày của bản ghi", "Commune code not in force on the record's date"),
    ETHNICITY_UNKNOWN(RecordType.PERSON, "Mã dân tộc không có trong danh mục 54 dân tộc", "Ethnicity code not in the 54-group list"),
    VALUE_NOT_IN_LIST(RecordType.PERSON,
            "Giá trị không có trong danh mục (tình trạng cư trú, quan hệ với chủ hộ, mức định danh điện tử)",
            "Value not in its code list (residence status, relation to head, VNeID level)"),
    DUPLICATE_PERSON(RecordType.PERSON, "Trùng số định danh (giữ bản ghi đầu tiên)", "Duplicate ID number (first record kept)"),
    EVENT_TYPE_UNKNOWN(RecordType.EVENT, "Loại sự kiện không hợp lệ", "Unknown event type"),
    EVENT_PERSON_UNKNOWN(RecordType.EVENT, "Sự kiện của người không có trong danh sách nhân khẩu", "Event of a person not in the register"),
    EVENT_PERSON_REJECTED(RecordType.EVENT, "Sự kiện của người có bản ghi bị loại", "Event of a person whose record was rejected"),
    EVENT_BEFORE_BIRTH(RecordType.EVENT, "Sự kiện trước ngày sinh", "Event before birth"),
    EVENT_AFTER_DEATH(RecordType.EVENT, "Sự kiện sau ngày mất", "Event after death"),
    EVENT_COMMUNE_UNKNOWN(RecordType.EVENT, "Xã của sự kiện không tồn tại vào ngày sự kiện", "Event commune not in force on the event date"),
    DUPLICATE_EVENT(RecordType.EVENT, "Sự kiện trùng lặp", "Duplicate event");

    /** Which records a code can be given to. */
    public enum RecordType { PERSON, EVENT, ANY }

    private final RecordType appliesTo;
    private final String vietnamese;
    private final String english;

    ReasonCode(RecordType appliesTo, String vietnamese, String english)
    {
        this.appliesTo = requireNonNull(appliesTo, "appliesTo is null");
        this.vietnamese = requireNonNull(vietnamese, "vietnamese is null");
        this.english = requireNonNull(english, "english is null");
    }

    public RecordType appliesTo()
    {
        return appliesTo;
    }

    public String vietnamese()
    {
        return vietnamese;
    }

    public String english()
    {
        return english;
    }
}
