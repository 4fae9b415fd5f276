package vn.dancu.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * The rates the simulation draws from. Sources and the reasoning behind each figure are in
 * docs/synthetic-register.md; figures without a source there are stated as assumed.
 *
 * <p>Time is counted in days since 1970-01-01 ("epoch days"); ages in completed years are approximated with a
 * year of 365.25 days, which is exact enough for rates (the dates written out are real calendar dates).
 */
final class DemographicModel
{
    static final double DAYS_PER_YEAR = 365.25;

    /** Annual births per partnered woman by age 15–49 (assumed; calibrated to TFR ≈ 2.7 over all women). */
    private static final double[] PARTNERED_FERTILITY = {
            0.26, 0.26, 0.26, 0.26, 0.26,       // 15–19
            0.30, 0.30, 0.29, 0.28, 0.27,       // 20–24
            0.25, 0.23, 0.21, 0.19, 0.17,       // 25–29
            0.15, 0.14, 0.13, 0.12, 0.11,       // 30–34
            0.10, 0.09, 0.08, 0.07, 0.06,       // 35–39
            0.05, 0.04, 0.03, 0.02, 0.015,      // 40–44
            0.01, 0.007, 0.005, 0.003, 0.002};  // 45–49

    /** Minimum interval between two births of one mother, in days. */
    static final int MIN_BIRTH_INTERVAL_DAYS = 420;

    /** Households leaving the area, per household and year (assumed). */
    static final double HOUSEHOLD_MOVE_OUT_RATE = 0.004;
    /** Households moving to another commune of the area, per household and year (assumed). */
    static final double HOUSEHOLD_MOVE_WITHIN_RATE = 0.008;
    /** Persons arriving from outside in new households, per initial resident and year (assumed, see docs). */
    static final double ARRIVAL_RATE = 0.0167;
    /** Share of women who ever marry (assumed). */
    static final double EVER_MARRIED_WOMEN = 0.93;

    /** Lowest and highest age of a household head at the period start. */
    static final int MIN_HEAD_AGE = 20;
    static final int MAX_HEAD_AGE = 90;
    /** Decline of the number of household heads per year of age in a growing population (assumed). */
    static final double HEAD_AGE_DECLINE = 0.016;

    /** Ages up to which mortality is tabulated (older ages take the last value, which is capped anyway). */
    private static final int OLDEST = 130;

    private final double fertilityScale;
    private final double[] maleMortality = new double[OLDEST + 1];
    private final double[] femaleMortality = new double[OLDEST + 1];
    /** Hazard of dying accumulated over the whole years of age before each age: [a] = the sum of the rates at 0 … a−1. */
    private final double[] maleCumulative = new double[OLDEST + 2];
    private final double[] femaleCumulative = new double[OLDEST + 2];
    private final double[] headAgeCumulative;

    DemographicModel(double fertilityScale)
    {
        this.fertilityScale = fertilityScale;
        for (int age = 0; age <= OLDEST; age++) {
            maleMortality[age] = mortalityRate(age, false);
            femaleMortality[age] = mortalityRate(age, true);
            maleCumulative[age + 1] = maleCumulative[age] + maleMortality[age];
            femaleCumulative[age + 1] = femaleCumulative[age] + femaleMortality[age];
        }
        this.headAgeCumulative = headAgeCumulative();
    }

    /**
     * Ages of household heads at the start: a stable-population shape, each year of age e^{-0.028} as frequent as
     * the one before (a growing population), times the survival from age 20 under this model's mortality, and
     * rising linearly from 20 to 27 (few young adults head a household of their own).
     */
    private double[] headAgeCumulative()
    {
        double[] cumulative = new double[MAX_HEAD_AGE - MIN_HEAD_AGE + 1];
        double survival = 1;
        double total = 0;
        for (int age = MIN_HEAD_AGE; age <= MAX_HEAD_AGE; age++) {
            double youngHeads = Math.min(1, (age - MIN_HEAD_AGE + 1) / 8.0);
            total += Math.exp(-HEAD_AGE_DECLINE * (age - MIN_HEAD_AGE)) * survival * youngHeads;
            cumulative[age - MIN_HEAD_AGE] = total;
            survival *= Math.exp(-mortality(age, false));
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
        return cumulative;
    }

    int sampleHeadAge(SplittableRandom random)
    {
        double u = random.nextDouble();
        for (int i = 0; i < headAgeCumulative.length; i++) {
            if (u < headAgeCumulative[i]) {
                return MIN_HEAD_AGE + i;
            }
        }
        return MAX_HEAD_AGE;
    }

    /** Probability of surviving from birth to {@code years} of age. */
    double survival(double years, boolean female)
    {
        double hazard = 0;
        for (int age = 0; age < (int) years; age++) {
            hazard += mortality(age, female);
        }
        hazard += mortality((int) years, female) * (years - (int) years);
        return Math.exp(-hazard);
    }

    static DemographicModel calibrated()
    {
        return new DemographicModel(0.88);
    }

    /**
     * Annual death rate by age and sex (assumed): infant and child rates, then a Gompertz–Makeham curve from 15 that
     * gives about 0.4% a year at 40, 2% at 60 and 11% at 80 for men, roughly half for women, a life expectancy near
     * 70 as reported for Kon Tum.
     */
    double mortality(int age, boolean female)
    {
        int tabulated = Math.max(0, Math.min(OLDEST, age));
        return female ? femaleMortality[tabulated] : maleMortality[tabulated];
    }

    private static double mortalityRate(int age, boolean female)
    {
        if (age <= 0) {
            return female ? 0.014 : 0.017;
        }
        if (age <= 4) {
            return 0.0025;
        }
        if (age <= 14) {
            return 0.0007;
        }
        double makeham = female ? 0.0004 : 0.0008;
        double gompertz = (female ? 4.3e-5 : 7.9e-5) * Math.exp(0.0905 * age);
        return Math.min(0.6, makeham + gompertz);
    }

    /** Annual births per partnered woman. */
    double partneredFertility(int age)
    {
        if (age < 15 || age > 49) {
            return 0;
        }
        return PARTNERED_FERTILITY[age - 15] * fertilityScale;
    }

    /** Annual rate at which a young unmarried person leaves the area alone (work, study), assumed. */
    double individualMoveOut(int age)
    {
        if (age < 15 || age > 39) {
            return 0;
        }
        if (age < 18) {
            return 0.01;
        }
        if (age < 25) {
            return 0.025;
        }
        return 0.012;
    }

    /**
     * Annual rate at which an unmarried local man marries a woman from outside the area who moves in (assumed,
     * calibrated so that these brides about balance the local women who leave the area when they marry).
     */
    double brideFromOutside(int age)
    {
        return age >= 20 && age < 40 ? BRIDE_FROM_OUTSIDE_RATE : 0;
    }

    static final double BRIDE_FROM_OUTSIDE_RATE = 0.035;

    /** Probability that an unmarried person of this age has not left the area alone since age 15. */
    double stayedUnmarried(double age)
    {
        double hazard = 0;
        for (int year = 15; year < (int) age; year++) {
            hazard += individualMoveOut(year);
        }
        hazard += individualMoveOut((int) age) * (age - (int) age);
        return Math.exp(-hazard);
    }

    /** Age at marriage of a woman: minorities of the Central Highlands marry younger (assumed, see docs). */
    double sampleMarriageAge(SplittableRandom random, boolean kinh)
    {
        double mean = kinh ? 22.5 : 19.5;
        double sd = kinh ? 3.0 : 2.5;
        return Math.max(15.5, Math.min(38, mean + sd * gaussian(random)));
    }

    static double gaussian(SplittableRandom random)
    {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double exponential(SplittableRandom random)
    {
        return -Math.log(1 - random.nextDouble());
    }

    static int ageInYears(int birthDay, int day)
    {
        return (int) ((day - birthDay) / DAYS_PER_YEAR);
    }

    /** An age-dependent annual rate. */
    interface AgeRate
    {
        double annualRate(int age);
    }

    /**
     * The first day in {@code [from, to]} on which an event with the given age-dependent annual hazard happens,
     * or -1 when it does not happen by {@code to}. One exponential draw against the cumulative hazard.
     */
    static int sampleDay(SplittableRandom random, int birthDay, int from, int to, AgeRate rate)
    {
        double remaining = exponential(random);
        int day = from;
        while (day <= to) {
            int age = ageInYears(birthDay, day);
            int nextBirthday = birthDay + (int) Math.ceil((age + 1) * DAYS_PER_YEAR);
            int intervalEnd = Math.min(to + 1, Math.max(day + 1, nextBirthday));
            double perDay = rate.annualRate(age) / DAYS_PER_YEAR;
            double hazard = perDay * (intervalEnd - day);
            if (hazard >= remaining) {
                return Math.min(to, day + (int) (remaining / perDay));
            }
            remaining -= hazard;
            day = intervalEnd;
        }
        return -1;
    }

    /**
     * The day of death in {@code [from, to]}, or -1 when the person survives {@code to}: as {@link #sampleDay} with the
     * mortality rates (one exponential draw against the cumulative hazard), but finding the year of death in the
     * table of accumulated hazards instead of walking year by year, since it is drawn for every person.
     */
    int sampleDeathDay(SplittableRandom random, int birthDay, int from, int to, boolean female)
    {
        double[] rates = female ? femaleMortality : maleMortality;
        double[] cumulative = female ? femaleCumulative : maleCumulative;
        double remaining = exponential(random);
        int age = Math.min(OLDEST, ageInYears(birthDay, from));
        // the rest of the current year of age
        int nextBirthday = birthDay + (int) Math.ceil((age + 1) * DAYS_PER_YEAR);
        int intervalEnd = Math.min(to + 1, Math.max(from + 1, nextBirthday));
        double perDay = rates[age] / DAYS_PER_YEAR;
        if (perDay * (intervalEnd - from) >= remaining) {
            return Math.min(to, from + (int) (remaining / perDay));
        }
        if (intervalEnd > to) {
            return -1;
        }
        remaining -= perDay * (intervalEnd - from);
        if (age == OLDEST) {
            int day = intervalEnd + (int) (remaining / perDay);
            return day <= to ? day : -1;
        }
        // whole years from the next birthday: the first age whose year takes the accumulated hazard past the draw
        int first = age + 1;
        double base = cumulative[first];
        int low = first;
        int high = OLDEST;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle + 1] - base >= remaining) {
                high = middle;
            }
            else {
                low = middle + 1;
            }
        }
        int yearStart = birthDay + (int) Math.ceil(low * DAYS_PER_YEAR);
        double left = remaining - (cumulative[low] - base);
        int day = yearStart + (int) (left / (rates[low] / DAYS_PER_YEAR));
        return day <= to ? day : -1;
    }

    /** The first day in {@code [from, to]} of an event with a constant annual rate, or -1. */
    static int sampleDay(SplittableRandom random, int from, int to, double annualRate)
    {
        if (annualRate <= 0) {
            return -1;
        }
        double days = exponential(random) / annualRate * DAYS_PER_YEAR;
        if (days > to - from) {
            return -1;
        }
        return from + (int) days;
    }
}
