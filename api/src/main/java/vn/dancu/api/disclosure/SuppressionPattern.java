package vn.dancu.api.disclosure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The cells withheld in one block, by table shape and packed codes: the same answer for every table, level,
 * geography and period length that shows a cell. Also says which shapes it was computed for, so that a question of
 * a shape it does not know is never answered as if it were protected.
 */
public final class SuppressionPattern
{
    /**
     * What the protection did.
     *
     * @param atoms     the non-empty finest cells (after merging those no table tells apart)
     * @param cells     distinct non-empty cells of every table of the block
     * @param primary   cells with a count from 1 to threshold − 1
     * @param secondary other cells withheld so that no primary cell can be computed
     * @param released  complements found computable anyway and published again
     */
    public record Figures(int shapes, int atoms, int cells, int relations, int primary, int secondary, int released, long millis)
    {
        @Override
        public String toString()
        {
            return shapes + " table shapes, " + atoms + " atoms, " + cells + " cells, " + relations + " relations: " + primary + " primary, "
                    + secondary + " secondary (" + released + " complements published again), " + millis + " ms";
        }
    }

    private final Map<String, long[]> suppressed;
    private final Set<String> shapes;
    private final Figures figures;

    /** @param suppressed per shape, the packed codes of its withheld cells, sorted */
    public SuppressionPattern(Map<String, long[]> suppressed, Set<String> shapes, Figures figures)
    {
        this.suppressed = Map.copyOf(suppressed);
        this.shapes = Set.copyOf(shapes);
        this.figures = requireNonNull(figures, "figures is null");
    }

    public boolean covers(String shape)
    {
        return shapes.contains(shape);
    }

    public boolean suppressed(String shape, long codes)
    {
        long[] withheld = suppressed.get(shape);
        return withheld != null && Arrays.binarySearch(withheld, codes) >= 0;
    }

    public Figures figures()
    {
        return figures;
    }

    /** Withheld cells of every shape (for tests and benchmarks). */
    public int withheldAliases()
    {
        return suppressed.values().stream().mapToInt(codes -> codes.length).sum();
    }

    /** Per shape, the packed codes of its withheld cells, sorted (to keep the pattern: {@link PatternStore}). */
    public Map<String, long[]> withheld()
    {
        return suppressed;
    }

    /**
     * The pattern of a block protected as parts that share no atom and no relation: a cell is withheld where any part
     * withholds its share of it (withholding more never lets an intruder compute more); the figures are the parts'
     * sums, and the time theirs together.
     */
    public static SuppressionPattern union(List<SuppressionPattern> parts)
    {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no parts");
        }
        Map<String, long[]> suppressed = new java.util.HashMap<>();
        Set<String> shapes = new java.util.HashSet<>();
        int[] sums = new int[7];
        long millis = 0;
        for (SuppressionPattern part : parts) {
            shapes.addAll(part.shapes);
            part.suppressed.forEach((shape, codes) -> suppressed.merge(shape, codes,
                    (a, b) -> java.util.stream.LongStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct().toArray()));
            Figures f = part.figures;
            sums[0] = Math.max(sums[0], f.shapes());
            sums[1] += f.atoms();
            sums[2] += f.cells();
            sums[3] += f.relations();
            sums[4] += f.primary();
            sums[5] += f.secondary();
            sums[6] += f.released();
            millis += f.millis();
        }
        return new SuppressionPattern(suppressed, shapes, new Figures(shapes.size(), sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], millis));
    }

    public List<String> shapes()
    {
        return shapes.stream().sorted().toList();
    }
}
