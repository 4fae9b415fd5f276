package vn.dancu.engine.cube;

import org.junit.jupiter.api.Test;
import vn.dancu.model.cube.TimeGrain;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How many periods a build writes and how many tasks its aggregates are partitioned into (and person-days' parts). */
class BuildPeriodsTest
{
    private static final LocalDate START = LocalDate.of(2016, 11, 1);
    private static final LocalDate SEPTEMBER_END = LocalDate.of(2026, 9, 30);

    @Test
    void aTenYearStockWritesOneMonthEndPerMonth()
    {
        assertEquals(119, CubeBuildJob.periods(TimeGrain.MONTH_END, START, SEPTEMBER_END));
        assertEquals(119, CubeBuildJob.periods(TimeGrain.MONTH, START, SEPTEMBER_END));
    }

    @Test
    void anIncrementalMonthWritesOnePeriod()
    {
        assertEquals(1, CubeBuildJob.periods(TimeGrain.MONTH_END, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)));
    }

    @Test
    void yearsCountEveryCalendarYearTouched()
    {
        assertEquals(11, CubeBuildJob.periods(TimeGrain.YEAR, START, SEPTEMBER_END));
        assertEquals(1, CubeBuildJob.periods(TimeGrain.YEAR, LocalDate.of(2026, 1, 1), SEPTEMBER_END));
    }

    @Test
    void tasksAreTwiceThePeriodsForLargeAreasAndFewForSmallOnes()
    {
        assertEquals(238, CubeBuildJob.tasks(119, 22_000_000));
        assertEquals(28, CubeBuildJob.tasks(119, 2_185_913));
        assertEquals(1, CubeBuildJob.tasks(120, 60_000));
        assertEquals(2, CubeBuildJob.tasks(1, 22_000_000));
    }

    @Test
    void personDaysAreSplitByCommuneForLargeAreasOnly()
    {
        // the 10-million register of the benchmarks (21.6 million spells) in a local session of 8 shuffle partitions
        assertEquals(64, PersonDays.communeParts(8, 21_630_166));
        assertEquals(27, PersonDays.communeParts(8, 2_185_913));
        // the demo's register: not split (1 part or none)
        assertEquals(0, PersonDays.communeParts(8, 55_056));
        assertEquals(1, PersonDays.communeParts(8, 80_000));
        assertEquals(1600, PersonDays.communeParts(200, 500_000_000));
    }

    @Test
    void aSnapshotIsOnePeriodWhateverTheDates()
    {
        assertEquals(1, CubeBuildJob.periods(TimeGrain.SNAPSHOT, LocalDate.of(2026, 10, 1), SEPTEMBER_END));
    }
}
