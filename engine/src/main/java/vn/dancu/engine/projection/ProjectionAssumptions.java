package vn.dancu.engine.projection;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a projection assumes, as values (docs/projections.md).
 *
 * @param horizonYears     years projected beyond the jump-off year end (15 by default)
 * @param rateYears        the complete calendar years, ending with the jump-off year, whose events and exposure give
 *                         the rates (5 by default; fewer when the register is shorter)
 * @param fertilityOffset  the children per woman the low and high scenarios take from and add to each unit's total
 *                         fertility (0.5, as UN DESA's low and high variants)
 * @param scenarios        the scenarios projected
 */
public record ProjectionAssumptions(int horizonYears, int rateYears, double fertilityOffset, List<Scenario> scenarios)
        implements java.io.Serializable
{
    public static final ProjectionAssumptions DEFAULT = new ProjectionAssumptions(15, 5, 0.5, List.of(Scenario.values()));

    /** The open age group: 100 and over. */
    public static final int OPEN_AGE = 100;
    public static final int AGES = OPEN_AGE + 1;
    /** Mothers' ages the fertility rates cover; births to younger and older mothers count at the nearest end. */
    public static final int FIRST_FERTILE_AGE = 15;
    public static final int LAST_FERTILE_AGE = 49;

    public ProjectionAssumptions
    {
        scenarios = List.copyOf(requireNonNull(scenarios, "scenarios is null"));
        if (horizonYears < 1 || horizonYears > 50) {
            throw new IllegalArgumentException("horizonYears must be within 1–50, was " + horizonYears);
        }
        if (rateYears < 1 || rateYears > 20) {
            throw new IllegalArgumentException("rateYears must be within 1–20, was " + rateYears);
        }
        if (!(fertilityOffset >= 0 && fertilityOffset <= 2)) {
            throw new IllegalArgumentException("fertilityOffset must be within 0–2 children, was " + fertilityOffset);
        }
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("at least one scenario is needed");
        }
    }

    public ProjectionAssumptions withHorizon(int years)
    {
        return new ProjectionAssumptions(years, rateYears, fertilityOffset, scenarios);
    }

    public ProjectionAssumptions withScenarios(List<Scenario> chosen)
    {
        return new ProjectionAssumptions(horizonYears, rateYears, fertilityOffset, chosen);
    }
}
