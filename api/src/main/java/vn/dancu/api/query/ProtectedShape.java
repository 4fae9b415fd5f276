package vn.dancu.api.query;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The shape of a table as disclosure control files its cells: the cube, whether and how units are shown, and the
 * grouping of every other dimension shown. Two questions with the same shape have the same cells: a cell is named by
 * its shape and its codes packed into a number ({@link #pack}), the same way when the protection is computed and when
 * an answer looks its cells up.
 *
 * <p>Totals over units are the same at every level and on both geographies, except for moves (a move within one unit
 * of the asked level is no move at that level): they are filed once. On a block after the reorganisation the two
 * geographies are the same units and are filed as one.
 *
 * @param cube       the cube
 * @param geography  {@code 2025} or {@code asof}, or {@code *} when it does not matter
 * @param level      the level of the units, or {@code *} when it does not matter
 * @param unitShown  whether the table has a row per unit
 * @param dimensions the other dimensions shown, each as {@code base=grouping} (grouping: the query name), sorted
 * @param period     the months summed ({@link ProtectionBlock.Span#tag()}) in a block of flows, or
 *                   {@link ProtectionBlock#BY_QUARTER} for a hidden table by quarter; empty in a block of one date
 */
public record ProtectedShape(String cube, String geography, String level, boolean unitShown, List<String> dimensions, String period)
{
    public ProtectedShape
    {
        requireNonNull(cube, "cube is null");
        requireNonNull(geography, "geography is null");
        requireNonNull(level, "level is null");
        dimensions = List.copyOf(dimensions);
        requireNonNull(period, "period is null");
    }

    /**
     * The shape of a table.
     *
     * @param movesDependOnLevel whether totals over units depend on the level (moves between units)
     * @param others             per other dimension shown, its stored base name and its grouping (query name)
     */
    public static ProtectedShape of(String cube, GeographyDimension.Geography geography, GeographyDimension.Level level, boolean unitShown,
            boolean movesDependOnLevel, boolean afterReorganisation, List<String[]> others, String period)
    {
        List<String> dimensions = new ArrayList<>();
        for (String[] other : others) {
            dimensions.add(other[0] + "=" + other[1]);
        }
        dimensions.sort(String::compareTo);
        if (!unitShown && !movesDependOnLevel) {
            return new ProtectedShape(cube, "*", "*", false, dimensions, period);
        }
        String geo = afterReorganisation ? GeographyDimension.Geography.Y2025.code() : geography.code();
        return new ProtectedShape(cube, geo, level.code(), unitShown, dimensions, period);
    }

    public String key()
    {
        return cube + "|" + geography + "/" + level + (unitShown ? "/units" : "/total") + "|" + String.join(",", dimensions)
                + (period.isEmpty() ? "" : "|" + period);
    }

    /**
     * Packs the codes of a cell: the position of each shown dimension's code in its list, the unit first, then the
     * other dimensions in the order of {@link #dimensions()}.
     *
     * @param positions one position per shown dimension, in that order
     * @param sizes     the number of codes of each
     */
    public static long pack(int[] positions, int[] sizes)
    {
        long packed = 0;
        for (int i = 0; i < positions.length; i++) {
            packed = packed * sizes[i] + positions[i];
        }
        return packed;
    }
}
