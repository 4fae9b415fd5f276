package vn.dancu.engine.ingest;

/**
 * The limits of the plausibility gate ({@link PublicationGate}, docs/ingest.md "The plausibility gate"): how far a new
 * snapshot may differ from the current one, and the floor every snapshot must reach, before it becomes current.
 * Percentages are given as numbers of percent ({@code 3} = 3 %).
 *
 * @param minAcceptedShare     floor of the share of person (and of event) records accepted, in percent, for every snapshot
 * @param maxAcceptedShareDrop largest fall of that share against the current snapshot, in percentage points
 * @param maxPopulationChange  largest change of the residents at the extract date against the current snapshot, in
 *                             percent either way
 * @param maxCommuneChange     largest change of one commune's residents, in percent either way; a change of no more than
 *                             {@code communeChangeFloor} persons is never refused
 * @param communeChangeFloor   changes of a commune of at most this many persons pass whatever their percentage
 * @param acceptChange         publish although a comparison with the current snapshot fails (the floor still holds)
 */
public record PlausibilityLimits(double minAcceptedShare, double maxAcceptedShareDrop, double maxPopulationChange, double maxCommuneChange,
        long communeChangeFloor, boolean acceptChange)
{
    public static final double DEFAULT_MIN_ACCEPTED_SHARE = 40;
    public static final double DEFAULT_MAX_ACCEPTED_SHARE_DROP = 5;
    public static final double DEFAULT_MAX_POPULATION_CHANGE = 3;
    public static final double DEFAULT_MAX_COMMUNE_CHANGE = 10;
    public static final long DEFAULT_COMMUNE_CHANGE_FLOOR = 50;

    public static final PlausibilityLimits DEFAULTS = new PlausibilityLimits(DEFAULT_MIN_ACCEPTED_SHARE, DEFAULT_MAX_ACCEPTED_SHARE_DROP,
            DEFAULT_MAX_POPULATION_CHANGE, DEFAULT_MAX_COMMUNE_CHANGE, DEFAULT_COMMUNE_CHANGE_FLOOR, false);

    public PlausibilityLimits
    {
        check("the floor of the accepted share", minAcceptedShare, 100);
        check("the largest drop of the accepted share", maxAcceptedShareDrop, 100);
        check("the largest population change", maxPopulationChange, Double.MAX_VALUE);
        check("the largest change of a commune", maxCommuneChange, Double.MAX_VALUE);
        if (communeChangeFloor < 0) {
            throw new IllegalArgumentException("the commune change floor must not be negative, was " + communeChangeFloor);
        }
    }

    private static void check(String what, double value, double highest)
    {
        if (Double.isNaN(value) || value < 0 || value > highest) {
            throw new IllegalArgumentException(what + " must be between 0 and " + (highest == 100 ? "100" : "any positive number")
                    + " percent, was " + value);
        }
    }

    public PlausibilityLimits withAcceptChange(boolean accept)
    {
        return new PlausibilityLimits(minAcceptedShare, maxAcceptedShareDrop, maxPopulationChange, maxCommuneChange, communeChangeFloor, accept);
    }
}
