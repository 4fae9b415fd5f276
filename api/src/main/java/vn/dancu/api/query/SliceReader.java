package vn.dancu.api.query;

import vn.dancu.api.cube.CuboidSlice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fourth stage of a cube question: one partition's slice of its planned cuboid added into the table's cells. Each
 * stored code is mapped onto its axis (a commune onto its 2025 unit, district or province; an age onto its band), rows
 * outside the axes' codes are skipped, and for a cube of moves a move within one unit of the asked geography (a merged
 * commune, the area) is left out: it is no migration at that level.
 */
public final class SliceReader
{
    private SliceReader() {}

    /**
     * @param leafCodes the codes of each axis, in cell order
     * @param strides   the cell stride of each axis
     * @param measures  the measures summed, in the order of {@code values}
     * @param values    the cells of each measure, added to
     */
    public static void accumulate(CuboidSlice slice, CuboidPlanner.PartitionPlan plan, List<List<String>> leafCodes, int[] strides,
            List<String> measures, long[][] values)
    {
        List<QueryDimension> axes = plan.axes();
        int k = axes.size();
        int[][] leafOf = new int[k][];
        int[][] columns = new int[k][];
        for (int d = 0; d < k; d++) {
            QueryDimension axis = axes.get(d);
            int column = slice.dimensionIndex(axis.base());
            String[] dictionary = slice.dictionaries().get(column);
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < leafCodes.get(d).size(); i++) {
                index.put(leafCodes.get(d).get(i), i);
            }
            leafOf[d] = new int[dictionary.length];
            for (int i = 0; i < dictionary.length; i++) {
                String mapped = axis.map(dictionary[i]);
                Integer leaf = mapped == null ? null : index.get(mapped);
                leafOf[d][i] = leaf == null ? -1 : leaf;
            }
            columns[d] = slice.codes().get(column);
        }
        boolean[] withinUnit = plan.moves().map(moves -> withinUnit(slice, moves)).orElse(null);
        long[][] measureColumns = new long[measures.size()][];
        for (int m = 0; m < measures.size(); m++) {
            measureColumns[m] = slice.values().get(slice.measureIndex(measures.get(m)));
        }
        rows:
        for (int row = 0; row < slice.rows(); row++) {
            int cell = 0;
            for (int d = 0; d < k; d++) {
                int leaf = leafOf[d][columns[d][row]];
                if (leaf < 0) {
                    continue rows;
                }
                cell += leaf * strides[d];
            }
            if (withinUnit != null && withinUnit[row]) {
                continue;
            }
            for (int m = 0; m < measureColumns.length; m++) {
                values[m][cell] += measureColumns[m][row];
            }
        }
    }

    /** For each row of a slice of moves: whether it moved between two places of one unit of the asked geography. */
    static boolean[] withinUnit(CuboidSlice slice, CuboidPlanner.Moves moves)
    {
        int[] fromColumn = slice.codes().get(slice.dimensionIndex(moves.from().base()));
        int[] toColumn = slice.codes().get(slice.dimensionIndex(moves.to().base()));
        int[] flowColumn = slice.codes().get(slice.dimensionIndex(moves.flow()));
        String[] flows = slice.dictionaries().get(slice.dimensionIndex(moves.flow()));
        String[] fromDictionary = slice.dictionaries().get(slice.dimensionIndex(moves.from().base()));
        String[] toDictionary = slice.dictionaries().get(slice.dimensionIndex(moves.to().base()));
        boolean[] internal = new boolean[flows.length];
        for (int i = 0; i < flows.length; i++) {
            internal[i] = moves.internalFlows().contains(flows[i]);
        }
        boolean[] within = new boolean[slice.rows()];
        for (int row = 0; row < slice.rows(); row++) {
            if (!internal[flowColumn[row]]) {
                continue;
            }
            String otherCode = toDictionary[toColumn[row]];
            String from = moves.from().map(fromDictionary[fromColumn[row]]);
            String to = otherCode.isEmpty() || GeographyDimension.OUTSIDE_CODE.equals(otherCode) ? null : moves.from().map(otherCode);
            within[row] = from != null && !GeographyDimension.UNPLACED_CODE.equals(from) && from.equals(to);
        }
        return within;
    }
}
