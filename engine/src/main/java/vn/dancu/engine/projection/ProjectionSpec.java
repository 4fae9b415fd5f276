package vn.dancu.engine.projection;

import static java.util.Objects.requireNonNull;

/**
 * One projection run: from the end of {@code jumpOffYear}, on the units of {@code geography}, with the rates of
 * {@code windows} combined as {@code shrinkage} says, under {@code assumptions}.
 */
public record ProjectionSpec(int jumpOffYear, RateWindows windows, UnitGeography geography, ProjectionAssumptions assumptions,
        Shrinkage shrinkage) implements java.io.Serializable
{
    public ProjectionSpec
    {
        requireNonNull(windows, "windows is null");
        requireNonNull(geography, "geography is null");
        requireNonNull(assumptions, "assumptions is null");
        requireNonNull(shrinkage, "shrinkage is null");
    }

    /** The published projection: every scenario, the default assumptions, empirical-Bayes rates, the 2025 units. */
    public static ProjectionSpec published(JumpOff jumpOff, ProjectionAssumptions assumptions)
    {
        return new ProjectionSpec(jumpOff.year(), RateWindows.all(jumpOff.rateYears()), UnitGeography.UNITS_2025, assumptions,
                Shrinkage.EMPIRICAL_BAYES);
    }

    public ProjectionSpec withWindows(RateWindows other)
    {
        return new ProjectionSpec(jumpOffYear, other, geography, assumptions, shrinkage);
    }

    public ProjectionSpec withShrinkage(Shrinkage other)
    {
        return new ProjectionSpec(jumpOffYear, windows, geography, assumptions, other);
    }
}
