package vn.dancu.engine.projection;

import static java.util.Objects.requireNonNull;

/**
 * The years each component's rates are estimated from. A projection uses one window for all three; the back-test
 * also swaps in the years it projects ("perfect foresight" of one component) to measure how much of its error that
 * component explains.
 */
public record RateWindows(YearRange fertility, YearRange mortality, YearRange migration) implements java.io.Serializable
{
    public RateWindows
    {
        requireNonNull(fertility, "fertility is null");
        requireNonNull(mortality, "mortality is null");
        requireNonNull(migration, "migration is null");
    }

    public static RateWindows all(YearRange years)
    {
        return new RateWindows(years, years, years);
    }

    /** The first and last year any component reads. */
    public YearRange span()
    {
        return new YearRange(Math.min(fertility.first(), Math.min(mortality.first(), migration.first())),
                Math.max(fertility.last(), Math.max(mortality.last(), migration.last())));
    }
}
