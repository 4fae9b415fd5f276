package vn.dancu.engine.projection;

import static java.util.Objects.requireNonNull;

/**
 * Standardised ratios of the units of one region, shrunk toward the region's ratio with the Poisson–gamma
 * empirical-Bayes estimator of Marshall (1991, "Mapping disease and mortality rates using empirical Bayes
 * estimators", Applied Statistics 40: 283–294; Clayton &amp; Kaldor 1987). A unit's events are taken as Poisson with
 * mean {@code θ·E} (E the events its region's rates give on its own person-years) and its ratio θ as drawn from a
 * gamma distribution of mean {@code m} and variance {@code v}, both estimated by moments from all the region's units:
 * <pre>
 *   m = ΣO / ΣE,   v = Σ E·(O/E − m)² / ΣE − m / Ē   (Ē = ΣE / number of units with E &gt; 0)
 *   θ = (O + m²/v) / (E + m/v)   when v &gt; 0;   θ = m otherwise
 * </pre>
 * The posterior mean weighs a unit's own ratio by {@code E/(E + m/v)}: a unit with few expected events stays near its
 * region, one with many keeps its own level; when the units differ no more than Poisson noise explains ({@code v ≤ 0})
 * every unit takes the region's ratio.
 */
public final class EmpiricalBayes
{
    private EmpiricalBayes() {}

    /** The ratio of each unit ({@code observed[i]} events against {@code expected[i]}), as {@code shrinkage} says. */
    public static double[] ratios(double[] observed, double[] expected, Shrinkage shrinkage)
    {
        requireNonNull(shrinkage, "shrinkage is null");
        if (observed.length != expected.length) {
            throw new IllegalArgumentException("observed and expected differ in length");
        }
        double totalObserved = 0;
        double totalExpected = 0;
        int units = 0;
        for (int i = 0; i < observed.length; i++) {
            totalObserved += observed[i];
            totalExpected += expected[i];
            units += expected[i] > 0 ? 1 : 0;
        }
        double m = totalExpected > 0 ? totalObserved / totalExpected : 1.0;
        double squares = 0;
        for (int i = 0; i < observed.length; i++) {
            if (expected[i] > 0) {
                double own = observed[i] / expected[i];
                squares += expected[i] * (own - m) * (own - m);
            }
        }
        double variance = totalExpected > 0 ? squares / totalExpected - m / (totalExpected / units) : 0;
        double[] ratios = new double[observed.length];
        for (int i = 0; i < observed.length; i++) {
            boolean known = expected[i] > 0;
            ratios[i] = switch (shrinkage) {
                case EMPIRICAL_BAYES -> known && variance > 0 ? (observed[i] + m * m / variance) / (expected[i] + m / variance) : m;
                case NONE -> known ? observed[i] / expected[i] : m;
                case REGION -> m;
            };
        }
        return ratios;
    }
}
