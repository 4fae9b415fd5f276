package vn.dancu.engine.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The rates each unit of a region is projected with, borrowing strength from the region.
 *
 * <p>For fertility, mortality and moves out, the region's rates by sex and age group are the standard schedule
 * (the age pattern); a unit's level is its standardised ratio O/E, observed events over the events the standard gives
 * on the unit's own person-years (an SMR for deaths, an SFR for births: indirect standardisation), shrunk toward the
 * region's by {@link EmpiricalBayes}; the unit's rates are the standard times its ratio. Arrivals are counts, not
 * rates: each unit keeps its own yearly average, spread by sex and age as the region's arrivals are.
 *
 * <p>Age groups: 0, 1–4, then five years to 80–84 and 85+ for mortality, moves and arrivals; 15–19 … 45–49 for
 * fertility (births to mothers under 15 or over 49 count at the nearest end; births whose mother is not in the
 * register raise the region's rates in proportion). A rate is the same at every single age of its group.
 */
public final class RegionRates
{
    /** The first age of the open rate group. */
    public static final int OPEN_RATE_GROUP = 85;
    /** The share of boys among births where a region has none to measure it (it then projects no births either). */
    public static final double DEFAULT_BOYS_SHARE = 0.5;

    private RegionRates() {}

    /** The first age of the rate group of a cohort age: 0, 1, 5, 10 … 85. */
    public static int rateGroup(int age)
    {
        if (age == 0) {
            return 0;
        }
        return age < 5 ? 1 : Math.min(OPEN_RATE_GROUP, age / 5 * 5);
    }

    /** The first age of the five-year fertility group of a mother's age (15–49). */
    public static int fertilityGroup(int age)
    {
        return age / 5 * 5;
    }

    /** The schedule of each unit of the region, by unit code. */
    public static Map<String, UnitSchedule> schedules(RegionCells region, RateWindows windows, Shrinkage shrinkage)
    {
        requireNonNull(windows, "windows is null");
        requireNonNull(shrinkage, "shrinkage is null");
        List<String> codes = new ArrayList<>(region.units().keySet());
        List<RegionCells.Unit> units = codes.stream().map(code -> region.units().get(code)).toList();
        double[][][] mortality = decrement(region, units, windows.mortality(), cells -> cells.deaths, shrinkage);
        double[][][] outMigration = decrement(region, units, windows.migration(), cells -> cells.outMoves, shrinkage);
        double[][][] arrivals = arrivals(region, units, windows.migration());
        double[][] fertility = fertility(region, units, windows.fertility(), shrinkage);
        double boysShare = boysShare(region, units, windows.fertility());
        Map<String, UnitSchedule> schedules = new LinkedHashMap<>();
        for (int u = 0; u < codes.size(); u++) {
            schedules.put(codes.get(u), new UnitSchedule(mortality[u], outMigration[u], arrivals[u], fertility[u], boysShare));
        }
        return schedules;
    }

    private static double[][] summed(RegionCells region, double[][][] byYear, YearRange years)
    {
        double[][] sum = new double[2][ProjectionAssumptions.AGES];
        for (int year = years.first(); year <= years.last(); year++) {
            int y = region.index(year);
            for (int sex = 0; sex < 2; sex++) {
                for (int age = 0; age < ProjectionAssumptions.AGES; age++) {
                    sum[sex][age] += byYear[y][sex][age];
                }
            }
        }
        return sum;
    }

    /** Deaths or moves out per person-year, {@code [unit][sex][age]}: the region's group rates times each unit's ratio. */
    private static double[][][] decrement(RegionCells region, List<RegionCells.Unit> units, YearRange years,
            java.util.function.Function<RegionCells.Unit, double[][][]> events, Shrinkage shrinkage)
    {
        int groups = OPEN_RATE_GROUP + 1;
        double[][] standardEvents = new double[2][groups];
        double[][] standardYears = new double[2][groups];
        List<double[][]> exposures = new ArrayList<>();
        List<double[][]> counts = new ArrayList<>();
        for (RegionCells.Unit unit : units) {
            double[][] exposure = summed(region, unit.personYears, years);
            double[][] count = summed(region, events.apply(unit), years);
            exposures.add(exposure);
            counts.add(count);
            for (int sex = 0; sex < 2; sex++) {
                for (int age = 0; age < ProjectionAssumptions.AGES; age++) {
                    standardEvents[sex][rateGroup(age)] += count[sex][age];
                    standardYears[sex][rateGroup(age)] += exposure[sex][age];
                }
            }
        }
        double[][] standard = new double[2][groups];
        for (int sex = 0; sex < 2; sex++) {
            for (int group = 0; group < groups; group++) {
                standard[sex][group] = standardYears[sex][group] > 0 ? standardEvents[sex][group] / standardYears[sex][group] : 0;
            }
        }
        double[] observed = new double[units.size()];
        double[] expected = new double[units.size()];
        for (int u = 0; u < units.size(); u++) {
            for (int sex = 0; sex < 2; sex++) {
                for (int age = 0; age < ProjectionAssumptions.AGES; age++) {
                    observed[u] += counts.get(u)[sex][age];
                    expected[u] += standard[sex][rateGroup(age)] * exposures.get(u)[sex][age];
                }
            }
        }
        double[] ratios = EmpiricalBayes.ratios(observed, expected, shrinkage);
        double[][][] rates = new double[units.size()][2][ProjectionAssumptions.AGES];
        for (int u = 0; u < units.size(); u++) {
            for (int sex = 0; sex < 2; sex++) {
                for (int age = 0; age < ProjectionAssumptions.AGES; age++) {
                    rates[u][sex][age] = ratios[u] * standard[sex][rateGroup(age)];
                }
            }
        }
        return rates;
    }

    /** Arrivals a year, {@code [unit][sex][age]}: each unit's yearly average, spread as the region's by sex and age group. */
    private static double[][][] arrivals(RegionCells region, List<RegionCells.Unit> units, YearRange years)
    {
        int groups = OPEN_RATE_GROUP + 1;
        double[][] byGroup = new double[2][groups];
        double all = 0;
        double[] yearly = new double[units.size()];
        for (int u = 0; u < units.size(); u++) {
            double[][] count = summed(region, units.get(u).inMoves, years);
            for (int sex = 0; sex < 2; sex++) {
                for (int age = 0; age < ProjectionAssumptions.AGES; age++) {
                    byGroup[sex][rateGroup(age)] += count[sex][age];
                    yearly[u] += count[sex][age];
                    all += count[sex][age];
                }
            }
            yearly[u] /= years.years();
        }
        double[][][] arrivals = new double[units.size()][2][ProjectionAssumptions.AGES];
        for (int u = 0; u < units.size(); u++) {
            for (int sex = 0; sex < 2; sex++) {
                for (int age = 0; age < ProjectionAssumptions.AGES; age++) {
                    int group = rateGroup(age);
                    arrivals[u][sex][age] = all > 0 ? yearly[u] * byGroup[sex][group] / all / width(group) : 0;
                }
            }
        }
        return arrivals;
    }

    private static int width(int group)
    {
        if (group == 0) {
            return 1;
        }
        if (group == 1) {
            return 4;
        }
        return group == OPEN_RATE_GROUP ? ProjectionAssumptions.OPEN_AGE - OPEN_RATE_GROUP + 1 : 5;
    }

    /** Births per woman-year by single age, {@code [unit][age]} (zero outside 15–49). */
    private static double[][] fertility(RegionCells region, List<RegionCells.Unit> units, YearRange years, Shrinkage shrinkage)
    {
        int first = ProjectionAssumptions.FIRST_FERTILE_AGE;
        int last = ProjectionAssumptions.LAST_FERTILE_AGE;
        double[] groupBirths = new double[last + 1];
        double[] groupYears = new double[last + 1];
        double known = 0;
        double unknown = 0;
        double[][] womenYears = new double[units.size()][];
        double[] observed = new double[units.size()];
        for (int u = 0; u < units.size(); u++) {
            RegionCells.Unit unit = units.get(u);
            womenYears[u] = summed(region, unit.personYears, years)[UnitSchedule.FEMALE];
            for (int year = years.first(); year <= years.last(); year++) {
                int y = region.index(year);
                for (int age = first; age <= last; age++) {
                    groupBirths[fertilityGroup(age)] += unit.births[y][age];
                    known += unit.births[y][age];
                    observed[u] += unit.births[y][age];
                }
                unknown += unit.births[y][RegionCells.UNKNOWN_MOTHER];
                observed[u] += unit.births[y][RegionCells.UNKNOWN_MOTHER];
            }
            for (int age = first; age <= last; age++) {
                groupYears[fertilityGroup(age)] += womenYears[u][age];
            }
        }
        double inflation = known > 0 ? (known + unknown) / known : 1;
        double[] standard = new double[ProjectionAssumptions.AGES];
        for (int age = first; age <= last; age++) {
            int group = fertilityGroup(age);
            standard[age] = groupYears[group] > 0 ? groupBirths[group] * inflation / groupYears[group] : 0;
        }
        double[] expected = new double[units.size()];
        for (int u = 0; u < units.size(); u++) {
            for (int age = first; age <= last; age++) {
                expected[u] += standard[age] * womenYears[u][age];
            }
        }
        double[] ratios = EmpiricalBayes.ratios(observed, expected, shrinkage);
        double[][] rates = new double[units.size()][ProjectionAssumptions.AGES];
        for (int u = 0; u < units.size(); u++) {
            for (int age = first; age <= last; age++) {
                rates[u][age] = ratios[u] * standard[age];
            }
        }
        return rates;
    }

    private static double boysShare(RegionCells region, List<RegionCells.Unit> units, YearRange years)
    {
        double boys = 0;
        double all = 0;
        for (RegionCells.Unit unit : units) {
            for (int year = years.first(); year <= years.last(); year++) {
                boys += unit.boys[region.index(year)];
                all += unit.boys[region.index(year)] + unit.girls[region.index(year)];
            }
        }
        return all > 0 ? boys / all : DEFAULT_BOYS_SHARE;
    }
}
