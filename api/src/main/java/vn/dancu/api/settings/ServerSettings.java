package vn.dancu.api.settings;

import java.time.Instant;

/**
 * Settings an admin changes while the server runs.
 *
 * @param suppressionThreshold counts from 1 to this − 1 are withheld from disclosure-controlled roles (2–100, default 5)
 * @param chipCardTarget       Decision 06 target line: percent of the eligible population (14+) with a chip ID card, or null
 * @param vneidLevel2Target    Decision 06 target line: percent of the eligible population with a level-2 VNeID account, or null
 */
public record ServerSettings(int suppressionThreshold, Double chipCardTarget, Double vneidLevel2Target, Instant updatedAt, String updatedBy)
{
    public static final int DEFAULT_THRESHOLD = 5;

    public ServerSettings
    {
        if (suppressionThreshold < 2 || suppressionThreshold > 100) {
            throw new IllegalArgumentException("suppressionThreshold must be between 2 and 100, was " + suppressionThreshold);
        }
        checkPercent("chipCardTarget", chipCardTarget);
        checkPercent("vneidLevel2Target", vneidLevel2Target);
    }

    private static void checkPercent(String name, Double value)
    {
        if (value != null && (value.isNaN() || value < 0 || value > 100)) {
            throw new IllegalArgumentException(name + " must be a percentage between 0 and 100, was " + value);
        }
    }

    public static ServerSettings defaults()
    {
        return new ServerSettings(DEFAULT_THRESHOLD, null, null, null, null);
    }
}
