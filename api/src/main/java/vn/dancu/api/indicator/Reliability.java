package vn.dancu.api.indicator;

/**
 * 95 % intervals of rates built from counts of events, and the rule that marks them as of low reliability (see
 * docs/indicators.md § Reliability). The register counts every event, but a rate describes the underlying risk, of
 * which the year's events are one random draw: a Poisson count.
 *
 * <ul>
 *   <li>a rate over a count k of events: the exact (Garwood) Poisson interval of k, scaled as the rate; low reliability
 *       when k &lt; {@value #MIN_EVENTS} (a relative standard error above 22 %);</li>
 *   <li>a difference of two counts (natural increase, net migration): k1 − k2 ± 1.96 √(k1 + k2); low reliability
 *       when k1 + k2 &lt; {@value #MIN_EVENTS};</li>
 *   <li>the sex ratio at birth, 100 B/G: the Wilson interval of the share of boys, turned into a ratio; low
 *       reliability when the interval is wider than {@value #MAX_SEX_RATIO_WIDTH} (it cannot tell the normal 105
 *       from a distorted 112).</li>
 * </ul>
 */
public final class Reliability
{
    public static final int MIN_EVENTS = 20;
    public static final double MAX_SEX_RATIO_WIDTH = 10;
    private static final double Z = 1.959963984540054;
    private static final double TAIL = 0.025;
    private static final long EXACT_UP_TO = 2000;

    private Reliability() {}

    /** An interval and whether the value is of low reliability. */
    public record Interval(double lower, double upper, boolean low) {}

    /** The exact 95 % interval of a Poisson count k (k ≥ 0), times scale. */
    public static Interval count(double events, double scale)
    {
        long k = Math.round(Math.max(0, events));
        if (k > EXACT_UP_TO) {
            // Byar's approximation: within 0.1 % of the exact bounds at these counts.
            double lower = k * Math.pow(1 - 1.0 / (9 * k) - Z / (3 * Math.sqrt(k)), 3);
            double upper = (k + 1) * Math.pow(1 - 1.0 / (9 * (k + 1)) + Z / (3 * Math.sqrt(k + 1.0)), 3);
            return new Interval(lower * scale, upper * scale, false);
        }
        double lower = k == 0 ? 0 : lowerBound(k);
        double upper = upperBound(k);
        return new Interval(lower * scale, upper * scale, k < MIN_EVENTS);
    }

    /** k1 − k2 with the normal interval of a difference of two Poisson counts, times scale. */
    public static Interval difference(double first, double second, double scale)
    {
        double half = Z * Math.sqrt(Math.max(0, first) + Math.max(0, second));
        return new Interval((first - second - half) * scale, (first - second + half) * scale, first + second < MIN_EVENTS);
    }

    /** 100 × boys / girls with the Wilson interval of the share of boys. */
    public static Interval sexRatio(double boys, double girls)
    {
        double n = boys + girls;
        if (n <= 0) {
            return new Interval(0, Double.POSITIVE_INFINITY, true);
        }
        double p = boys / n;
        double centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n);
        double low = centre - half;
        double high = centre + half;
        double lower = 100 * low / (1 - low);
        double upper = high >= 1 ? Double.POSITIVE_INFINITY : 100 * high / (1 - high);
        return new Interval(lower, upper, upper - lower > MAX_SEX_RATIO_WIDTH);
    }

    /** μ such that P(X ≥ k; μ) = 2.5 %. */
    private static double lowerBound(long k)
    {
        return solve(mu -> 1 - cumulative(k - 1, mu) - TAIL, k);
    }

    /** μ such that P(X ≤ k; μ) = 2.5 %. */
    private static double upperBound(long k)
    {
        return solve(mu -> TAIL - cumulative(k, mu), k);
    }

    /** Bisection of an increasing function of μ on [0, k + 20 √(k+1) + 20]. */
    private static double solve(java.util.function.DoubleUnaryOperator increasing, long k)
    {
        double low = 0;
        double high = k + 20 * Math.sqrt(k + 1.0) + 20;
        for (int i = 0; i < 100; i++) {
            double middle = (low + high) / 2;
            if (increasing.applyAsDouble(middle) < 0) {
                low = middle;
            }
            else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /** P(X ≤ k) for X ~ Poisson(μ), summed in log space (k up to millions). */
    static double cumulative(long k, double mu)
    {
        if (k < 0) {
            return 0;
        }
        if (mu == 0) {
            return 1;
        }
        double logTerm = -mu;
        double sum = Math.exp(logTerm);
        for (long i = 1; i <= k; i++) {
            logTerm += Math.log(mu) - Math.log(i);
            sum += Math.exp(logTerm);
            if (i > mu && Math.exp(logTerm) < 1e-17 * sum) {
                break;
            }
        }
        return Math.min(1, sum);
    }
}
