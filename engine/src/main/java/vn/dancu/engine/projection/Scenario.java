package vn.dancu.engine.projection;

/**
 * The scenarios of a projection, coded as the {@code projectionScenario} code list. They differ only in fertility
 * or migration: mortality is the same in all of them (UN DESA, World Population Prospects: the low, medium and high
 * variants differ only in fertility; the zero-migration variant sets migration to zero).
 */
public enum Scenario
{
    /** The rates as estimated from the register, held constant. */
    MEDIUM(0, true),
    /** Total fertility half a child below the medium variant. */
    LOW(-1, true),
    /** Total fertility half a child above the medium variant. */
    HIGH(1, true),
    /** The medium variant without migration: no arrivals and no moves out. */
    ZERO_MIGRATION(0, false);

    private final int fertilityDirection;
    private final boolean migration;

    Scenario(int fertilityDirection, boolean migration)
    {
        this.fertilityDirection = fertilityDirection;
        this.migration = migration;
    }

    public String code()
    {
        return name();
    }

    public boolean migration()
    {
        return migration;
    }

    /**
     * The factor applied to a unit's fertility rates so that its total fertility moves by {@code offset} children in
     * this scenario's direction (never below zero): {@code max(0, TFR ± offset) / TFR}; 1 for a unit with no births.
     */
    public double fertilityMultiplier(double totalFertility, double offset)
    {
        if (fertilityDirection == 0 || totalFertility <= 0) {
            return 1.0;
        }
        return Math.max(0, totalFertility + fertilityDirection * offset) / totalFertility;
    }
}
