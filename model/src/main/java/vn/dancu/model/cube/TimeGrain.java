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
    SNAPSHOT,
    /**
     * A projected year: the stock at the end of {@code ref_date} (31 December) and the flows of the calendar year ending
     * on it, computed by a model from the register up to the jump-off year end (the earliest {@code ref_date}, whose
     * stock is the register's own). Every {@code ref_date} of a build depends on the same inputs, so an incremental
     * build keeps or recomputes the whole cube.
     */
    PROJECTION_YEAR
}
