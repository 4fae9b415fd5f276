package vn.dancu.datasets.geo;

import java.time.LocalDate;

/** The 2025 reform: district level abolished, Kon Tum merged into Quảng Ngãi, communes merged. */
public final class Reorganisation2025
{
    /** First day of the new units (Resolution 1677/NQ-UBTVQH15, Resolution 60-NQ/TW). */
    public static final LocalDate EFFECTIVE_DATE = LocalDate.of(2025, 7, 1);
    /** Last day of the old units. */
    public static final LocalDate LAST_DAY_BEFORE = EFFECTIVE_DATE.minusDays(1);

    private Reorganisation2025() {}

    public static boolean after(LocalDate date)
    {
        return !date.isBefore(EFFECTIVE_DATE);
    }
}
