package vn.dancu.engine.projection;

import static java.util.Objects.requireNonNull;

/**
 * The rates one unit is projected with, by sex ({@link #MALE}, {@link #FEMALE}) and cohort age: the age a cohort
 * reaches on 31 December of the projected year (0 for the births of the year, the last index for the open group,
 * 100 and over). Each rate applies to the Lexis parallelogram the cohort crosses during the year.
 *
 * @param mortality    deaths per person-year
 * @param outMigration moves out of the unit per person-year
 * @param inMigrants   moves into the unit per year (a count, not a rate: arrivals depend on the places they come from)
 * @param fertility    live births per woman-year, by the mother's cohort age (zero outside 15–49)
 * @param boysShare    the share of boys among births
 */
public record UnitSchedule(double[][] mortality, double[][] outMigration, double[][] inMigrants, double[] fertility, double boysShare)
{
    public static final int MALE = 0;
    public static final int FEMALE = 1;

    public UnitSchedule
    {
        requireNonNull(mortality, "mortality is null");
        requireNonNull(outMigration, "outMigration is null");
        requireNonNull(inMigrants, "inMigrants is null");
        requireNonNull(fertility, "fertility is null");
        int ages = fertility.length;
        for (double[][] bySex : new double[][][] {mortality, outMigration, inMigrants}) {
            if (bySex.length != 2 || bySex[MALE].length != ages || bySex[FEMALE].length != ages) {
                throw new IllegalArgumentException("every schedule needs two sexes of " + ages + " ages");
            }
        }
        if (ages < 2) {
            throw new IllegalArgumentException("a schedule needs at least two ages (0 and an open group), had " + ages);
        }
        if (!(boysShare >= 0 && boysShare <= 1)) {
            throw new IllegalArgumentException("boysShare must be within 0–1, was " + boysShare);
        }
    }

    /** The number of ages, the last one open. */
    public int ages()
    {
        return fertility.length;
    }

    /** The total fertility rate of the schedule: the sum of its single-year rates. */
    public double totalFertility()
    {
        double total = 0;
        for (double rate : fertility) {
            total += rate;
        }
        return total;
    }
}
