package vn.dancu.api.settings;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A Decision 06 target: a share of the eligible population (14+) to reach by a deadline, for the whole area or one
 * commune. Set by an admin; the demo's are marked {@code example}.
 *
 * @param indicator {@code chipCardShareEligible} or {@code vneidLevel2ShareEligible}
 * @param unit      {@link #AREA} or a commune code of 01/07/2025
 * @param value     percent, 0–100
 * @param deadline  the day by which the share is to be reached
 * @param example   true for made-up targets (the demo's), which the dashboard labels as examples
 */
public record Target(String indicator, String unit, double value, LocalDate deadline, boolean example)
{
    public static final String AREA = "AREA";
    public static final List<String> INDICATORS = List.of("chipCardShareEligible", "vneidLevel2ShareEligible");

    public Target
    {
        requireNonNull(indicator, "targets: indicator is null");
        requireNonNull(unit, "targets: unit is null");
        requireNonNull(deadline, "targets: deadline is null");
        if (!INDICATORS.contains(indicator)) {
            throw new IllegalArgumentException("targets: indicator '" + indicator + "' is not one of " + INDICATORS);
        }
        if (Double.isNaN(value) || value < 0 || value > 100) {
            throw new IllegalArgumentException("targets: value must be a percentage between 0 and 100, was " + value);
        }
    }
}
