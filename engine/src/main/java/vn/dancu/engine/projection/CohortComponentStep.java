package vn.dancu.engine.projection;

import static java.util.Objects.requireNonNull;

/**
 * One yearly step of the cohort-component method for one unit (Preston, Heuveline &amp; Guillot 2001, ch. 6), on
 * Lexis parallelograms: the cohort aged {@code a − 1} on 31 December of year t is aged {@code a} on 31 December of
 * t + 1; the births of t + 1 form the cohort aged 0; the open group gathers those aged 99 and 100+.
 *
 * <p>Within the year, a cohort of {@code P} persons at the start receives {@code I} arrivals spread evenly over the
 * year and loses members to deaths and moves out at the central rates {@code μ} and {@code ω} (per person-year),
 * also spread evenly (the life table's uniform-distribution assumption, {@code a = ½}). Leavers then live half a
 * year on average and arrivals half a year, so the person-years lived are
 * <pre>
 *   E = (P + I/2) / (1 + h/2),   h = μ + ω
 * </pre>
 * and deaths {@code D = μE}, moves out {@code O = ωE}, the population at the end {@code P + I − D − O}: without
 * arrivals the cohort survives with the probability {@code 1 − h/(1 + h/2)}, the life-table relation
 * {@code q = m/(1 + ½m)} for a one-year interval. Births are {@code Σ f(a)·E_women(a)}, split by the boys' share,
 * and enter the cohort aged 0 as arrivals spread over the year. A total rate above 2 per person-year (more leavers
 * than the uniform assumption allows) is scaled down to 2, its two parts in proportion.
 */
public final class CohortComponentStep
{
    /** The largest total rate (deaths and moves out per person-year) the uniform assumption admits. */
    public static final double MAX_TOTAL_RATE = 2.0;

    private CohortComponentStep() {}

    /**
     * @param start                the population on 31 December of the year before, {@code [sex][age]}
     * @param fertilityMultiplier  multiplies every fertility rate (1 for the schedule as estimated)
     * @param migration            false for the zero-migration scenario: no arrivals and no moves out
     */
    public static ProjectedYear step(double[][] start, UnitSchedule schedule, double fertilityMultiplier, boolean migration)
    {
        requireNonNull(start, "start is null");
        requireNonNull(schedule, "schedule is null");
        int ages = schedule.ages();
        int open = ages - 1;
        if (start.length != 2 || start[0].length != ages || start[1].length != ages) {
            throw new IllegalArgumentException("the start population needs two sexes of " + ages + " ages");
        }
        double[][] population = new double[2][ages];
        double[][] births = new double[2][ages];
        double[][] deaths = new double[2][ages];
        double[][] netMigration = new double[2][ages];
        double[][] exposure = new double[2][ages];
        for (int sex = 0; sex < 2; sex++) {
            for (int age = 1; age < ages; age++) {
                double atStart = start[sex][age - 1] + (age == open ? start[sex][open] : 0);
                cohort(sex, age, atStart, 0, schedule, migration, population, deaths, netMigration, exposure);
            }
        }
        double total = 0;
        for (int age = 1; age < ages; age++) {
            total += schedule.fertility()[age] * exposure[UnitSchedule.FEMALE][age];
        }
        total *= fertilityMultiplier;
        births[UnitSchedule.MALE][0] = total * schedule.boysShare();
        births[UnitSchedule.FEMALE][0] = total - births[UnitSchedule.MALE][0];
        for (int sex = 0; sex < 2; sex++) {
            cohort(sex, 0, 0, births[sex][0], schedule, migration, population, deaths, netMigration, exposure);
        }
        return new ProjectedYear(population, births, deaths, netMigration);
    }

    private static void cohort(int sex, int age, double atStart, double born, UnitSchedule schedule, boolean migration,
            double[][] population, double[][] deaths, double[][] netMigration, double[][] exposure)
    {
        double arrivals = migration ? schedule.inMigrants()[sex][age] : 0;
        double mortality = schedule.mortality()[sex][age];
        double outMigration = migration ? schedule.outMigration()[sex][age] : 0;
        double rate = mortality + outMigration;
        if (rate > MAX_TOTAL_RATE) {
            mortality *= MAX_TOTAL_RATE / rate;
            outMigration *= MAX_TOTAL_RATE / rate;
            rate = MAX_TOTAL_RATE;
        }
        double lived = (atStart + (born + arrivals) / 2) / (1 + rate / 2);
        double died = mortality * lived;
        double left = outMigration * lived;
        exposure[sex][age] = lived;
        deaths[sex][age] = died;
        netMigration[sex][age] = arrivals - left;
        population[sex][age] = atStart + born + arrivals - died - left;
    }
}
