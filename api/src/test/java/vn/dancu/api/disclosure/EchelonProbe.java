package vn.dancu.api.disclosure;

import java.util.Set;
import java.util.TreeSet;

/** Feeds a linked table to {@link EchelonSystem} with some cells withheld and asks which of those it finds computable. */
final class EchelonProbe
{
    private EchelonProbe() {}

    static Set<Integer> determined(LinkedTable table, Set<Integer> withheld)
    {
        int atoms = table.atoms();
        int[] base = new int[table.cells().size() + 1];
        base[0] = atoms;
        for (int i = 0; i < table.cells().size(); i++) {
            base[i + 1] = base[i] + table.cells().get(i).components().length;
        }
        EchelonSystem system = new EchelonSystem(new long[base[table.cells().size()]]);
        for (int i = 0; i < table.cells().size(); i++) {
            LinkedTable.Cell cell = table.cells().get(i);
            for (int m = 0; m < cell.components().length; m++) {
                int[] columns = new int[cell.components()[m].length + 1];
                long[] values = new long[columns.length];
                columns[0] = base[i] + m;
                values[0] = 1;
                for (int k = 0; k < cell.components()[m].length; k++) {
                    columns[k + 1] = cell.components()[m][k];
                    values[k + 1] = -cell.weights()[m][k];
                }
                system.add(columns, values);
            }
        }
        for (LinkedTable.Relation relation : table.relations()) {
            system.add(relation.atoms(), relation.weights());
        }
        for (int i = 0; i < table.cells().size(); i++) {
            if (!withheld.contains(i)) {
                for (int c = base[i]; c < base[i + 1]; c++) {
                    system.delete(c);
                }
            }
        }
        Set<Integer> determined = new TreeSet<>();
        for (int i : withheld) {
            for (int c = base[i]; c < base[i + 1]; c++) {
                if (system.determined(c)) {
                    determined.add(i);
                }
            }
        }
        return determined;
    }
}
