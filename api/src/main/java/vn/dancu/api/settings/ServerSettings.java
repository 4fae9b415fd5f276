package vn.dancu.api.settings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Settings an admin changes while the server runs.
 *
 * @param suppressionThreshold counts from 1 to this − 1 are withheld from disclosure-controlled roles (2–100, default 5)
 * @param chipCardTarget       Decision 06 target line: percent of the eligible population (14+) with a chip ID card, or null
 * @param vneidLevel2Target    Decision 06 target line: percent of the eligible population with a level-2 VNeID account, or null
 * @param targets              Decision 06 targets with deadlines, for the area or a commune (at most one per indicator and unit);
 *                             an area target here takes the place of the plain target line above
 */
public record ServerSettings(int suppressionThreshold, Double chipCardTarget, Double vneidLevel2Target, List<Target> targets,
        Instant updatedAt, String updatedBy)
{
    public static final int DEFAULT_THRESHOLD = 5;

    public ServerSettings
    {
        if (suppressionThreshold < 2 || suppressionThreshold > 100) {
            throw new IllegalArgumentException("suppressionThreshold must be between 2 and 100, was " + suppressionThreshold);
        }
        checkPercent("chipCardTarget", chipCardTarget);
        checkPercent("vneidLevel2Target", vneidLevel2Target);
        targets = targets == null ? List.of() : List.copyOf(targets);
        for (int i = 0; i < targets.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (targets.get(i).indicator().equals(targets.get(j).indicator()) && targets.get(i).unit().equals(targets.get(j).unit())) {
                    throw new IllegalArgumentException("targets: two targets for " + targets.get(i).indicator() + " of " + targets.get(i).unit());
                }
            }
        }
    }

    public ServerSettings(int suppressionThreshold, Double chipCardTarget, Double vneidLevel2Target, Instant updatedAt, String updatedBy)
    {
        this(suppressionThreshold, chipCardTarget, vneidLevel2Target, List.of(), updatedAt, updatedBy);
    }

    /** The target of an indicator for a unit: its own, else the area's; empty when none is set. */
    public Optional<Target> target(String indicator, String unit)
    {
        Optional<Target> own = targets.stream().filter(t -> t.indicator().equals(indicator) && t.unit().equals(unit)).findFirst();
        return own.isPresent() ? own : targets.stream().filter(t -> t.indicator().equals(indicator) && t.unit().equals(Target.AREA)).findFirst();
    }

    /** The whole area's target line of an indicator: the area target with a deadline, else the plain line; null when none. */
    public Double areaTarget(String indicator)
    {
        Double plain = "chipCardShareEligible".equals(indicator) ? chipCardTarget : "vneidLevel2ShareEligible".equals(indicator) ? vneidLevel2Target : null;
        return target(indicator, Target.AREA).map(Target::value).orElse(plain);
    }

    /**
     * The demo's example targets (labelled as examples on the page), when no target is set: chip cards 98 % and
     * VNeID level 2 85 % of the eligible by {@code deadline}, one commune with a later VNeID deadline.
     */
    public ServerSettings withExampleTargets(LocalDate deadline, String communeWithLaterDeadline)
    {
        if (!targets.isEmpty()) {
            return this;
        }
        List<Target> examples = new java.util.ArrayList<>(List.of(
                new Target("chipCardShareEligible", Target.AREA, 98, deadline, true),
                new Target("vneidLevel2ShareEligible", Target.AREA, 85, deadline, true)));
        if (communeWithLaterDeadline != null) {
            examples.add(new Target("vneidLevel2ShareEligible", communeWithLaterDeadline, 80, deadline.plusMonths(6), true));
        }
        return new ServerSettings(suppressionThreshold, chipCardTarget, vneidLevel2Target, examples, updatedAt, updatedBy);
    }

    private static void checkPercent(String name, Double value)
    {
        if (value != null && (value.isNaN() || value < 0 || value > 100)) {
            throw new IllegalArgumentException(name + " must be a percentage between 0 and 100, was " + value);
        }
    }

    public static ServerSettings defaults()
    {
        return new ServerSettings(DEFAULT_THRESHOLD, null, null, List.of(), null, null);
    }
}
