package vn.dancu.api.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Every cell a disclosure-controlled caller can obtain from the cubes of one block (one reference date of the stocks,
 * one year of the flows, …), each as a linear combination of <em>atoms</em>: the non-empty finest cells of the cubes
 * (a stored cuboid row, a move counted at both its ends, …). The cells of every table, level, geography and period
 * length of the block are in one table, so that protecting it protects every combination of them.
 *
 * <p>A cell has one <em>component</em> per measure of its cube (households and their members); each component is
 * a combination of atoms. Atoms with the same coefficients in every cell and relation are merged (their sum is all
 * any published figure can tell about them), and cells with the same combination are one cell with several
 * <em>aliases</em> (the province of a one-province area and the area, a total asked at two levels).
 *
 * <p><em>Relations</em> are facts about the atoms that a reader knows without any table: the population and the
 * identity-document cubes count the same residents; the change of a population equals births − deaths + moves.
 *
 * <p>Empty finest cells are not atoms: the protection assumes an intruder who knows which finest cells are empty,
 * more than the published tables tell (they only pin the cells below a published zero).
 */
public final class LinkedTable
{
    /** Where a cell is shown: a table shape and the codes of the cell in it, packed (see the query package's ShapeKey). */
    public record Alias(String shape, long codes)
    {
        public Alias
        {
            requireNonNull(shape, "shape is null");
        }
    }

    /**
     * One cell.
     *
     * @param cube       the cube it belongs to (its counted measure and threshold decide primary suppression)
     * @param components per measure, the atoms summed, ascending
     * @param weights    per measure, the coefficient of each atom
     * @param values     per measure, the cell's value
     */
    public record Cell(String cube, int[][] components, long[][] weights, long[] values, List<Alias> aliases, int[] parts, boolean published)
    {
        public Cell
        {
            requireNonNull(cube, "cube is null");
            aliases = List.copyOf(aliases);
        }

        /** True when the cell is defined as the sum of other cells ({@link #parts}) rather than of its atoms. */
        public boolean hasParts()
        {
            return parts != null;
        }

        public int size()
        {
            int size = 0;
            for (int[] component : components) {
                size = Math.max(size, component.length);
            }
            return size;
        }
    }

    /** A linear fact about the atoms: Σ weight·atom is known. */
    public record Relation(int[] atoms, long[] weights) {}

    private final int atoms;
    private final List<Cell> cells;
    private final List<Relation> relations;
    private final List<String> shapes;

    private LinkedTable(int atoms, List<Cell> cells, List<Relation> relations, List<String> shapes)
    {
        this.atoms = atoms;
        this.cells = List.copyOf(cells);
        this.relations = List.copyOf(relations);
        this.shapes = List.copyOf(shapes);
    }

    public int atoms()
    {
        return atoms;
    }

    public List<Cell> cells()
    {
        return cells;
    }

    public List<Relation> relations()
    {
        return relations;
    }

    /** Every table shape the block holds (also those whose cells are all empty). */
    public List<String> shapes()
    {
        return shapes;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Collects atoms, cells (by cube, shape and packed codes) and relations; {@link #build()} merges atoms and cells.
     * Cells must be added shape by shape, in a fixed order (ties in the protection are broken by that order).
     */
    public static final class Builder
    {
        private long[] atomValues = new long[1024];
        private int atomCount;
        private final Map<String, Integer> shapeIndex = new LinkedHashMap<>();
        private final List<String> shapeCube = new ArrayList<>();
        private final List<Integer> measuresOfShape = new ArrayList<>();
        /** Per shape: packed codes → raw cell index. */
        private final List<Map<Long, Integer>> cellsOfShape = new ArrayList<>();
        private final List<RawCell> raw = new ArrayList<>();
        private final List<Relation> relations = new ArrayList<>();
        private final List<Boolean> publishedShape = new ArrayList<>();
        /** Per shape: atom → the raw cell it entered with weight 1 in the first measure (−1: none, −2: several). */
        private final List<int[]> cellOfAtom = new ArrayList<>();
        private final List<int[]> decompositions = new ArrayList<>();

        /** A cell of one shape as added: its terms packed as measure (8 bits), atom (32 bits), weight (16 bits). */
        private static final class RawCell
        {
            final int shape;
            final long codes;
            long[] terms = new long[4];
            int size;

            RawCell(int shape, long codes)
            {
                this.shape = shape;
                this.codes = codes;
            }

            void add(long term)
            {
                if (size == terms.length) {
                    terms = Arrays.copyOf(terms, size * 2);
                }
                terms[size++] = term;
            }
        }

        /** A new atom with its value (a count of people, households, person-days, …). */
        public int atom(long value)
        {
            if (atomCount == atomValues.length) {
                atomValues = Arrays.copyOf(atomValues, atomCount * 2);
            }
            atomValues[atomCount] = value;
            return atomCount++;
        }

        /** Declares a shape (a table a caller may ask) of a cube with that many measures; returns its index. */
        public int shape(String key, String cube, int measures)
        {
            return shape(key, cube, measures, true);
        }

        /**
         * Declares a shape; a hidden one ({@code published} false) is a table no caller may ask whose cells link the
         * published ones to the atoms (see {@link #decompose}).
         */
        public int shape(String key, String cube, int measures, boolean published)
        {
            Integer existing = shapeIndex.get(key);
            if (existing != null) {
                if (published && !publishedShape.get(existing)) {
                    publishedShape.set(existing, true);
                }
                return existing;
            }
            publishedShape.add(published);
            cellOfAtom.add(new int[0]);
            if (measures > 8) {
                throw new IllegalArgumentException("at most 8 measures, " + cube + " has " + measures);
            }
            shapeIndex.put(key, shapeCube.size());
            shapeCube.add(cube);
            measuresOfShape.add(measures);
            cellsOfShape.add(new HashMap<>());
            return shapeCube.size() - 1;
        }

        /** Adds weight·atom (weight from 1 to 65,535) to one measure of the cell at {@code codes} of {@code shape}. */
        public void add(int shape, long codes, int measure, int atom, long weight)
        {
            if (weight < 1 || weight > 0xFFFF) {
                throw new IllegalArgumentException("weight out of range: " + weight);
            }
            Integer cell = cellsOfShape.get(shape).get(codes);
            if (cell == null) {
                cell = raw.size();
                raw.add(new RawCell(shape, codes));
                cellsOfShape.get(shape).put(codes, cell);
            }
            raw.get(cell).add(((long) measure << 48) | ((long) atom << 16) | weight);
            if (measure == 0) {
                int[] cells = cellOfAtom.get(shape);
                if (cells.length <= atom) {
                    int old = cells.length;
                    cells = Arrays.copyOf(cells, Math.max(atom + 1, old * 2));
                    Arrays.fill(cells, old, cells.length, -1);
                    cellOfAtom.set(shape, cells);
                }
                cells[atom] = cells[atom] == -1 && weight == 1 ? cell : -2;
            }
        }

        /**
         * Declares that every cell of {@code parent} is the sum of the cells of {@code child} its atoms fall in (the
         * child is one level finer in one dimension). Checked when the table is built: a cell whose parts do not add
         * up to it exactly is defined by its atoms instead.
         */
        public void decompose(int parent, int child)
        {
            decompositions.add(new int[] {parent, child});
        }

        public void relation(int[] atoms, long[] weights)
        {
            relations.add(new Relation(atoms.clone(), weights.clone()));
        }

        public LinkedTable build()
        {
            List<String> shapes = new ArrayList<>(shapeIndex.keySet());
            int cellCount = raw.size();
            // Per raw cell and measure: atoms ascending with their summed weights.
            int[][][] columns = new int[cellCount][][];
            int[][][] weights = new int[cellCount][][];
            for (int cell = 0; cell < cellCount; cell++) {
                RawCell rawCell = raw.get(cell);
                int measures = measuresOfShape.get(rawCell.shape);
                long[] terms = Arrays.copyOf(rawCell.terms, rawCell.size);
                rawCell.terms = null;
                Arrays.sort(terms);
                int[][] c = new int[measures][];
                int[][] w = new int[measures][];
                int i = 0;
                for (int m = 0; m < measures; m++) {
                    int[] atoms = new int[terms.length];
                    int[] sums = new int[terms.length];
                    int n = 0;
                    while (i < terms.length && (int) (terms[i] >>> 48) == m) {
                        int atom = (int) ((terms[i] >>> 16) & 0xFFFFFFFFL);
                        int weight = (int) (terms[i] & 0xFFFF);
                        if (n > 0 && atoms[n - 1] == atom) {
                            sums[n - 1] += weight;
                        }
                        else {
                            atoms[n] = atom;
                            sums[n++] = weight;
                        }
                        i++;
                    }
                    c[m] = Arrays.copyOf(atoms, n);
                    w[m] = Arrays.copyOf(sums, n);
                }
                columns[cell] = c;
                weights[cell] = w;
            }
            int[][] rawParts = rawParts(columns, weights);
            // Merge atoms that enter every cell component and relation with the same weight.
            int n = atomCount;
            int[][] signature = new int[n][8];
            int[] length = new int[n];
            for (int cell = 0; cell < cellCount; cell++) {
                for (int m = 0; m < columns[cell].length; m++) {
                    for (int i = 0; i < columns[cell][m].length; i++) {
                        int a = columns[cell][m][i];
                        signature[a] = append(signature[a], length[a], cell * 8 + m, weights[cell][m][i]);
                        length[a] += 2;
                    }
                }
            }
            for (int r = 0; r < relations.size(); r++) {
                Relation relation = relations.get(r);
                for (int i = 0; i < relation.atoms().length; i++) {
                    int a = relation.atoms()[i];
                    signature[a] = append(signature[a], length[a], -1 - r, (int) relation.weights()[i]);
                    length[a] += 2;
                }
            }
            Map<Signature, Integer> merged = new HashMap<>();
            int[] atomOf = new int[n];
            int mergedCount = 0;
            for (int a = 0; a < n; a++) {
                Signature key = new Signature(Arrays.copyOf(signature[a], length[a]));
                signature[a] = null;
                Integer target = merged.get(key);
                if (target == null) {
                    target = mergedCount++;
                    merged.put(key, target);
                }
                atomOf[a] = target;
            }
            merged = null;
            // Cells over the merged atoms; cells with the same combinations are one cell with several aliases.
            int[] canonicalOf = new int[cellCount];
            Arrays.fill(canonicalOf, -1);
            Map<Signature, Integer> byCombination = new HashMap<>();
            Map<String, Integer> cubeIndex = new HashMap<>();
            shapeCube.forEach(cube -> cubeIndex.putIfAbsent(cube, cubeIndex.size()));
            List<Cell> cells = new ArrayList<>();
            List<List<Alias>> aliases = new ArrayList<>();
            for (int cell = 0; cell < cellCount; cell++) {
                RawCell rawCell = raw.get(cell);
                String cube = shapeCube.get(rawCell.shape);
                int measures = columns[cell].length;
                int[][] c = new int[measures][];
                long[][] w = new long[measures][];
                long[] values = new long[measures];
                int keyLength = 1;
                boolean empty = true;
                for (int m = 0; m < measures; m++) {
                    int termCount = columns[cell][m].length;
                    long[] terms = new long[termCount];
                    for (int i = 0; i < termCount; i++) {
                        terms[i] = ((long) atomOf[columns[cell][m][i]] << 20) | weights[cell][m][i];
                        values[m] += weights[cell][m][i] * atomValues[columns[cell][m][i]];
                    }
                    Arrays.sort(terms);
                    int[] atoms = new int[termCount];
                    long[] sums = new long[termCount];
                    int k = 0;
                    for (long term : terms) {
                        int atom = (int) (term >>> 20);
                        long weight = term & 0xFFFFF;
                        if (k > 0 && atoms[k - 1] == atom) {
                            sums[k - 1] += weight;
                        }
                        else {
                            atoms[k] = atom;
                            sums[k++] = weight;
                        }
                    }
                    c[m] = Arrays.copyOf(atoms, k);
                    w[m] = Arrays.copyOf(sums, k);
                    keyLength += 1 + 2 * k;
                    empty &= k == 0;
                }
                if (empty) {
                    continue;
                }
                int[] key = new int[keyLength];
                int k = 0;
                key[k++] = cubeIndex.get(cube);
                for (int m = 0; m < measures; m++) {
                    key[k++] = c[m].length;
                    for (int i = 0; i < c[m].length; i++) {
                        key[k++] = c[m][i];
                        key[k++] = (int) w[m][i];
                    }
                }
                Alias alias = new Alias(shapes.get(rawCell.shape), rawCell.codes);
                Signature combination = new Signature(key);
                Integer existing = byCombination.get(combination);
                if (existing != null) {
                    canonicalOf[cell] = existing;
                    if (publishedShape.get(rawCell.shape)) {
                        aliases.get(existing).add(alias);
                    }
                    continue;
                }
                canonicalOf[cell] = cells.size();
                byCombination.put(combination, cells.size());
                cells.add(new Cell(cube, c, w, values, List.of(), null, false));
                List<Alias> list = new ArrayList<>();
                if (publishedShape.get(rawCell.shape)) {
                    list.add(alias);
                }
                aliases.add(list);
            }
            // Each cell's definition: the parts of the first of its raw cells that has valid ones. A raw cell whose only
            // part is the same cell (a one-province area: its province) is defined by that part's own parts.
            int[][] parts = new int[cells.size()][];
            for (int cell = 0; cell < cellCount; cell++) {
                int canonical = canonicalOf[cell];
                if (canonical < 0 || parts[canonical] != null) {
                    continue;
                }
                int current = cell;
                for (int depth = 0; depth < 64 && current >= 0 && rawParts[current] != null; depth++) {
                    int[] mapped = Arrays.stream(rawParts[current]).map(part -> canonicalOf[part]).filter(part -> part >= 0).distinct().toArray();
                    if (mapped.length == 1 && mapped[0] == canonical) {
                        int only = -1;
                        for (int part : rawParts[current]) {
                            if (canonicalOf[part] == canonical) {
                                only = part;
                            }
                        }
                        current = only;
                        continue;
                    }
                    if (mapped.length > 0 && Arrays.stream(mapped).noneMatch(part -> part == canonical)) {
                        parts[canonical] = mapped;
                    }
                    break;
                }
            }
            List<Cell> withAliases = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                Cell cell = cells.get(i);
                withAliases.add(new Cell(cell.cube(), cell.components(), cell.weights(), cell.values(), aliases.get(i), parts[i],
                        !aliases.get(i).isEmpty()));
            }
            List<Relation> mergedRelations = new ArrayList<>();
            for (Relation relation : relations) {
                List<long[]> terms = new ArrayList<>();
                for (int i = 0; i < relation.atoms().length; i++) {
                    terms.add(new long[] {atomOf[relation.atoms()[i]], relation.weights()[i]});
                }
                long[][] combined = combine(terms);
                if (combined.length > 0) {
                    mergedRelations.add(new Relation(Arrays.stream(combined).mapToInt(term -> (int) term[0]).toArray(),
                            Arrays.stream(combined).mapToLong(term -> term[1]).toArray()));
                }
            }
            return new LinkedTable(mergedCount, withAliases, mergedRelations, shapes);
        }

        /**
         * For each raw cell of a decomposed shape, the raw cells of the child shape whose terms, together, are exactly its
         * own (each measure); null where that does not hold.
         */
        private int[][] rawParts(int[][][] columns, int[][][] weights)
        {
            int[][] parts = new int[raw.size()][];
            for (int[] decomposition : decompositions) {
                int[] parentOf = cellOfAtom.get(decomposition[0]);
                int[] childOf = cellOfAtom.get(decomposition[1]);
                Map<Integer, java.util.Set<Integer>> children = new java.util.TreeMap<>();
                for (int atom = 0; atom < Math.min(parentOf.length, childOf.length); atom++) {
                    if (parentOf[atom] >= 0 && childOf[atom] >= 0) {
                        children.computeIfAbsent(parentOf[atom], k -> new java.util.TreeSet<>()).add(childOf[atom]);
                    }
                }
                for (Map.Entry<Integer, java.util.Set<Integer>> entry : children.entrySet()) {
                    int parent = entry.getKey();
                    if (parts[parent] != null) {
                        continue;
                    }
                    int[] candidates = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
                    if (sumsTo(parent, candidates, columns, weights)) {
                        parts[parent] = candidates;
                    }
                }
            }
            return parts;
        }

        /** Whether the children's terms add up exactly to the parent's, measure by measure. */
        private static boolean sumsTo(int parent, int[] children, int[][][] columns, int[][][] weights)
        {
            for (int m = 0; m < columns[parent].length; m++) {
                Map<Integer, Integer> sum = new HashMap<>();
                for (int child : children) {
                    if (columns[child].length != columns[parent].length) {
                        return false;
                    }
                    for (int i = 0; i < columns[child][m].length; i++) {
                        sum.merge(columns[child][m][i], weights[child][m][i], Integer::sum);
                    }
                }
                if (sum.size() != columns[parent][m].length) {
                    return false;
                }
                for (int i = 0; i < columns[parent][m].length; i++) {
                    if (!Integer.valueOf(weights[parent][m][i]).equals(sum.get(columns[parent][m][i]))) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static int[] append(int[] array, int length, int first, int second)
        {
            int[] target = length + 2 > array.length ? Arrays.copyOf(array, array.length * 2) : array;
            target[length] = first;
            target[length + 1] = second;
            return target;
        }

        private record Signature(int[] entries)
        {
            @Override
            public boolean equals(Object other)
            {
                return other instanceof Signature signature && Arrays.equals(entries, signature.entries);
            }

            @Override
            public int hashCode()
            {
                return Arrays.hashCode(entries);
            }
        }

        /** Sums the weights of equal atoms, drops zero weights, sorts by atom. */
        private static long[][] combine(List<long[]> terms)
        {
            Map<Long, Long> sum = new java.util.TreeMap<>();
            for (long[] term : terms) {
                sum.merge(term[0], term[1], Long::sum);
            }
            sum.values().removeIf(weight -> weight == 0);
            long[][] combined = new long[sum.size()][];
            int i = 0;
            for (Map.Entry<Long, Long> entry : sum.entrySet()) {
                combined[i++] = new long[] {entry.getKey(), entry.getValue()};
            }
            return combined;
        }
    }
}
