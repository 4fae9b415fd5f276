package vn.dancu.engine.projection;

/**
 * How a unit's own level of fertility, mortality or out-migration is combined with its region's age pattern
 * ({@link SmallAreaRates}). The projection uses {@link #EMPIRICAL_BAYES}; the other two are the extremes the back-test
 * compares it with.
 */
public enum Shrinkage
{
    /** The unit's standardised ratio shrunk toward the region's (Poisson–gamma empirical Bayes). */
    EMPIRICAL_BAYES,
    /** The unit's own standardised ratio, unshrunk (observed ÷ expected events). */
    NONE,
    /** The region's schedule for every unit (a ratio of 1). */
    REGION
}
