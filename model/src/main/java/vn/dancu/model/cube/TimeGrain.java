package vn.dancu.model.cube;

/** What a row's {@code ref_date} stands for. */
public enum TimeGrain
{
    /** A stock counted at the end of the day {@code ref_date}, the last day of a month. */
    MONTH_END,
    /** A flow during the month ending on {@code ref_date}. */
    MONTH,
    /** A flow or exposure during the calendar year ending on {@code ref_date} (31 December, or the extract date for the current year). */
    YEAR,
    /** A single snapshot at the extract date. */
    SNAPSHOT
}
