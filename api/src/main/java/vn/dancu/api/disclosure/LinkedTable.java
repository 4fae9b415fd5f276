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
    public record Cell(String cube, int[][] components, long[][] weights, long[] values, List<Alias> aliases)
    {
        public Cell
        {
            requireNonNull(cube, "cube is null");
            aliases = List.copyOf(aliases);
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
        private final List<Long> atomValues = new ArrayList<>();
        private final Map<String, Integer> shapeIndex = new LinkedHashMap<>();
        private final List<String> shapeCube = new ArrayList<>();
        private final List<Integer> measuresOfShape = new ArrayList<>();
        /** Per shape: packed codes → raw cell index. */
        private final List<Map<Long, Integer>> cellsOfShape = new ArrayList<>();
        private final List<RawCell> raw = new ArrayList<>();
        private final List<Relation> relations = new ArrayList<>();

        private static final class RawCell
        {
            final int shape;
            final long codes;
            final List<long[]>[] terms;

            @SuppressWarnings("unchecked")
            RawCell(int shape, long codes, int measures)
            {
                this.shape = shape;
                this.codes = codes;
                this.terms = new List[measures];
                for (int m = 0; m < measures; m++) {
                    terms[m] = new ArrayList<>();
                }
            }
        }

        /** A new atom with its value (a count of people, households, person-days, …). */
        public int atom(long value)
        {
            atomValues.add(value);
            return atomValues.size() - 1;
        }

        /** Declares a shape (a table a caller may ask) of a cube with that many measures; returns its index. */
        public int shape(String key, String cube, int measures)
        {
            Integer existing = shapeIndex.get(key);
            if (existing != null) {
                return existing;
            }
            shapeIndex.put(key, shapeCube.size());
            shapeCube.add(cube);
            measuresOfShape.add(measures);
            cellsOfShape.add(new HashMap<>());
            return shapeCube.size() - 1;
        }

        /** Adds weight·atom to one measure of the cell at {@code codes} of {@code shape}. */
        public void add(int shape, long codes, int measure, int atom, long weight)
        {
            Integer cell = cellsOfShape.get(shape).get(codes);
            if (cell == null) {
                cell = raw.size();
                raw.add(new RawCell(shape, codes, measuresOfShape.get(shape)));
                cellsOfShape.get(shape).put(codes, cell);
            }
            raw.get(cell).terms[measure].add(new long[] {atom, weight});
        }

        public void relation(int[] atoms, long[] weights)
        {
            relations.add(new Relation(atoms.clone(), weights.clone()));
        }

        public LinkedTable build()
        {
            List<String> shapes = new ArrayList<>(shapeIndex.keySet());
            // Sparse rows of every raw cell component, over the raw atoms.
            List<int[][]> columns = new ArrayList<>();
            List<long[][]> weights = new ArrayList<>();
            for (RawCell cell : raw) {
                int[][] c = new int[cell.terms.length][];
                long[][] w = new long[cell.terms.length][];
                for (int m = 0; m < cell.terms.length; m++) {
                    long[][] combined = combine(cell.terms[m]);
                    c[m] = new int[combined.length];
                    w[m] = new long[combined.length];
                    for (int i = 0; i < combined.length; i++) {
                        c[m][i] = (int) combined[i][0];
                        w[m][i] = combined[i][1];
                    }
                }
                columns.add(c);
                weights.add(w);
            }
            // Merge atoms that enter every cell component and relation with the same weight.
            int n = atomValues.size();
            int[][] signature = new int[n][8];
            int[] length = new int[n];
            for (int cell = 0; cell < columns.size(); cell++) {
                for (int m = 0; m < columns.get(cell).length; m++) {
                    for (int i = 0; i < columns.get(cell)[m].length; i++) {
                        int a = columns.get(cell)[m][i];
                        signature[a] = append(signature[a], length[a], cell * 8 + m, (int) weights.get(cell)[m][i]);
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
            // Cells over the merged atoms; cells with the same combinations are one cell with several aliases.
            Map<String, Integer> byCombination = new HashMap<>();
            List<Cell> cells = new ArrayList<>();
            List<List<Alias>> aliases = new ArrayList<>();
            for (int cell = 0; cell < columns.size(); cell++) {
                RawCell rawCell = raw.get(cell);
                String cube = shapeCube.get(rawCell.shape);
                int[][] c = new int[columns.get(cell).length][];
                long[][] w = new long[c.length][];
                long[] values = new long[c.length];
                StringBuilder key = new StringBuilder(cube);
                for (int m = 0; m < c.length; m++) {
                    List<long[]> terms = new ArrayList<>();
                    for (int i = 0; i < columns.get(cell)[m].length; i++) {
                        terms.add(new long[] {atomOf[columns.get(cell)[m][i]], weights.get(cell)[m][i]});
                    }
                    long[][] combined = combine(terms);
                    c[m] = new int[combined.length];
                    w[m] = new long[combined.length];
                    for (int i = 0; i < combined.length; i++) {
                        c[m][i] = (int) combined[i][0];
                        w[m][i] = combined[i][1];
                    }
                    for (int i = 0; i < columns.get(cell)[m].length; i++) {
                        values[m] += weights.get(cell)[m][i] * atomValues.get(columns.get(cell)[m][i]);
                    }
                    key.append('|').append(Arrays.toString(c[m])).append(Arrays.toString(w[m]));
                }
                if (c[0].length == 0 && Arrays.stream(c).allMatch(component -> component.length == 0)) {
                    continue;
                }
                Alias alias = new Alias(shapes.get(rawCell.shape), rawCell.codes);
                Integer existing = byCombination.get(key.toString());
                if (existing != null) {
                    aliases.get(existing).add(alias);
                    continue;
                }
                byCombination.put(key.toString(), cells.size());
                cells.add(new Cell(cube, c, w, values, List.of()));
                List<Alias> list = new ArrayList<>();
                list.add(alias);
                aliases.add(list);
            }
            List<Cell> withAliases = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                Cell cell = cells.get(i);
                withAliases.add(new Cell(cell.cube(), cell.components(), cell.weights(), cell.values(), aliases.get(i)));
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
