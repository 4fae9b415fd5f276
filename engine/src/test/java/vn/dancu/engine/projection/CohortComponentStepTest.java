package vn.dancu.engine.projection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cohort-component step on a hand-worked example with three ages: 0, 1 and the open group 2+ (cohort ages on
 * 31 December). Every figure below was computed by hand from the formulas of {@link CohortComponentStep}:
 * {@code E = (P + I/2)/(1 + h/2)}, {@code D = μE}, {@code O = ωE}, {@code P' = P + I − D − O}, births
 * {@code Σ f·E_women}.
 *
 * <pre>
 * start (31/12 of year t)      age 0   age 1   age 2+
 *   men                         100      95      299
 *   women                       100     105      312
 * rates for year t+1 (by the cohort age reached on 31/12 of t+1)
 *   men    μ (deaths/py)        0.02    0.01    0.10
 *          ω (moves out/py)     0       0.09    0.10
 *          I (arrivals/year)    1.42   10       4
 *   women  μ                    0.02    0.01    0.08
 *          ω                    0       0.09    0.02
 *          I                    1.4    10       6
 *   fertility f (women)         0       0.4     0.1        boys' share 0.5125
 *
 * women, cohort 1 (aged 0 at t):  P = 100, I = 10, h = 0.10:  E = (100 + 5)/1.05 = 100
 *                                 D = 0.01·100 = 1,  O = 0.09·100 = 9,  P' = 100 + 10 − 1 − 9 = 100,  net migration 10 − 9 = 1
 * women, open cohort 2+:          P = 105 + 312 = 417 (aged 1 and 2+ at t), I = 6, h = 0.10:  E = (417 + 3)/1.05 = 400
 *                                 D = 0.08·400 = 32, O = 0.02·400 = 8,  P' = 417 + 6 − 32 − 8 = 383,  net migration 6 − 8 = −2
 * births:                         0.4·100 + 0.1·400 = 80;  boys 0.5125·80 = 41, girls 39
 * girls, cohort 0:                arrivals 39 + 1.4 = 40.4, h = 0.02:  E = (0 + 40.4/2)/1.01 = 20
 *                                 D = 0.02·20 = 0.4,  P' = 40.4 − 0.4 = 40,  net migration 1.4
 * boys, cohort 0:                 arrivals 41 + 1.42 = 42.42, h = 0.02:  E = 21.21/1.01 = 21,  D = 0.42,  P' = 42,  net migration 1.42
 * men, cohort 1:                  P = 100, I = 10, h = 0.10:  E = 100,  D = 1,  O = 9,  P' = 100,  net migration 1
 * men, open cohort 2+:            P = 95 + 299 = 394, I = 4, h = 0.20:  E = (394 + 2)/1.1 = 360
 *                                 D = 0.1·360 = 36,  O = 0.1·360 = 36,  P' = 394 + 4 − 36 − 36 = 326,  net migration 4 − 36 = −32
 *
 * balance: men   494 + 41 births − 37.42 deaths − 29.58 net migration = 468 = 42 + 100 + 326
 *          women 517 + 39 births − 33.4 deaths + 0.4 net migration  = 523 = 40 + 100 + 383
 * </pre>
 */
class CohortComponentStepTest
{
    private static final double EXACT = 1e-9;

    private static UnitSchedule handWorkedRates()
    {
        return new UnitSchedule(
                new double[][] {{0.02, 0.01, 0.10}, {0.02, 0.01, 0.08}},
                new double[][] {{0, 0.09, 0.10}, {0, 0.09, 0.02}},
                new double[][] {{1.42, 10, 4}, {1.4, 10, 6}},
                new double[] {0, 0.4, 0.1},
                0.5125);
    }

    private static double[][] handWorkedStart()
    {
        return new double[][] {{100, 95, 299}, {100, 105, 312}};
    }

    @Test
    void stepMatchesTheHandWorkedThreeAgeExample()
    {
        ProjectedYear year = CohortComponentStep.step(handWorkedStart(), handWorkedRates(), 1.0, true);

        assertArrayEquals(new double[] {42, 100, 326}, year.population()[UnitSchedule.MALE], EXACT);
        assertArrayEquals(new double[] {40, 100, 383}, year.population()[UnitSchedule.FEMALE], EXACT);
        assertArrayEquals(new double[] {41, 0, 0}, year.births()[UnitSchedule.MALE], EXACT);
        assertArrayEquals(new double[] {39, 0, 0}, year.births()[UnitSchedule.FEMALE], EXACT);
        assertArrayEquals(new double[] {0.42, 1, 36}, year.deaths()[UnitSchedule.MALE], EXACT);
        assertArrayEquals(new double[] {0.4, 1, 32}, year.deaths()[UnitSchedule.FEMALE], EXACT);
        assertArrayEquals(new double[] {1.42, 1, -32}, year.netMigration()[UnitSchedule.MALE], EXACT);
        assertArrayEquals(new double[] {1.4, 1, -2}, year.netMigration()[UnitSchedule.FEMALE], EXACT);
    }

    @Test
    void everyCohortBalancesItsStartBirthsDeathsAndNetMigration()
    {
        double[][] start = handWorkedStart();
        ProjectedYear year = CohortComponentStep.step(start, handWorkedRates(), 1.0, true);
        for (int sex = 0; sex < 2; sex++) {
            double[] before = {0, start[sex][0], start[sex][1] + start[sex][2]};
            for (int age = 0; age < 3; age++) {
                assertEquals(before[age] + year.births()[sex][age] - year.deaths()[sex][age] + year.netMigration()[sex][age],
                        year.population()[sex][age], EXACT, "sex " + sex + " age " + age);
            }
        }
    }

    /**
     * The high-fertility variant doubles a TFR of 0.5 (0.4 + 0.1) to 1.0: births 2·80 = 160 (boys 82, girls 78). The
     * exposure of women aged 1 and 2+ does not depend on births, so every other cohort is unchanged; girls:
     * arrivals 78 + 1.4 = 79.4, E = 39.7/1.01, P' = 79.4·(1 − 0.01/1.01) = 79.4·(1/1.01) = 78.6138…
     */
    @Test
    void aFertilityMultiplierScalesBirthsOnly()
    {
        ProjectedYear year = CohortComponentStep.step(handWorkedStart(), handWorkedRates(), 2.0, true);

        assertEquals(82, year.births()[UnitSchedule.MALE][0], EXACT);
        assertEquals(78, year.births()[UnitSchedule.FEMALE][0], EXACT);
        assertEquals(79.4 / 1.01, year.population()[UnitSchedule.FEMALE][0], EXACT);
        assertArrayEquals(new double[] {100, 326}, new double[] {year.population()[0][1], year.population()[0][2]}, EXACT);
        assertArrayEquals(new double[] {100, 383}, new double[] {year.population()[1][1], year.population()[1][2]}, EXACT);
    }

    /**
     * Without migration the open cohort of men, 394 at the start with μ = 0.1 only: E = 394/1.05 = 375.238…,
     * D = 37.5238…, P' = 394 − 37.5238… = 356.4762… = 394·(1 − 0.1/1.05); no arrivals, no moves out.
     */
    @Test
    void zeroMigrationDropsArrivalsAndMovesOut()
    {
        ProjectedYear year = CohortComponentStep.step(handWorkedStart(), handWorkedRates(), 1.0, false);

        assertEquals(394 * (1 - 0.1 / 1.05), year.population()[UnitSchedule.MALE][2], EXACT);
        assertEquals(394 * 0.1 / 1.05, year.deaths()[UnitSchedule.MALE][2], EXACT);
        for (int sex = 0; sex < 2; sex++) {
            assertArrayEquals(new double[] {0, 0, 0}, year.netMigration()[sex], 0.0);
        }
    }

    /** A total rate of 3 per person-year is cut to 2 (deaths 2, no moves out): E = 100/2 = 50, everyone leaves. */
    @Test
    void capsATotalRateAboveTwoSoThatNoCohortTurnsNegative()
    {
        UnitSchedule deadly = new UnitSchedule(new double[][] {{0, 3}, {0, 3}}, new double[][] {{0, 0}, {0, 0}},
                new double[][] {{0, 0}, {0, 0}}, new double[] {0, 0}, 0.5);
        ProjectedYear year = CohortComponentStep.step(new double[][] {{100, 0}, {50, 0}}, deadly, 1.0, true);

        assertEquals(0, year.population()[UnitSchedule.MALE][1], EXACT);
        assertEquals(100, year.deaths()[UnitSchedule.MALE][1], EXACT);
        assertEquals(0, year.population()[UnitSchedule.FEMALE][1], EXACT);
    }
}
