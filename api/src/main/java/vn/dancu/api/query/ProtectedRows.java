package vn.dancu.api.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fifth stage of a cube question: the table's cells summed into the answer's rows, with disclosure control
 * applied. The cells span every axis (the asked dimensions first, then the filtered ones that are not asked for); a row
 * is one combination of the asked dimensions, summed over the kept codes of the others. A row that sums a withheld cell
 * is withheld (its values shown as zeros and marked suppressed), so that no withheld count can be had from a total of
 * it; a row of zeros that withholds nothing is left out.
 */
public final class ProtectedRows
{
    private ProtectedRows() {}

    /**
     * @param leafCodes  the codes of each axis, in cell order (the asked dimensions' axes first)
     * @param outputs    how many of the axes are asked dimensions
     * @param filters    axis name → codes kept (axes not named keep all their codes)
     * @param axisNames  the name of each axis
     * @param values     the cells of each measure shown (a measure summed only for protection comes after them)
     * @param shown      how many of the measures are shown
     * @param suppressed the withheld cells
     */
    public static List<CubeTable.Row> rows(List<List<String>> leafCodes, int outputs, Map<String, Set<String>> filters, List<String> axisNames,
            long[][] values, int shown, BitSet suppressed)
    {
        int k = leafCodes.size();
        int cells = values.length == 0 ? 0 : values[0].length;
        boolean[][] kept = new boolean[k][];
        for (int d = 0; d < k; d++) {
            kept[d] = new boolean[leafCodes.get(d).size()];
            Set<String> allowed = filters.get(axisNames.get(d));
            for (int i = 0; i < kept[d].length; i++) {
                kept[d][i] = allowed == null || allowed.contains(leafCodes.get(d).get(i));
            }
        }
        Map<Long, long[]> sums = new LinkedHashMap<>();
        Map<Long, Boolean> withheld = new LinkedHashMap<>();
        int[] position = new int[k];
        for (int cell = 0; cell < cells; cell++) {
            boolean keep = true;
            long key = 0;
            for (int d = 0; d < k && keep; d++) {
                keep = kept[d][position[d]];
                if (d < outputs) {
                    key = key * leafCodes.get(d).size() + position[d];
                }
            }
            if (keep) {
                long[] row = sums.computeIfAbsent(key, x -> new long[shown]);
                for (int m = 0; m < shown; m++) {
                    row[m] += values[m][cell];
                }
                if (suppressed.get(cell)) {
                    withheld.put(key, true);
                }
            }
            for (int d = k - 1; d >= 0; d--) {
                if (++position[d] < leafCodes.get(d).size()) {
                    break;
                }
                position[d] = 0;
            }
        }
        List<CubeTable.Row> rows = new ArrayList<>();
        for (Map.Entry<Long, long[]> sum : sums.entrySet()) {
            boolean hidden = withheld.getOrDefault(sum.getKey(), false);
            if (!hidden && Arrays.stream(sum.getValue()).allMatch(value -> value == 0)) {
                continue;
            }
            long rest = sum.getKey();
            String[] codes = new String[outputs];
            for (int d = outputs - 1; d >= 0; d--) {
                int size = leafCodes.get(d).size();
                codes[d] = leafCodes.get(d).get((int) (rest % size));
                rest /= size;
            }
            rows.add(new CubeTable.Row(Arrays.asList(codes), hidden ? new long[shown] : sum.getValue(), hidden));
        }
        return rows;
    }
}
