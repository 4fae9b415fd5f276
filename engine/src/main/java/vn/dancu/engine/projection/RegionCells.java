package vn.dancu.engine.projection;

import java.util.Map;
import java.util.TreeMap;

/**
 * The Lexis cells ({@link LexisTables#cells}) of the units of one region, in arrays: what {@link RegionRates} and the
 * projection read, in one task. Years are counted from {@code firstYear}.
 */
public final class RegionCells
{
    private final int firstYear;
    private final int years;
    private final Map<String, Unit> units = new TreeMap<>();

    public RegionCells(YearRange span)
    {
        this.firstYear = span.first();
        this.years = span.years();
    }

    /** One unit's counts: {@code [year][sex][age]}; births {@code [year][mother's age]}, index {@link #UNKNOWN_MOTHER} when unknown. */
    public static final class Unit
    {
        final double[][][] personYears;
        final double[][][] persons;
        final double[][][] deaths;
        final double[][][] inMoves;
        final double[][][] outMoves;
        final double[][] births;
        final double[] boys;
        final double[] girls;

        Unit(int years)
        {
            int ages = ProjectionAssumptions.AGES;
            personYears = new double[years][2][ages];
            persons = new double[years][2][ages];
            deaths = new double[years][2][ages];
            inMoves = new double[years][2][ages];
            outMoves = new double[years][2][ages];
            births = new double[years][ages + 1];
            boys = new double[years];
            girls = new double[years];
        }
    }

    /** The index of births whose mother is not in the register. */
    public static final int UNKNOWN_MOTHER = ProjectionAssumptions.AGES;

    /**
     * Adds one cell; {@code age} −1 carries births of unknown mothers only. Cells of years outside the span are
     * ignored.
     */
    public void add(String unit, String sex, int year, int age, double personYears, long persons, long deaths, long inMoves, long outMoves,
            long boys, long girls)
    {
        int y = year - firstYear;
        if (y < 0 || y >= years) {
            return;
        }
        Unit cells = units.computeIfAbsent(unit, code -> new Unit(years));
        cells.boys[y] += boys;
        cells.girls[y] += girls;
        if (age < 0) {
            cells.births[y][UNKNOWN_MOTHER] += boys + girls;
            return;
        }
        int s = "M".equals(sex) ? UnitSchedule.MALE : UnitSchedule.FEMALE;
        cells.personYears[y][s][age] += personYears;
        cells.persons[y][s][age] += persons;
        cells.deaths[y][s][age] += deaths;
        cells.inMoves[y][s][age] += inMoves;
        cells.outMoves[y][s][age] += outMoves;
        cells.births[y][age] += boys + girls;
    }

    public Map<String, Unit> units()
    {
        return units;
    }

    int index(int year)
    {
        return year - firstYear;
    }

    /** The population of a unit at the end of {@code year}, {@code [sex][age]}. */
    public double[][] population(String unit, int year)
    {
        return copy(units.get(unit).persons[index(year)]);
    }

    /** The flows a unit saw in {@code year}, as a projected year: births at age 0 by sex, deaths, moves in less moves out. */
    public ProjectedYear observed(String unit, int year)
    {
        Unit cells = units.get(unit);
        int y = index(year);
        int ages = ProjectionAssumptions.AGES;
        double[][] births = new double[2][ages];
        births[UnitSchedule.MALE][0] = cells.boys[y];
        births[UnitSchedule.FEMALE][0] = cells.girls[y];
        double[][] net = new double[2][ages];
        for (int sex = 0; sex < 2; sex++) {
            for (int age = 0; age < ages; age++) {
                net[sex][age] = cells.inMoves[y][sex][age] - cells.outMoves[y][sex][age];
            }
        }
        return new ProjectedYear(copy(cells.persons[y]), births, copy(cells.deaths[y]), net);
    }

    private static double[][] copy(double[][] values)
    {
        return new double[][] {values[0].clone(), values[1].clone()};
    }
}
