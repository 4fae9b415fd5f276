package vn.dancu.api.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Cell suppression of a {@link HierarchicalTable}, margins included.
 *
 * <p><b>Primary suppression</b>: a cell whose count is at least 1 and below the threshold. Zeros are published, except
 * where a zero is the only complement left that can hide a small cell (sparse tables whose margins are fixed).
 *
 * <p><b>Secondary suppression</b>, top-down: the sub-tables of the table are visited from the coarsest (the grand
 * total) to the finest, a sub-table being the cells whose dimensions are each at or above a given level (its
 * "level vector"). The pattern of a coarser sub-table is fixed before a finer one is protected, and the finer one
 * may only add suppressions among its own interior cells, so the margins of a table are suppressed exactly as the
 * same margins are when asked for on their own: a pattern never depends on which table a cell is shown in.
 * In each sub-table:
 * <ol>
 *   <li>an interior cell that is an only child (age 100 alone in the band 100+) is suppressed with its parent;</li>
 *   <li>every primary interior cell gets a box (hypercube) of complementary suppressions: along each dimension one
 *   other node under a common ancestor, and every corner of the box they span, chosen to hide as few people as
 *   possible among boxes without a published zero corner and that move no published coarser cell. Moving one unit
 *   around such a box changes no published number, which proves that none of its corners can be computed;</li>
 *   <li>every small (primary) margin gets the same kind of box below it, so that its protection holds in the finer
 *   table too;</li>
 *   <li>the sub-table is then attacked as an intruder would: the published cells and every row, column and
 *   hierarchy total are solved as a linear system ({@link Determinacy}). While a primary cell is exactly
 *   determined, complements are added around it (zeros last); as a last resort the whole interior is suppressed.
 *   Complementary interior cells that the published numbers determine anyway are published again.</li>
 * </ol>
 *
 * <p>Patterns of sub-tables can be shared between tables through a {@link PatternMemo}.
 */
public final class TableProtector
{
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TableProtector.class);

    /** Rounds of targeted complementary suppression (the second half may use zeros) before falling back to wider ones. */
    private static final int TARGETED_ROUNDS = 8;

    private final long threshold;

    /**
     * @param threshold a count c with 1 ≤ c &lt; threshold is primary-suppressed
     */
    public TableProtector(long threshold)
    {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        this.threshold = threshold;
    }

    public long threshold()
    {
        return threshold;
    }

    public boolean primary(long value)
    {
        return value >= 1 && value < threshold;
    }

    /** Suppressed cells of the whole table (margins included). */
    public BitSet protect(HierarchicalTable table)
    {
        return protect(table, PatternMemo.NONE);
    }

    public BitSet protect(HierarchicalTable table, PatternMemo memo)
    {
        requireNonNull(memo, "memo is null");
        BitSet suppressed = new BitSet(table.cells());
        for (int[] levels : levelVectorsCoarsestFirst(table)) {
            String key = PatternMemo.key(table, levels);
            int[] canonical = canonicalDimensions(table, levels);
            List<List<String>> remembered = memo.get(key);
            if (remembered != null) {
                for (List<String> codes : remembered) {
                    suppressed.set(cellOf(table, levels, canonical, codes));
                }
                continue;
            }
            new SubTable(table, levels, suppressed).protect();
            List<List<String>> pattern = new ArrayList<>();
            forEachCell(table, levels, levels, cell -> {
                if (suppressed.get(cell)) {
                    pattern.add(codesAt(table, cell, canonical));
                }
            });
            memo.put(key, pattern);
        }
        return suppressed;
    }

    /** The dimensions not at their total in {@code levels}, ordered by name (the order of a memo's code lists). */
    private static int[] canonicalDimensions(HierarchicalTable table, int[] levels)
    {
        List<Integer> dimensions = new ArrayList<>();
        for (int d = 0; d < levels.length; d++) {
            if (levels[d] < table.levelCount(d) - 1) {
                dimensions.add(d);
            }
        }
        dimensions.sort(Comparator.comparing(d -> table.dimensions().get(d).name()));
        return dimensions.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<String> codesAt(HierarchicalTable table, int cell, int[] canonical)
    {
        int[] nodes = new int[table.dimensionCount()];
        table.decode(cell, nodes);
        List<String> codes = new ArrayList<>(canonical.length);
        for (int d : canonical) {
            codes.add(table.code(d, nodes[d]));
        }
        return codes;
    }

    private static int cellOf(HierarchicalTable table, int[] levels, int[] canonical, List<String> codes)
    {
        int[] nodes = new int[levels.length];
        for (int d = 0; d < levels.length; d++) {
            nodes[d] = table.firstNode(d, levels[d]);
        }
        for (int i = 0; i < canonical.length; i++) {
            int d = canonical[i];
            int found = -1;
            for (int node = table.firstNode(d, levels[d]); node < table.endNode(d, levels[d]); node++) {
                if (table.code(d, node).equals(codes.get(i))) {
                    found = node;
                    break;
                }
            }
            if (found < 0) {
                throw new IllegalStateException("remembered pattern names code " + codes.get(i) + " unknown to the table");
            }
            nodes[d] = found;
        }
        return table.encode(nodes);
    }

    /** Every combination of levels, coarsest first (by descending sum of levels, then lexicographically). */
    static List<int[]> levelVectorsCoarsestFirst(HierarchicalTable table)
    {
        int k = table.dimensionCount();
        List<int[]> vectors = new ArrayList<>();
        int[] current = new int[k];
        while (true) {
            vectors.add(current.clone());
            int d = k - 1;
            while (d >= 0 && ++current[d] == table.levelCount(d)) {
                current[d] = 0;
                d--;
            }
            if (d < 0) {
                break;
            }
        }
        vectors.sort(Comparator.comparingInt((int[] v) -> -Arrays.stream(v).sum()).thenComparing(Arrays::compare));
        return vectors;
    }

    interface CellAction
    {
        void accept(int cell);
    }

    /** Calls {@code action} for every cell whose level in each dimension is between {@code low} and {@code high}. */
    static void forEachCell(HierarchicalTable table, int[] low, int[] high, CellAction action)
    {
        int k = table.dimensionCount();
        int[] first = new int[k];
        int[] end = new int[k];
        for (int d = 0; d < k; d++) {
            first[d] = table.firstNode(d, low[d]);
            end[d] = table.endNode(d, high[d]);
        }
        int[] nodes = first.clone();
        if (k == 0) {
            action.accept(0);
            return;
        }
        while (true) {
            action.accept(table.encode(nodes));
            int d = k - 1;
            while (d >= 0 && ++nodes[d] == end[d]) {
                nodes[d] = first[d];
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    /** One sub-table: the cells at or above {@code levels}; its interior is the cells exactly at {@code levels}. */
    private final class SubTable
    {
        private final HierarchicalTable table;
        private final int[] levels;
        private final int[] top;
        private final BitSet suppressed;
        private final int k;

        SubTable(HierarchicalTable table, int[] levels, BitSet suppressed)
        {
            this.table = table;
            this.levels = levels;
            this.suppressed = suppressed;
            this.k = table.dimensionCount();
            this.top = new int[k];
            for (int d = 0; d < k; d++) {
                top[d] = table.levelCount(d) - 1;
            }
        }

        void protect()
        {
            List<Integer> interiorPrimary = new ArrayList<>();
            int[] nodes = new int[k];
            forEachCell(table, levels, levels, cell -> {
                // An only child is the same number as its parent: it is suppressed when the parent is.
                table.decode(cell, nodes);
                for (int d = 0; d < k; d++) {
                    int parent = table.parent(d, nodes[d]);
                    if (parent >= 0 && table.children(d, parent).length == 1 && suppressed.get(cell + (parent - nodes[d]) * table.stride(d))) {
                        suppressed.set(cell);
                    }
                }
                if (primary(table.value(cell))) {
                    suppressed.set(cell);
                    interiorPrimary.add(cell);
                }
            });
            List<Integer> coarsePrimary = new ArrayList<>();
            forEachCell(table, levels, top, cell -> {
                if (suppressed.get(cell) && primary(table.value(cell)) && !interior(cell)) {
                    coarsePrimary.add(cell);
                }
            });
            if (interiorPrimary.isEmpty() && coarsePrimary.isEmpty()) {
                return;
            }
            for (int cell : interiorPrimary) {
                table.decode(cell, nodes);
                box(cell, nodes.clone());
            }
            // Carry the protection of small margins down into this table: a box at this level below each of them.
            for (int margin : coarsePrimary) {
                int below = largestInteriorBelow(margin);
                if (below >= 0) {
                    int[] anchor = new int[k];
                    table.decode(margin, anchor);
                    box(below, anchor);
                }
            }
            BitSet tried = new BitSet();
            boolean zeros = false;
            boolean wide = false;
            for (int round = 1; ; round++) {
                List<Integer> exposed = attack(false);
                if (exposed.isEmpty()) {
                    attack(true);
                    return;
                }
                if (round <= TARGETED_ROUNDS) {
                    zeros |= round > TARGETED_ROUNDS / 2;
                    boolean added = false;
                    for (int cell : exposed) {
                        added |= complementAround(cell, tried, zeros);
                    }
                    if (!added && !zeros) {
                        zeros = true;
                        for (int cell : exposed) {
                            added |= complementAround(cell, tried, true);
                        }
                    }
                    if (added) {
                        continue;
                    }
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("sub-table {} of {}: {} cells still exposed after {} rounds, e.g. {}; suppressing the interior",
                            Arrays.toString(levels), table, exposed.size(), round - 1, table.codes(exposed.get(0)));
                }
                if (!wide) {
                    wide = true;
                    if (suppressInterior(false)) {
                        continue;
                    }
                }
                if (suppressInterior(true)) {
                    continue;
                }
                throw new IllegalStateException("cannot protect sub-table " + Arrays.toString(levels) + " of " + table
                        + ": cells " + exposed + " stay determined with the whole interior suppressed");
            }
        }

        private int largestInteriorBelow(int cell)
        {
            int best = -1;
            for (int below : interiorBelow(cell, true)) {
                if (best < 0 || table.value(below) > table.value(best)) {
                    best = below;
                }
            }
            return best;
        }

        /**
         * Chooses and suppresses a box (hypercube) of interior cells with {@code cell} at one corner: along each
         * dimension one other node, taken outside the branch of {@code anchor} (the cell itself, or the small margin
         * the box protects). Moving one unit around the box's corners changes no published number, which proves that
         * none of its corners can be computed.
         */
        private void box(int cell, int[] anchor)
        {
            int[] nodes = new int[k];
            table.decode(cell, nodes);
            List<Integer> spanned = new ArrayList<>();
            List<List<Integer>> usable = new ArrayList<>();
            boolean[] isSpanned = new boolean[k];
            for (int d = 0; d < k; d++) {
                List<Integer> others = new ArrayList<>();
                for (int other : relatives(d, anchor[d], table.level(d, nodes[d]))) {
                    int otherCell = cell + (other - nodes[d]) * table.stride(d);
                    if (suppressed.get(otherCell) || table.value(otherCell) != 0) {
                        others.add(other);
                    }
                }
                if (!others.isEmpty()) {
                    spanned.add(d);
                    usable.add(others);
                    isSpanned[d] = true;
                }
            }
            if (spanned.isEmpty()) {
                return;
            }
            List<int[]> candidates = new ArrayList<>();
            for (int i = 0; i < spanned.size(); i++) {
                candidates.add(ranked(cell, nodes, anchor, spanned.get(i), usable.get(i), isSpanned));
            }
            // The cheapest box among the few best-ranked nodes per dimension; if every such box has a published zero
            // corner or moves a published margin, search wider (up to about 4096 boxes).
            int[] best = cheapestBox(cell, nodes, anchor, spanned, candidates, 3);
            int wide = Math.max(1, (int) Math.floor(Math.pow(4096, 1.0 / spanned.size())));
            if (best == null && wide > 3) {
                best = cheapestBox(cell, nodes, anchor, spanned, candidates, wide);
            }
            if (best == null) {
                return;
            }
            for (int corner : corners(cell, nodes, spanned, best)) {
                suppressed.set(corner);
            }
        }

        /**
         * Nodes at {@code level} below the siblings of {@code anchor}'s branch (the anchor, or its nearest ancestor
         * that has siblings): siblings of an interior node, cousins of an only child (age 100 alone in its band),
         * the parts of other margins for a margin.
         */
        private int[] relatives(int d, int anchor, int level)
        {
            int branch = branchOf(d, anchor);
            int parent = table.parent(d, branch);
            if (parent < 0) {
                return new int[0];
            }
            List<Integer> relatives = new ArrayList<>();
            for (int sibling : table.children(d, parent)) {
                if (sibling != branch) {
                    collectAtLevel(d, sibling, level, relatives);
                }
            }
            return relatives.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The node itself, or its nearest ancestor, whose parent has more than one child. */
        private int branchOf(int d, int node)
        {
            int branch = node;
            while (table.parent(d, branch) >= 0 && table.children(d, table.parent(d, branch)).length < 2) {
                branch = table.parent(d, branch);
            }
            return branch;
        }

        /**
         * Best first: nodes whose corner keeps every coarser cell it moves suppressed and is suppressed already, then
         * those that keep the coarser cells, then suppressed ones, then by size.
         */
        private int[] ranked(int cell, int[] nodes, int[] anchor, int d, List<Integer> usable, boolean[] spanned)
        {
            java.util.Map<Integer, Integer> rank = new java.util.HashMap<>();
            int[] corner = new int[k];
            for (int other : usable) {
                System.arraycopy(nodes, 0, corner, 0, k);
                corner[d] = other;
                boolean alreadySuppressed = suppressed.get(table.encode(corner));
                boolean keepsCoarser = coarserCellsSuppressed(corner, anchor, spanned);
                rank.put(other, keepsCoarser ? (alreadySuppressed ? 0 : 1) : (alreadySuppressed ? 2 : 3));
            }
            List<Integer> ranked = new ArrayList<>(usable);
            ranked.sort(Comparator.comparingInt((Integer other) -> rank.get(other))
                    .thenComparingLong((Integer other) -> table.value(cell + (other - nodes[d]) * table.stride(d)))
                    .thenComparingInt(other -> other));
            return ranked.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The other nodes (one per spanned dimension) of the cheapest usable box, or null. */
        private int[] cheapestBox(int cell, int[] nodes, int[] anchor, List<Integer> spanned, List<int[]> candidates, int keep)
        {
            boolean[] isSpanned = new boolean[k];
            spanned.forEach(d -> isSpanned[d] = true);
            int[] choice = new int[spanned.size()];
            int[] best = null;
            long bestCost = Long.MAX_VALUE;
            while (true) {
                int[] others = new int[spanned.size()];
                for (int i = 0; i < spanned.size(); i++) {
                    others[i] = candidates.get(i)[choice[i]];
                }
                long cost = boxCost(nodes, anchor, spanned, isSpanned, others, bestCost);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = others;
                }
                int i = spanned.size() - 1;
                while (i >= 0 && ++choice[i] >= Math.min(keep, candidates.get(i).length)) {
                    choice[i] = 0;
                    i--;
                }
                if (i < 0) {
                    return best;
                }
            }
        }

        /**
         * Sum of the published corners of a box; Long.MAX_VALUE when a corner is a published zero, the sum reaches
         * {@code limit}, or the box would move a published coarser cell. A corner's value moves with the coarser
         * cells between it and the common ancestor of the box along each dimension (all its totals along a dimension
         * the box does not span), so those must be suppressed already.
         */
        private long boxCost(int[] nodes, int[] anchor, List<Integer> spanned, boolean[] isSpanned, int[] others, long limit)
        {
            long cost = 0;
            int[] corner = new int[k];
            for (int mask = 0; mask < (1 << spanned.size()); mask++) {
                System.arraycopy(nodes, 0, corner, 0, k);
                for (int i = 0; i < spanned.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        corner[spanned.get(i)] = others[i];
                    }
                }
                int cornerCell = table.encode(corner);
                if (!suppressed.get(cornerCell)) {
                    long value = table.value(cornerCell);
                    if (value == 0) {
                        return Long.MAX_VALUE;
                    }
                    cost += value;
                    if (cost >= limit) {
                        return Long.MAX_VALUE;
                    }
                }
                if (!coarserCellsSuppressed(corner, anchor, isSpanned)) {
                    return Long.MAX_VALUE;
                }
            }
            return cost;
        }

        /** True when every coarser cell that moves with this corner is suppressed (see {@link #boxCost}). */
        private boolean coarserCellsSuppressed(int[] corner, int[] anchor, boolean[] spanned)
        {
            int[][] options = new int[k][];
            boolean any = false;
            for (int d = 0; d < k; d++) {
                int stop = spanned[d] ? table.parent(d, branchOf(d, anchor[d])) : -1;
                List<Integer> chain = new ArrayList<>();
                chain.add(corner[d]);
                for (int node = table.parent(d, corner[d]); node >= 0 && node != stop; node = table.parent(d, node)) {
                    chain.add(node);
                }
                options[d] = chain.stream().mapToInt(Integer::intValue).toArray();
                any |= options[d].length > 1;
            }
            if (!any) {
                return true;
            }
            int[] choice = new int[k];
            int[] chosen = new int[k];
            while (true) {
                int d = k - 1;
                while (d >= 0 && ++choice[d] == options[d].length) {
                    choice[d] = 0;
                    d--;
                }
                if (d < 0) {
                    return true;
                }
                for (int e = 0; e < k; e++) {
                    chosen[e] = options[e][choice[e]];
                }
                if (!suppressed.get(table.encode(chosen))) {
                    return false;
                }
            }
        }

        private int[] corners(int cell, int[] nodes, List<Integer> spanned, int[] others)
        {
            int[] corners = new int[1 << spanned.size()];
            for (int mask = 0; mask < corners.length; mask++) {
                int corner = cell;
                for (int i = 0; i < spanned.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        int d = spanned.get(i);
                        corner += (others[i] - nodes[d]) * table.stride(d);
                    }
                }
                corners[mask] = corner;
            }
            return corners;
        }

        /**
         * Adds, for an exposed cell, the smallest published sibling (in each dimension) of each suppressed interior
         * cell below it; when none is suppressed below it, its smallest non-zero interior part.
         */
        private boolean complementAround(int cell, BitSet tried, boolean zeros)
        {
            List<Integer> suppressedBelow = interiorBelow(cell, true);
            if (suppressedBelow.isEmpty()) {
                int smallest = -1;
                for (int below : interiorBelow(cell, false)) {
                    if (table.value(below) != 0 && !tried.get(below) && (smallest < 0 || table.value(below) < table.value(smallest))) {
                        smallest = below;
                    }
                }
                if (smallest < 0) {
                    return false;
                }
                suppressed.set(smallest);
                tried.set(smallest);
                return true;
            }
            boolean added = false;
            int[] nodes = new int[k];
            for (int below : suppressedBelow) {
                table.decode(below, nodes);
                for (int d = 0; d < k; d++) {
                    int best = -1;
                    long bestValue = Long.MAX_VALUE;
                    for (int sibling : relatives(d, nodes[d], table.level(d, nodes[d]))) {
                        int other = below + (sibling - nodes[d]) * table.stride(d);
                        // Zeros rank last: they are used only when no non-zero complement is left.
                        long value = table.value(other) == 0 ? Long.MAX_VALUE - 1 : table.value(other);
                        if (!suppressed.get(other) && !tried.get(other) && (zeros || value != Long.MAX_VALUE - 1) && value < bestValue) {
                            best = other;
                            bestValue = value;
                        }
                    }
                    if (best >= 0) {
                        suppressed.set(best);
                        tried.set(best);
                        added = true;
                    }
                }
            }
            return added;
        }

        /** Interior cells (only suppressed ones when {@code onlySuppressed}) that add up into {@code cell}. */
        private List<Integer> interiorBelow(int cell, boolean onlySuppressed)
        {
            int[] nodes = new int[k];
            table.decode(cell, nodes);
            List<int[]> ranges = new ArrayList<>();
            for (int d = 0; d < k; d++) {
                List<Integer> below = new ArrayList<>();
                collectAtLevel(d, nodes[d], levels[d], below);
                ranges.add(below.stream().mapToInt(Integer::intValue).toArray());
            }
            List<Integer> cells = new ArrayList<>();
            int[] position = new int[k];
            while (true) {
                int candidate = 0;
                for (int d = 0; d < k; d++) {
                    candidate += ranges.get(d)[position[d]] * table.stride(d);
                }
                if (!onlySuppressed || suppressed.get(candidate)) {
                    cells.add(candidate);
                }
                int d = k - 1;
                while (d >= 0 && ++position[d] == ranges.get(d).length) {
                    position[d] = 0;
                    d--;
                }
                if (d < 0) {
                    return cells;
                }
            }
        }

        private void collectAtLevel(int d, int node, int level, List<Integer> into)
        {
            if (table.level(d, node) == level) {
                into.add(node);
                return;
            }
            for (int child : table.children(d, node)) {
                collectAtLevel(d, child, level, into);
            }
        }

        /** Suppresses every interior cell (with zeros only when {@code zeros}); false when nothing was left to add. */
        private boolean suppressInterior(boolean zeros)
        {
            boolean[] added = new boolean[1];
            forEachCell(table, levels, levels, cell -> {
                if (!suppressed.get(cell) && (zeros || table.value(cell) != 0)) {
                    suppressed.set(cell);
                    added[0] = true;
                }
            });
            return added[0];
        }

        /**
         * Attacks the sub-table: solves the published cells and all totals for the suppressed cells, and returns the
         * primary cells found exactly. With {@code release}, complementary interior cells found exactly are
         * published (a value the table already implies: publishing it changes what can be computed of no other cell).
         */
        private List<Integer> attack(boolean release)
        {
            List<Integer> unknowns = new ArrayList<>();
            forEachCell(table, levels, top, cell -> {
                if (suppressed.get(cell)) {
                    unknowns.add(cell);
                }
            });
            if (unknowns.isEmpty()) {
                return List.of();
            }
            java.util.HashMap<Integer, Integer> index = new java.util.HashMap<>(unknowns.size() * 2);
            for (int i = 0; i < unknowns.size(); i++) {
                index.put(unknowns.get(i), i);
            }
            Determinacy system = new Determinacy(unknowns.size());
            Set<Long> seen = new HashSet<>();
            int[] nodes = new int[k];
            for (int cell : unknowns) {
                table.decode(cell, nodes);
                for (int d = 0; d < k; d++) {
                    // The constraint in which this cell is the total of its children along d …
                    if (table.level(d, nodes[d]) > levels[d]) {
                        addConstraint(system, index, seen, d, cell, nodes[d]);
                    }
                    // … and the one in which it is a child.
                    int parent = table.parent(d, nodes[d]);
                    if (parent >= 0) {
                        addConstraint(system, index, seen, d, cell + (parent - nodes[d]) * table.stride(d), parent);
                    }
                }
            }
            List<Integer> exposed = new ArrayList<>();
            for (int i = 0; i < unknowns.size(); i++) {
                int cell = unknowns.get(i);
                if (!system.determined(i)) {
                    continue;
                }
                if (primary(table.value(cell))) {
                    exposed.add(cell);
                }
                else if (release && interior(cell)) {
                    suppressed.clear(cell);
                }
            }
            return exposed;
        }

        private boolean interior(int cell)
        {
            int[] cellLevels = table.levels(cell);
            return Arrays.equals(cellLevels, levels);
        }

        private void addConstraint(Determinacy system, java.util.Map<Integer, Integer> index, Set<Long> seen, int d, int totalCell, int totalNode)
        {
            if (!seen.add((long) totalCell * k + d)) {
                return;
            }
            int[] children = table.children(d, totalNode);
            int[] columns = new int[children.length + 1];
            long[] coefficients = new long[children.length + 1];
            int n = 0;
            Integer total = index.get(totalCell);
            if (total != null) {
                columns[n] = total;
                coefficients[n++] = 1;
            }
            for (int child : children) {
                Integer unknown = index.get(totalCell + (child - totalNode) * table.stride(d));
                if (unknown != null) {
                    columns[n] = unknown;
                    coefficients[n++] = -1;
                }
            }
            if (n > 0) {
                system.add(Arrays.copyOf(columns, n), Arrays.copyOf(coefficients, n));
            }
        }
    }
}
