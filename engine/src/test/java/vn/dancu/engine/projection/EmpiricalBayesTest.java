package vn.dancu.engine.projection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The empirical-Bayes shrinkage of standardised ratios, worked by hand (Marshall 1991):
 *
 * <pre>
 * region R: A observed 10, expected 20 (ratio 0.5); B 30/20 (1.5); C 20/20 (1.0)
 *   m = 60/60 = 1;  s² = (20·0.5² + 20·0.5² + 20·0²)/60 = 1/6;  Ē = 20;  v = 1/6 − 1/20 = 7/60;  m/v = m²/v = 60/7
 *   A: (10 + 60/7)/(20 + 60/7) = 130/200 = 0.65;   B: (30 + 60/7)/(20 + 60/7) = 270/200 = 1.35;   C: 200/200 = 1
 * region S: D 9/10, F 11/10: m = 1, s² = (10·0.1² + 10·0.1²)/20 = 0.01, Ē = 10, v = 0.01 − 0.1 &lt; 0: both 1
 *   (their spread is no more than Poisson noise explains)
 * region T: one unit G 5/4: m = 1.25, v = 0 − 1.25/4 &lt; 0: 1.25 (the unit is its region)
 * region U: H 0/0 (no exposure, nothing expected) and K 3/6: m = 0.5, v = 0 − 0.5/6 &lt; 0: both 0.5
 * </pre>
 */
class EmpiricalBayesTest
{
    private static final double EXACT = 1e-12;

    @Test
    void shrinksEachRatioTowardItsRegionByTheBetweenUnitVariance()
    {
        assertArrayEquals(new double[] {0.65, 1.35, 1.0},
                EmpiricalBayes.ratios(new double[] {10, 30, 20}, new double[] {20, 20, 20}, Shrinkage.EMPIRICAL_BAYES), EXACT);
        assertArrayEquals(new double[] {1.0, 1.0},
                EmpiricalBayes.ratios(new double[] {9, 11}, new double[] {10, 10}, Shrinkage.EMPIRICAL_BAYES), EXACT);
        assertArrayEquals(new double[] {1.25}, EmpiricalBayes.ratios(new double[] {5}, new double[] {4}, Shrinkage.EMPIRICAL_BAYES), EXACT);
        assertArrayEquals(new double[] {0.5, 0.5},
                EmpiricalBayes.ratios(new double[] {0, 3}, new double[] {0, 6}, Shrinkage.EMPIRICAL_BAYES), EXACT);
    }

    @Test
    void withoutShrinkageEachUnitKeepsItsOwnRatioAndRegionRatesGiveEveryUnitTheRegionsRatio()
    {
        assertArrayEquals(new double[] {0.5, 1.5, 1.0}, EmpiricalBayes.ratios(new double[] {10, 30, 20}, new double[] {20, 20, 20}, Shrinkage.NONE), EXACT);
        assertArrayEquals(new double[] {0.5, 0.5}, EmpiricalBayes.ratios(new double[] {0, 3}, new double[] {0, 6}, Shrinkage.NONE), EXACT);
        assertArrayEquals(new double[] {1.0, 1.0, 1.0}, EmpiricalBayes.ratios(new double[] {10, 30, 20}, new double[] {20, 20, 20}, Shrinkage.REGION), EXACT);
    }

    @Test
    void aRegionWithNoExpectedEventsKeepsARatioOfOne()
    {
        assertArrayEquals(new double[] {1.0, 1.0}, EmpiricalBayes.ratios(new double[] {0, 0}, new double[] {0, 0}, Shrinkage.EMPIRICAL_BAYES), EXACT);
    }
}
