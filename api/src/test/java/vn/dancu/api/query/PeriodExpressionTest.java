package vn.dancu.api.query;

import org.junit.jupiter.api.Test;
import vn.dancu.api.error.ApiException;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relative periods and dates resolve against the data's last day, to whole periods only. */
class PeriodExpressionTest
{
    private static final LocalDate NOVEMBER_END = LocalDate.of(2026, 11, 30);

    private static String resolve(String text, LocalDate dataTo)
    {
        return String.join(",", PeriodExpression.parse("period", text).resolve(dataTo).stream().map(QueryPeriod::code).toList());
    }

    @Test
    void latestPeriodsAreTheNewestWholeOnes()
    {
        assertEquals("2026-M11", resolve("LATEST_MONTH", NOVEMBER_END));
        assertEquals("2026-Q3", resolve("LATEST_QUARTER", NOVEMBER_END));
        assertEquals("2026-S1", resolve("LATEST_HALF", NOVEMBER_END));
        assertEquals("2025", resolve("LATEST_YEAR", NOVEMBER_END));
        assertEquals("2026-01/2026-11", resolve("YEAR_TO_DATE", NOVEMBER_END));
        assertEquals("2025-12/2026-11", resolve("LAST_12_MONTHS", NOVEMBER_END));
        assertEquals("2026", resolve("latest_year", LocalDate.of(2026, 12, 31)), "any case; a year the data cover whole");
        assertEquals("2026", resolve("YEAR_TO_DATE", LocalDate.of(2026, 12, 31)));
    }

    @Test
    void dataEndingWithinAMonthAnchorAtTheMonthBefore()
    {
        assertEquals("2026-M10", resolve("LATEST_MONTH", LocalDate.of(2026, 11, 15)));
        assertEquals("2026-01/2026-10", resolve("YEAR_TO_DATE", LocalDate.of(2026, 11, 15)));
    }

    @Test
    void theSamePeriodAYearEarlier()
    {
        assertEquals("2025-01/2025-11", resolve("YEAR_TO_DATE-1Y", NOVEMBER_END));
        assertEquals("2025-M11", resolve("LATEST_MONTH-1Y", NOVEMBER_END));
        assertEquals("2023-Q3", resolve("LATEST_QUARTER-3Y", NOVEMBER_END));
        assertEquals("2024-12/2025-11", resolve("LAST_12_MONTHS-1Y", NOVEMBER_END));
    }

    @Test
    void severalPeriodsEndWithTheNewestWholeOne()
    {
        assertEquals("2021,2022,2023,2024,2025", resolve("LAST_5_YEARS", NOVEMBER_END));
        assertEquals("2025-Q4,2026-Q1,2026-Q2,2026-Q3", resolve("LAST_4_QUARTERS", NOVEMBER_END));
        assertEquals("2025-S2,2026-S1", resolve("LAST_2_HALVES", NOVEMBER_END));
        assertEquals("2026-M09,2026-M10,2026-M11", resolve("LAST_3_MONTHS_EACH", NOVEMBER_END));
        assertFalse(PeriodExpression.parse("period", "LAST_5_YEARS").single());
        assertTrue(PeriodExpression.parse("period", "LAST_12_MONTHS").single());
    }

    @Test
    void aFixedPeriodIsItself()
    {
        PeriodExpression fixed = PeriodExpression.parse("period", "2025-s1");
        assertFalse(fixed.isRelative());
        assertEquals("2025-S1", resolve("2025-s1", NOVEMBER_END));
    }

    @Test
    void relativeDatesOfStocksArePublishedMonthEnds()
    {
        List<LocalDate> published = List.of(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 12, 31), LocalDate.of(2025, 2, 28), LocalDate.of(2025, 9, 30),
                LocalDate.of(2025, 11, 30), LocalDate.of(2025, 12, 31), LocalDate.of(2026, 9, 30), LocalDate.of(2026, 11, 30));
        assertEquals(LocalDate.of(2026, 11, 30), DateExpression.parse("date", "LATEST").resolve("date", published));
        assertEquals(LocalDate.of(2025, 11, 30), DateExpression.parse("date", "LATEST-1Y").resolve("date", published));
        assertEquals(LocalDate.of(2026, 9, 30), DateExpression.parse("date", "LATEST_QUARTER_END").resolve("date", published));
        assertEquals(LocalDate.of(2025, 12, 31), DateExpression.parse("date", "LATEST_YEAR_END").resolve("date", published));
        assertEquals(LocalDate.of(2024, 12, 31), DateExpression.parse("date", "LATEST_YEAR_END-1Y").resolve("date", published));
        assertEquals(LocalDate.of(2025, 12, 31), DateExpression.parse("date", "2025").resolve("date", published));
        assertEquals(LocalDate.of(2025, 9, 30), DateExpression.parse("date", "2025-Q3").resolve("date", published));
        assertEquals(LocalDate.of(2025, 2, 28), DateExpression.parse("date", "2025-M02").resolve("date", published));
        assertEquals("invalid parameter 'date': '2026' ends on 2026-12-31, after the data (newest reference date 2026-11-30); ask for date=LATEST"
                + " or a period that has ended", assertThrows(ApiException.class, () -> DateExpression.parse("date", "2026").resolve("date", published)).getMessage());
        assertEquals("invalid parameter 'date': no data for 2025-06-30 (2025-S1); reference dates from 2024-02-29 to 2026-11-30; allowed: 2024-02-29,"
                + " 2024-12-31, 2025-02-28, 2025-09-30, 2025-11-30, 2025-12-31, 2026-09-30, 2026-11-30",
                assertThrows(ApiException.class, () -> DateExpression.parse("date", "2025-S1").resolve("date", published)).getMessage());
    }

    @Test
    void aLeapDayAYearEarlierIsThatMonthsEnd()
    {
        List<LocalDate> published = List.of(LocalDate.of(2023, 2, 28), LocalDate.of(2024, 2, 29));
        assertEquals(LocalDate.of(2023, 2, 28), DateExpression.parse("date", "LATEST-1Y").resolve("date", published));
    }
}
