package vn.dancu.api.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A table together with every margin a user can obtain from it: each cell is a combination of one node per
 * dimension, a node being a code at any level of the dimension's {@link Classification} (the finest codes, their
 * parents, …, the total). Values of coarser cells are the sums of the finest cells below them.
 *
 * <p>Nodes of a dimension are numbered level by level, finest first, each level in its display order; cells are
 * numbered in row-major order over the nodes (the last dimension varies fastest).
 */
public final class HierarchicalTable
{
    private final List<Classification> dimensions;
    private final int[] nodeCounts;
    private final int[] strides;
    private final int[][] levelOf;
    private final int[][] parentOf;
    private final int[][][] childrenOf;
    private final int[][] levelOffsets;
    private final String[][] codeOf;
    private final long[] values;
    private final int cells;

    /**
     * @param finestValues values of the finest cells, row-major over the finest codes of each dimension
     */
    public HierarchicalTable(List<Classification> dimensions, long[] finestValues)
    {
        this.dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        int k = dimensions.size();
        nodeCounts = new int[k];
        levelOf = new int[k][];
        parentOf = new int[k][];
        childrenOf = new int[k][][];
        levelOffsets = new int[k][];
        codeOf = new String[k][];
        long count = 1;
        long finest = 1;
        for (int d = 0; d < k; d++) {
            Classification classification = dimensions.get(d);
            List<Classification.Level> levels = classification.levels();
            levelOffsets[d] = new int[levels.size() + 1];
            int n = 0;
            for (int l = 0; l < levels.size(); l++) {
                levelOffsets[d][l] = n;
                n += levels.get(l).codes().size();
            }
            levelOffsets[d][levels.size()] = n;
            nodeCounts[d] = n;
            levelOf[d] = new int[n];
            parentOf[d] = new int[n];
            codeOf[d] = new String[n];
            List<List<Integer>> children = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                children.add(new ArrayList<>());
            }
            for (int l = 0; l < levels.size(); l++) {
                Classification.Level level = levels.get(l);
                for (int i = 0; i < level.codes().size(); i++) {
                    int node = levelOffsets[d][l] + i;
                    levelOf[d][node] = l;
                    codeOf[d][node] = level.codes().get(i);
                    if (level.parents() == null) {
                        parentOf[d][node] = -1;
                    }
                    else {
                        int parent = levelOffsets[d][l + 1] + level.parents()[i];
                        parentOf[d][node] = parent;
                        children.get(parent).add(node);
                    }
                }
            }
            childrenOf[d] = new int[n][];
            for (int i = 0; i < n; i++) {
                childrenOf[d][i] = children.get(i).stream().mapToInt(Integer::intValue).toArray();
            }
            count *= n;
            finest *= levels.get(0).codes().size();
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("table too large: " + count + " cells");
        }
        cells = (int) count;
        strides = new int[k];
        int stride = 1;
        for (int d = k - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= nodeCounts[d];
        }
        if (finestValues.length != finest) {
            throw new IllegalArgumentException("expected " + finest + " finest values, got " + finestValues.length);
        }
        values = new long[cells];
        fill(finestValues);
    }

    /** Number of cells a table over these classifications has, margins included (without building it). */
    public static long cellCount(List<Classification> dimensions)
    {
        long count = 1;
        for (Classification classification : dimensions) {
            count *= classification.levels().stream().mapToLong(level -> level.codes().size()).sum();
        }
        return count;
    }

    private void fill(long[] finestValues)
    {
        int k = dimensions.size();
        int[] finestSizes = new int[k];
        for (int d = 0; d < k; d++) {
            finestSizes[d] = dimensions.get(d).finest().codes().size();
        }
        int[] position = new int[k];
        for (long value : finestValues) {
            int cell = 0;
            for (int d = 0; d < k; d++) {
                cell += position[d] * strides[d];
            }
            values[cell] = value;
            for (int d = k - 1; d >= 0; d--) {
                if (++position[d] < finestSizes[d]) {
                    break;
                }
                position[d] = 0;
            }
        }
        // Dimension by dimension, add each cell into its parent along that dimension, provided the dimensions after
        // it are still at their finest level (those before it are complete already).
        int[] nodes = new int[k];
        for (int d = 0; d < k; d++) {
            for (int level = 0; level < dimensions.get(d).levels().size() - 1; level++) {
                for (int cell = 0; cell < cells; cell++) {
                    decode(cell, nodes);
                    if (levelOf[d][nodes[d]] != level) {
                        continue;
                    }
                    boolean finestAfter = true;
                    for (int e = d + 1; e < k && finestAfter; e++) {
                        finestAfter = levelOf[e][nodes[e]] == 0;
                    }
                    if (!finestAfter || values[cell] == 0) {
                        continue;
                    }
                    values[cell + (parentOf[d][nodes[d]] - nodes[d]) * strides[d]] += values[cell];
                }
            }
        }
    }

    public int dimensionCount()
    {
        return dimensions.size();
    }

    public List<Classification> dimensions()
    {
        return dimensions;
    }

    public int cells()
    {
        return cells;
    }

    public long value(int cell)
    {
        return values[cell];
    }

    public int nodeCount(int dimension)
    {
        return nodeCounts[dimension];
    }

    public int stride(int dimension)
    {
        return strides[dimension];
    }

    public int levelCount(int dimension)
    {
        return dimensions.get(dimension).levels().size();
    }

    public int level(int dimension, int node)
    {
        return levelOf[dimension][node];
    }

    public int parent(int dimension, int node)
    {
        return parentOf[dimension][node];
    }

    public int[] children(int dimension, int node)
    {
        return childrenOf[dimension][node];
    }

    public String code(int dimension, int node)
    {
        return codeOf[dimension][node];
    }

    /** The node of the {@code index}-th code of a level. */
    public int node(int dimension, int level, int index)
    {
        return levelOffsets[dimension][level] + index;
    }

    public int firstNode(int dimension, int level)
    {
        return levelOffsets[dimension][level];
    }

    public int endNode(int dimension, int level)
    {
        return levelOffsets[dimension][level + 1];
    }

    public void decode(int cell, int[] nodes)
    {
        int rest = cell;
        for (int d = 0; d < nodes.length; d++) {
            nodes[d] = rest / strides[d];
            rest -= nodes[d] * strides[d];
        }
    }

    public int encode(int[] nodes)
    {
        int cell = 0;
        for (int d = 0; d < nodes.length; d++) {
            cell += nodes[d] * strides[d];
        }
        return cell;
    }

    /** The cell of the finest codes at these positions (indexes into each dimension's finest level). */
    public int finestCell(int[] finestPositions)
    {
        return encode(finestPositions);
    }

    /** Level of each dimension of a cell. */
    public int[] levels(int cell)
    {
        int[] nodes = new int[dimensions.size()];
        decode(cell, nodes);
        for (int d = 0; d < nodes.length; d++) {
            nodes[d] = levelOf[d][nodes[d]];
        }
        return nodes;
    }

    /** Codes of a cell, one per dimension ({@link Classification#TOTAL} for a total). */
    public List<String> codes(int cell)
    {
        int[] nodes = new int[dimensions.size()];
        decode(cell, nodes);
        List<String> codes = new ArrayList<>();
        for (int d = 0; d < nodes.length; d++) {
            codes.add(codeOf[d][nodes[d]]);
        }
        return codes;
    }

    @Override
    public String toString()
    {
        return "HierarchicalTable" + Arrays.toString(nodeCounts);
    }
}
