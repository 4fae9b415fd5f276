package vn.dancu.api.indicator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReliabilityTest
{
    @Test
    void aCountOfEventsGetsTheExactPoissonIntervalOfTheTables()
    {
        // Garwood's exact 95 % limits (e.g. Ulm 1990, or 0.5·χ² quantiles): 0 → 0–3.689, 12 → 6.201–20.962, 14 → 7.654–23.490.
        Reliability.Interval none = Reliability.count(0, 1);
        assertEquals(0, none.lower(), 1e-9);
        assertEquals(3.6889, none.upper(), 1e-4);
        Reliability.Interval twelve = Reliability.count(12, 1);
        assertEquals(6.2006, twelve.lower(), 1e-4);
        assertEquals(20.9616, twelve.upper(), 1e-4);
        assertTrue(twelve.low(), "12 events: low reliability");
        Reliability.Interval rate = Reliability.count(14, 1000 / 140.0);
        assertEquals(54.671, rate.lower(), 1e-3);
        assertEquals(167.783, rate.upper(), 1e-3);
    }

    @Test
    void twentyEventsAreTheThresholdOfLowReliability()
    {
        assertTrue(Reliability.count(19, 1).low());
        assertFalse(Reliability.count(20, 1).low());
        // Large counts: Byar's approximation, within 0.1 % of the exact limits (5,000: 4,863.0–5,139.9).
        Reliability.Interval large = Reliability.count(5000, 1);
        assertEquals(4863.0, large.lower(), 5);
        assertEquals(5139.9, large.upper(), 5);
        assertFalse(large.low());
    }

    @Test
    void aDifferenceOfTwoCountsGetsTheNormalIntervalOfItsSum()
    {
        Reliability.Interval net = Reliability.difference(30, 10, 1);
        assertEquals(20 - 1.959964 * Math.sqrt(40), net.lower(), 1e-5);
        assertEquals(20 + 1.959964 * Math.sqrt(40), net.upper(), 1e-5);
        assertFalse(net.low());
        assertTrue(Reliability.difference(12, 7, 1).low(), "19 events in all");
    }

    @Test
    void aSexRatioAtBirthFromSixHundredBirthsIsNoise()
    {
        // 300 boys, 300 girls: 100, but anything from about 85 to 117 is as likely; 84 or 124 from 600 births says nothing.
        Reliability.Interval few = Reliability.sexRatio(300, 300);
        assertTrue(few.lower() < 86 && few.upper() > 116, few.toString());
        assertTrue(few.low());
        // 20,000 births: 102.4–108.3, narrow enough to tell 105 from 112.
        Reliability.Interval many = Reliability.sexRatio(10000, 9500);
        assertTrue(many.upper() - many.lower() < 10, many.toString());
        assertFalse(many.low());
    }
}
