package vn.dancu.engine.projection;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A region's rates, worked by hand on two units and one year (2025), without shrinkage so that each unit's ratio is
 * its own O/E (the shrinkage is {@link EmpiricalBayesTest}'s).
 *
 * <pre>
 * mortality, group 70–74:  A men aged 72: 10 person-years, 2 deaths; women aged 71: 10 py, 1 death
 *                          B men aged 73: 30 py, 2 deaths;           women aged 74: 30 py, 1 death
 *   standard: men 4/40 = 0.1, women 2/40 = 0.05
 *   A: expected 0.1·10 + 0.05·10 = 1.5, observed 3, ratio 2:   men 0.2, women 0.1 at every age 70–74
 *   B: expected 0.1·30 + 0.05·30 = 4.5, observed 3, ratio 2/3: men 0.0667, women 0.0333
 * arrivals, group 20–24:   A 6 men aged 22; B 2 women aged 23 → the region's arrivals are 6/8 men, 2/8 women
 *   A (6 a year): men 6·(6/8)/5 = 0.9 at each age 20–24, women 6·(2/8)/5 = 0.3
 *   B (2 a year): men 0.3, women 0.1
 * fertility, group 25–29:  A women aged 25: 20 py, 4 births (3 boys, 1 girl); B women aged 27: 20 py, 2 births (1, 1)
 *                          and 1 girl whose mother is not in the register
 *   standard: 6 births of known mothers · 7/6 (all births over known) / 40 py = 0.175
 *   A: expected 0.175·20 = 3.5, observed 4, ratio 8/7: 0.2 at each age 25–29
 *   B: expected 3.5, observed 3, ratio 6/7: 0.15
 * boys: 4 of 7 births
 * </pre>
 */
class RegionRatesTest
{
    private static final double EXACT = 1e-12;

    private static Map<String, UnitSchedule> schedules()
    {
        RegionCells region = new RegionCells(new YearRange(2025, 2025));
        region.add("A", "M", 2025, 72, 10, 0, 2, 0, 0, 0, 0);
        region.add("A", "F", 2025, 71, 10, 0, 1, 0, 0, 0, 0);
        region.add("B", "M", 2025, 73, 30, 0, 2, 0, 0, 0, 0);
        region.add("B", "F", 2025, 74, 30, 0, 1, 0, 0, 0, 0);
        region.add("A", "M", 2025, 22, 0, 0, 0, 6, 0, 0, 0);
        region.add("B", "F", 2025, 23, 0, 0, 0, 2, 0, 0, 0);
        region.add("A", "F", 2025, 25, 20, 0, 0, 0, 0, 3, 1);
        region.add("B", "F", 2025, 27, 20, 0, 0, 0, 0, 1, 1);
        region.add("B", "F", 2025, -1, 0, 0, 0, 0, 0, 0, 1);
        return RegionRates.schedules(region, RateWindows.all(new YearRange(2025, 2025)), Shrinkage.NONE);
    }

    @Test
    void mortalityIsTheRegionsGroupRateTimesTheUnitsStandardisedRatio()
    {
        Map<String, UnitSchedule> schedules = schedules();
        for (int age = 70; age <= 74; age++) {
            assertEquals(0.2, schedules.get("A").mortality()[UnitSchedule.MALE][age], EXACT, "A men " + age);
            assertEquals(0.1, schedules.get("A").mortality()[UnitSchedule.FEMALE][age], EXACT, "A women " + age);
            assertEquals(0.1 * 2 / 3, schedules.get("B").mortality()[UnitSchedule.MALE][age], EXACT, "B men " + age);
            assertEquals(0.05 * 2 / 3, schedules.get("B").mortality()[UnitSchedule.FEMALE][age], EXACT, "B women " + age);
        }
        assertEquals(0, schedules.get("A").mortality()[UnitSchedule.MALE][69], EXACT);
        assertEquals(0, schedules.get("A").mortality()[UnitSchedule.MALE][75], EXACT);
    }

    @Test
    void arrivalsAreEachUnitsYearlyCountSpreadAsTheRegionsBySexAndAge()
    {
        Map<String, UnitSchedule> schedules = schedules();
        for (int age = 20; age <= 24; age++) {
            assertEquals(0.9, schedules.get("A").inMigrants()[UnitSchedule.MALE][age], EXACT);
            assertEquals(0.3, schedules.get("A").inMigrants()[UnitSchedule.FEMALE][age], EXACT);
            assertEquals(0.3, schedules.get("B").inMigrants()[UnitSchedule.MALE][age], EXACT);
            assertEquals(0.1, schedules.get("B").inMigrants()[UnitSchedule.FEMALE][age], EXACT);
        }
        assertEquals(0, schedules.get("A").inMigrants()[UnitSchedule.MALE][25], EXACT);
    }

    @Test
    void fertilityCountsBirthsOfUnknownMothersAndSplitsBirthsByTheRegionsShareOfBoys()
    {
        Map<String, UnitSchedule> schedules = schedules();
        for (int age = 25; age <= 29; age++) {
            assertEquals(0.2, schedules.get("A").fertility()[age], EXACT, "A " + age);
            assertEquals(0.15, schedules.get("B").fertility()[age], EXACT, "B " + age);
        }
        assertEquals(0, schedules.get("A").fertility()[24], EXACT);
        assertEquals(1.0, schedules.get("A").totalFertility(), EXACT);
        assertEquals(4.0 / 7, schedules.get("A").boysShare(), EXACT);
        assertEquals(4.0 / 7, schedules.get("B").boysShare(), EXACT);
    }

    @Test
    void rateGroupsAreZeroOneToFourFiveYearsAndEightyFivePlus()
    {
        assertEquals(0, RegionRates.rateGroup(0));
        assertEquals(1, RegionRates.rateGroup(4));
        assertEquals(5, RegionRates.rateGroup(9));
        assertEquals(80, RegionRates.rateGroup(84));
        assertEquals(85, RegionRates.rateGroup(85));
        assertEquals(85, RegionRates.rateGroup(100));
    }
}
