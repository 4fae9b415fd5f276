package vn.dancu.api.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Secondary cell suppression of a {@link LinkedTable} by Gaussian elimination (Langsrud 2024; the method of the R
 * packages SSBtools and GaussSuppression of Statistics Norway, and of sdcTable's {@code "GAUSS"} method):
 * <ol>
 *   <li><b>Primary suppression</b>: a cell whose count (its cube's counted measure) is from 1 to threshold − 1. Zeros
 *   are never withheld: an empty cell is no atom, so it carries nothing to protect or to hide behind.</li>
 *   <li>The other cells are taken one by one, <b>largest first</b> (ties: the cell of more atoms, i.e. the coarser,
 *   first), and each is published unless publishing it, together with everything published before, would let an
 *   intruder compute a primary cell exactly; then it is withheld (a secondary suppression). Totals are therefore
 *   published and small inner cells withheld.</li>
 *   <li>Withheld complements that the published cells determine anyway are published again: that changes nothing an
 *   intruder can compute, so in the end no withheld cell at all can be computed.</li>
 * </ol>
 * Whether a cell can be computed is decided exactly on the linear system of the whole block ({@link EchelonSystem}):
 * every cell is the sum of its atoms, the relations hold, the published cells are known. Every table, margin,
 * level, geography and period length of the block is in it, so no combination of published figures, from any
 * number of answers, determines a withheld cell. The pattern depends only on the block's data and the threshold:
 * the same question always gets the same answer.
 */
public final class GaussSuppression
{
    private GaussSuppression() {}

    /**
     * @param threshold per cube, the threshold in its counted measure (the first measure of its cells): a count c
     *                  with 1 ≤ c &lt; threshold is primary
     */
    public static SuppressionPattern protect(LinkedTable table, ToLongFunction<String> threshold)
    {
        return protect(table, threshold, defaultMaxEntries());
    }

    /**
     * The most entries the elimination may hold for one table: a sixty-fourth of the heap in entries (an entry costs
     * about 20 bytes with its holder lists), so that one protection uses at most about a third of the heap. At
     * national size a year of flows (births, deaths and moves of 640 communes, which cannot be split by province)
     * filled an 8 GiB heap within minutes (docs/benchmarks.md, "Disclosure control alone").
     */
    public static long defaultMaxEntries()
    {
        return Runtime.getRuntime().maxMemory() / 64;
    }

    /**
     * @param maxEntries the most entries the elimination may hold; a table whose elimination outgrows it gets every
     *                   non-empty cell withheld (safe, and the server keeps its memory) and an error in the log
     */
    public static SuppressionPattern protect(LinkedTable table, ToLongFunction<String> threshold, long maxEntries)
    {
        try {
            try {
                return protect(table, threshold, true, maxEntries);
            }
            catch (PrimaryExposed first) {
                LOG.warn("{}; protecting the block again without publishing complements again", first.getMessage());
            }
            try {
                return protect(table, threshold, false, maxEntries);
            }
            catch (PrimaryExposed second) {
                // Never answer with a pattern that lets a small count be computed: withhold every non-empty cell of the block.
                LOG.error("{}; every non-empty cell of the block is withheld", second.getMessage());
                return withholdAll(table);
            }
        }
        catch (LinkedTableTooLarge tooLarge) {
            LOG.error("a linked table of {} cells and {} atoms is too large to protect in this heap ({}); every non-empty cell of the block is"
                    + " withheld (raise the heap, or see docs/disclosure-control.md, Limits)", table.cells().size(), table.atoms(), tooLarge.getMessage());
            return withholdAll(table);
        }
    }

    /** The final check found a primary cell the published cells determine. */
    private static final class PrimaryExposed extends RuntimeException
    {
        PrimaryExposed(String message)
        {
            super(message, null, false, false);
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GaussSuppression.class);

    /** Every published non-empty cell withheld (zeros are not cells: they stay published). */
    private static SuppressionPattern withholdAll(LinkedTable table)
    {
        Map<String, List<Long>> byShape = new HashMap<>();
        int withheld = 0;
        for (LinkedTable.Cell cell : table.cells()) {
            if (!cell.published()) {
                continue;
            }
            withheld++;
            for (LinkedTable.Alias alias : cell.aliases()) {
                byShape.computeIfAbsent(alias.shape(), key -> new ArrayList<>()).add(alias.codes());
            }
        }
        Map<String, long[]> suppressed = new HashMap<>();
        byShape.forEach((shape, codes) -> suppressed.put(shape, codes.stream().mapToLong(Long::longValue).sorted().distinct().toArray()));
        return new SuppressionPattern(suppressed, new LinkedHashSet<>(table.shapes()),
                new SuppressionPattern.Figures(table.shapes().size(), table.atoms(), table.cells().size(), table.relations().size(), 0, withheld, 0, 0));
    }

    private static SuppressionPattern protect(LinkedTable table, ToLongFunction<String> threshold, boolean release, long maxEntries)
    {
        long started = System.nanoTime();
        List<LinkedTable.Cell> cells = table.cells();
        int atoms = table.atoms();
        int[] base = new int[cells.size() + 1];
        base[0] = atoms;
        for (int i = 0; i < cells.size(); i++) {
            base[i + 1] = base[i] + cells.get(i).components().length;
        }
        int columns = base[cells.size()];
        boolean[] primary = new boolean[cells.size()];
        boolean[] primaryColumn = new boolean[columns];
        List<Integer> candidates = new ArrayList<>();
        boolean[] hidden = new boolean[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            hidden[i] = !cells.get(i).published();
            if (hidden[i]) {
                continue;
            }
            long value = cells.get(i).values()[0];
            primary[i] = value >= 1 && value < threshold.applyAsLong(cells.get(i).cube());
            if (primary[i]) {
                for (int c = base[i]; c < base[i + 1]; c++) {
                    primaryColumn[c] = true;
                }
            }
            else {
                candidates.add(i);
            }
        }
        candidates.sort((a, b) -> {
            int byValue = Long.compare(cells.get(b).values()[0], cells.get(a).values()[0]);
            if (byValue != 0) {
                return byValue;
            }
            int bySize = Integer.compare(cells.get(b).size(), cells.get(a).size());
            return bySize != 0 ? bySize : Integer.compare(a, b);
        });
        // Pivot preference: atoms and hidden cells, then withheld cells, then cells in the reverse of the order they are
        // published in.
        long[] preference = new long[columns];
        for (int i = 0; i < cells.size(); i++) {
            for (int c = base[i]; c < base[i + 1]; c++) {
                preference[c] = hidden[i] ? 0 : 1;
            }
        }
        for (int position = 0; position < candidates.size(); position++) {
            int cell = candidates.get(position);
            for (int c = base[cell]; c < base[cell + 1]; c++) {
                preference[c] = 2L + candidates.size() - position;
            }
        }
        EchelonSystem system = new EchelonSystem(preference, maxEntries);
        // Every cell is the sum of its parts (or of its atoms); the relations hold. Short rows first: less fill-in.
        List<int[]> rowColumns = new ArrayList<>();
        List<long[]> rowValues = new ArrayList<>();
        List<Integer> rowSize = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            LinkedTable.Cell cell = cells.get(i);
            for (int m = 0; m < cell.components().length; m++) {
                rowSize.add(cell.size());
                if (cell.hasParts()) {
                    int[] c = new int[cell.parts().length + 1];
                    long[] v = new long[c.length];
                    c[0] = base[i] + m;
                    v[0] = 1;
                    for (int k = 0; k < cell.parts().length; k++) {
                        c[k + 1] = base[cell.parts()[k]] + m;
                        v[k + 1] = -1;
                    }
                    rowColumns.add(c);
                    rowValues.add(v);
                    continue;
                }
                int[] component = cell.components()[m];
                int[] c = new int[component.length + 1];
                long[] v = new long[component.length + 1];
                c[0] = base[i] + m;
                v[0] = 1;
                for (int k = 0; k < component.length; k++) {
                    c[k + 1] = component[k];
                    v[k + 1] = -cell.weights()[m][k];
                }
                rowColumns.add(c);
                rowValues.add(v);
            }
        }
        for (LinkedTable.Relation relation : table.relations()) {
            rowColumns.add(relation.atoms());
            rowValues.add(relation.weights());
            rowSize.add(relation.atoms().length);
        }
        Integer[] order = new Integer[rowColumns.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Coarsest first: each row then pivots on one of its parts, defined over its parent's siblings (short rows).
        Arrays.sort(order, (a, b) -> Integer.compare(rowSize.get(b), rowSize.get(a)));
        for (int row : order) {
            system.add(rowColumns.get(row), rowValues.get(row));
        }

        // Largest first: publish unless that exposes a primary cell.
        boolean[] withheld = primary.clone();
        for (int cell : candidates) {
            List<EchelonSystem.Row> reduced = new ArrayList<>();
            for (int c = base[cell]; c < base[cell + 1]; c++) {
                EchelonSystem.Row row = system.reduced(c);
                if (row.size() > 0 && !system.determined(c)) {
                    reduced.add(row);
                }
            }
            if (!reduced.isEmpty() && exposes(system, echelon(system, reduced), primaryColumn)) {
                withheld[cell] = true;
                for (int c = base[cell]; c < base[cell + 1]; c++) {
                    system.prefer(c, 1);
                }
                continue;
            }
            for (int c = base[cell]; c < base[cell + 1]; c++) {
                system.delete(c);
            }
        }
        // Complements the published cells determine anyway are published again.
        int released = 0;
        int secondary = 0;
        for (int i = 0; i < cells.size(); i++) {
            if (!withheld[i] || primary[i] || hidden[i]) {
                continue;
            }
            if (!release) {
                secondary++;
                continue;
            }
            boolean determined = true;
            for (int c = base[i]; c < base[i + 1] && determined; c++) {
                determined = system.determined(c);
            }
            if (determined) {
                withheld[i] = false;
                released++;
            }
            else {
                secondary++;
            }
        }
        int primaries = 0;
        for (int i = 0; i < cells.size(); i++) {
            if (!primary[i]) {
                continue;
            }
            primaries++;
            for (int c = base[i]; c < base[i + 1]; c++) {
                if (system.determined(c)) {
                    throw new PrimaryExposed("primary cell " + cells.get(i).aliases().get(0) + " can be computed after protection");
                }
            }
        }
        Map<String, List<Long>> byShape = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            if (withheld[i] && !hidden[i]) {
                for (LinkedTable.Alias alias : cells.get(i).aliases()) {
                    byShape.computeIfAbsent(alias.shape(), key -> new ArrayList<>()).add(alias.codes());
                }
            }
        }
        Map<String, long[]> suppressed = new HashMap<>();
        byShape.forEach((shape, codes) -> suppressed.put(shape, codes.stream().mapToLong(Long::longValue).sorted().distinct().toArray()));
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new SuppressionPattern(suppressed, new LinkedHashSet<>(table.shapes()),
                new SuppressionPattern.Figures(table.shapes().size(), atoms, cells.size(), table.relations().size(), primaries, secondary, released, millis));
    }

    /**
     * The candidate's reduced components brought to reduced echelon form among themselves; each row's pivot (a column
     * no other row holds) is the column held by the fewest rows of the system.
     */
    private static List<EchelonSystem.Row> echelon(EchelonSystem system, List<EchelonSystem.Row> rows)
    {
        List<EchelonSystem.Row> result = new ArrayList<>();
        for (EchelonSystem.Row row : rows) {
            EchelonSystem.Row current = row;
            for (EchelonSystem.Row previous : result) {
                long factor = current.get(previous.pivot());
                if (factor != 0) {
                    current = combine(current, EchelonSystem.P - factor, previous, -1);
                }
            }
            if (current.size() == 0) {
                continue;
            }
            int pivot = current.columns()[0];
            for (int column : current.columns()) {
                if (system.holderCount(column) < system.holderCount(pivot)) {
                    pivot = column;
                }
            }
            long inverse = EchelonSystem.inverse(current.get(pivot));
            long[] scaled = new long[current.values().length];
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = EchelonSystem.multiply(current.values()[i], inverse);
            }
            EchelonSystem.Row normalized = new EchelonSystem.Row(current.columns(), scaled, pivot);
            List<EchelonSystem.Row> updated = new ArrayList<>();
            for (EchelonSystem.Row previous : result) {
                long factor = previous.get(pivot);
                updated.add(factor == 0 ? previous : combine(previous, EchelonSystem.P - factor, normalized, previous.pivot()));
            }
            updated.add(normalized);
            result = updated;
        }
        return result;
    }

    /** a + factor·b, with the given pivot. */
    private static EchelonSystem.Row combine(EchelonSystem.Row a, long factor, EchelonSystem.Row b, int pivot)
    {
        return EchelonSystem.plus(a, factor, b, pivot);
    }

    /**
     * Whether knowing the rows {@code span} (reduced, in echelon form) would determine a primary unknown: its reduced
     * form would lie in their span. Such an unknown holds the pivot of one of them (pivots appear in one row only).
     */
    private static boolean exposes(EchelonSystem system, List<EchelonSystem.Row> span, boolean[] primaryColumn)
    {
        Set<Integer> suspects = new LinkedHashSet<>();
        for (EchelonSystem.Row row : span) {
            int pivot = row.pivot();
            if (primaryColumn[pivot] && !system.isPivot(pivot)) {
                suspects.add(pivot);
            }
            for (int holder : system.pivotsOfRowsHolding(pivot)) {
                if (primaryColumn[holder]) {
                    suspects.add(holder);
                }
            }
        }
        if (suspects.isEmpty()) {
            return false;
        }
        Set<Integer> support = new HashSet<>();
        for (EchelonSystem.Row row : span) {
            for (int column : row.columns()) {
                support.add(column);
            }
        }
        for (int suspect : suspects) {
            EchelonSystem.Row reduced = system.reduced(suspect);
            boolean inside = true;
            for (int column : reduced.columns()) {
                if (!support.contains(column)) {
                    inside = false;
                    break;
                }
            }
            if (!inside) {
                continue;
            }
            EchelonSystem.Row rest = reduced;
            for (EchelonSystem.Row row : span) {
                long factor = rest.get(row.pivot());
                if (factor != 0) {
                    rest = combine(rest, EchelonSystem.P - factor, row, -1);
                }
            }
            if (rest.size() == 0) {
                return true;
            }
        }
        return false;
    }
}
