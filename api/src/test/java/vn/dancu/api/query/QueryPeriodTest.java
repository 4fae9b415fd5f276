package vn.dancu.api.query;

import org.junit.jupiter.api.Test;
import vn.dancu.api.error.ApiException;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Periods of flows: a year, a quarter or months of one year, cut to the days the data cover. */
class QueryPeriodTest
{
    private static final LocalDate DATA_FROM = LocalDate.of(2016, 12, 1);
    private static final LocalDate DATA_TO = LocalDate.of(2026, 11, 30);

    private static QueryPeriod covered(String text)
    {
        return QueryPeriod.parse("period", text).clip(DATA_FROM, DATA_TO).orElseThrow();
    }

    @Test
    void theRunningYearIsPartialAndLabelledWithItsMonths()
    {
        QueryPeriod year = covered("2026");
        assertTrue(year.partial());
        assertEquals(11, year.monthsCovered());
        assertEquals("T1–T11/2026", year.label("vi"));
        assertEquals("Jan–Nov 2026", year.label("en"));
        assertEquals("2026-01-01/P11M", year.sdmxTimePeriod());
    }

    @Test
    void theFirstYearHasOneMonth()
    {
        QueryPeriod year = covered("2016");
        assertEquals("2016-12-01 2016-12-31 1 T12/2016 Dec 2016", year.from() + " " + year.to() + " " + year.monthsCovered() + " " + year.label("vi")
                + " " + year.label("en"));
    }

    @Test
    void wholePeriodsKeepTheirSdmxForm()
    {
        assertFalse(covered("2025").partial());
        assertEquals("2025", covered("2025").sdmxTimePeriod());
        assertEquals("2025-Q3", covered("2025-Q3").sdmxTimePeriod());
        assertEquals("2025-01-01/P9M", covered("2025-01/2025-09").sdmxTimePeriod());
        assertEquals("T10–T11/2026", covered("2026-Q4").label("vi"));
    }

    @Test
    void aPeriodEndingWithinAMonthIsLabelledWithItsDays()
    {
        QueryPeriod year = QueryPeriod.parse("period", "2026").clip(DATA_FROM, LocalDate.of(2026, 11, 15)).orElseThrow();
        assertEquals("01/01/2026–15/11/2026", year.label("vi"));
        assertEquals("2026-01-01/P319D", year.sdmxTimePeriod());
    }

    @Test
    void aPeriodOutsideTheDataHasNoCoverage()
    {
        assertTrue(QueryPeriod.parse("period", "2030").clip(DATA_FROM, DATA_TO).isEmpty());
    }

    @Test
    void badPeriodsAreRefusedNamingTheParameter()
    {
        assertEquals("invalid parameter 'period': '2026-Q5' is not a period; give " + QueryPeriod.FORMS,
                assertThrows(ApiException.class, () -> QueryPeriod.parse("period", "2026-Q5")).getMessage());
        assertEquals("invalid parameter 'period': '2026-05/2026-02' ends before it starts; give " + QueryPeriod.FORMS,
                assertThrows(ApiException.class, () -> QueryPeriod.parse("period", "2026-05/2026-02")).getMessage());
        assertEquals("invalid parameter 'period': '2026-13/2026-14' has a month that does not exist; give " + QueryPeriod.FORMS,
                assertThrows(ApiException.class, () -> QueryPeriod.parse("period", "2026-13/2026-14")).getMessage());
        assertEquals("invalid parameter 'period': '2026-M13' has a month that does not exist; give " + QueryPeriod.FORMS,
                assertThrows(ApiException.class, () -> QueryPeriod.parse("period", "2026-M13")).getMessage());
        assertEquals("invalid parameter 'period': '2026-S3' is not a period; give " + QueryPeriod.FORMS,
                assertThrows(ApiException.class, () -> QueryPeriod.parse("period", "2026-S3")).getMessage());
    }

    @Test
    void sdmxPeriodsNameTheirMonths()
    {
        assertEquals("2025-S2 2025-07 2025-12 HALF", describe("2025-S2"));
        assertEquals("2025-Q3 2025-07 2025-09 QUARTER", describe("2025-Q3"));
        assertEquals("2025-M07 2025-07 2025-07 MONTH", describe("2025-M07"));
        assertEquals("2025-M07 2025-07 2025-07 MONTH", describe("2025-07"), "an ISO month is the SDMX month");
        assertEquals("2025-11/2026-02 2025-11 2026-02 MONTHS", describe("2025-11/2026-02"), "months of two years (statisticians only, see QueryAccess)");
        assertEquals("2025-S1", covered("2025-S1").sdmxTimePeriod());
        assertEquals("2025-M07", covered("2025-M07").sdmxTimePeriod());
        assertEquals("2026-07-01/P5M", covered("2026-S2").sdmxTimePeriod(), "a half-year the data end in");
        assertEquals("T7–T11/2026", covered("2026-S2").label("vi"));
        assertFalse(QueryPeriod.parse("period", "2025-11/2026-02").withinOneYear());
    }

    @Test
    void aPeriodMovedBackAYearKeepsItsKind()
    {
        assertEquals("2024-S2", QueryPeriod.parse("period", "2025-S2").minusYears(1).code());
        assertEquals("2024-M02", QueryPeriod.parse("period", "2025-M02").minusYears(1).code());
        assertEquals("2024-11/2025-02", QueryPeriod.parse("period", "2025-11/2026-02").minusYears(1).code());
    }

    private static String describe(String text)
    {
        QueryPeriod period = QueryPeriod.parse("period", text);
        return period.code() + " " + period.first() + " " + period.last() + " " + period.kind();
    }

    @Test
    void periodsOfWholeQuartersAreThoseRolesWithoutExactCountsMaySee()
    {
        QueryService.Coverage coverage = new QueryService.Coverage(DATA_FROM, DATA_TO);
        assertTrue(coverage.wholeQuarters(covered("2026")));
        assertTrue(coverage.wholeQuarters(covered("2026-Q4")));
        assertTrue(coverage.wholeQuarters(covered("2026-01/2026-09")));
        assertTrue(coverage.wholeQuarters(covered("2026-04/2026-11")), "to the data's last month");
        assertTrue(coverage.wholeQuarters(covered("2016-12/2016-12")), "the data's first month closes its quarter");
        assertFalse(coverage.wholeQuarters(covered("2026-01/2026-08")));
        assertFalse(coverage.wholeQuarters(covered("2026-02/2026-03")));
        assertFalse(coverage.wholeQuarters(covered("2025-10/2025-11")));
    }
}
