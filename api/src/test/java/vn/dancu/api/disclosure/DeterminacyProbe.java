package vn.dancu.api.disclosure;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Runs {@link Determinacy} over every constraint of a table, the way the protector feeds it, for comparison. */
final class DeterminacyProbe
{
    private DeterminacyProbe() {}

    static Set<Integer> determined(HierarchicalTable table, BitSet suppressed)
    {
        List<Integer> unknowns = new ArrayList<>();
        Map<Integer, Integer> index = new HashMap<>();
        for (int cell = suppressed.nextSetBit(0); cell >= 0; cell = suppressed.nextSetBit(cell + 1)) {
            index.put(cell, unknowns.size());
            unknowns.add(cell);
        }
        Determinacy system = new Determinacy(unknowns.size());
        int k = table.dimensionCount();
        int[] nodes = new int[k];
        for (int cell = 0; cell < table.cells(); cell++) {
            table.decode(cell, nodes);
            for (int d = 0; d < k; d++) {
                int[] children = table.children(d, nodes[d]);
                if (children.length == 0) {
                    continue;
                }
                List<Integer> columns = new ArrayList<>();
                List<Long> coefficients = new ArrayList<>();
                if (index.containsKey(cell)) {
                    columns.add(index.get(cell));
                    coefficients.add(1L);
                }
                for (int child : children) {
                    Integer unknown = index.get(cell + (child - nodes[d]) * table.stride(d));
                    if (unknown != null) {
                        columns.add(unknown);
                        coefficients.add(-1L);
                    }
                }
                if (!columns.isEmpty()) {
                    system.add(columns.stream().mapToInt(Integer::intValue).toArray(), coefficients.stream().mapToLong(Long::longValue).toArray());
                }
            }
        }
        Set<Integer> determined = new TreeSet<>();
        for (int i = 0; i < unknowns.size(); i++) {
            if (system.determined(i)) {
                determined.add(unknowns.get(i));
            }
        }
        return determined;
    }
}
