package vn.dancu.api.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A test table: the product of a few hierarchical classifications (codes, then their parents, up to the total), with
 * every margin, as a {@link LinkedTable} whose atoms are its non-empty finest cells. Shapes are named by their levels
 * ({@code "0,1"}: the finest codes of the first dimension, the parents of the second); packed codes are positions in
 * each dimension's level, in order.
 */
final class ProductTable
{
    /** One dimension: finest codes and, per coarser level, the parent of each code of the level below. */
    record Dimension(String name, List<String> finest, List<Function<String, String>> parents)
    {
        static Dimension flat(String name, String... codes)
        {
            return new Dimension(name, List.of(codes), List.of());
        }

        /** Codes per level, finest first, ending with the total {@code _T}. */
        List<List<String>> levels()
        {
            List<List<String>> levels = new ArrayList<>();
            levels.add(finest);
            List<String> current = finest;
            for (Function<String, String> parent : parents) {
                List<String> next = current.stream().map(parent).distinct().toList();
                levels.add(next);
                current = next;
            }
            levels.add(List.of("_T"));
            return levels;
        }

        String at(String finestCode, int level)
        {
            if (level == parents.size() + 1) {
                return "_T";
            }
            String code = finestCode;
            for (int l = 0; l < level; l++) {
                code = parents.get(l).apply(code);
            }
            return code;
        }
    }

    final List<Dimension> dimensions;
    final long[] finest;
    final Map<String, int[]> shapeLevels = new LinkedHashMap<>();

    /** @param finest values of the finest cells, row-major (the last dimension varies fastest) */
    ProductTable(List<Dimension> dimensions, long[] finest)
    {
        this.dimensions = List.copyOf(dimensions);
        this.finest = finest.clone();
    }

    LinkedTable linked()
    {
        LinkedTable.Builder builder = LinkedTable.builder();
        int k = dimensions.size();
        List<int[]> atoms = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        int[] position = new int[k];
        for (long value : finest) {
            if (value != 0) {
                atoms.add(position.clone());
                ids.add(builder.atom(value));
            }
            for (int d = k - 1; d >= 0; d--) {
                if (++position[d] < dimensions.get(d).finest().size()) {
                    break;
                }
                position[d] = 0;
            }
        }
        for (int[] levels : levelVectors()) {
            String key = key(levels);
            shapeLevels.put(key, levels);
            int shape = builder.shape(key, "test", 1);
            for (int a = 0; a < atoms.size(); a++) {
                builder.add(shape, packed(atoms.get(a), levels), 0, ids.get(a), 1);
            }
        }
        return builder.build();
    }

    static String key(int[] levels)
    {
        StringBuilder key = new StringBuilder();
        for (int level : levels) {
            key.append(key.isEmpty() ? "" : ",").append(level);
        }
        return key.toString();
    }

    List<int[]> levelVectors()
    {
        List<int[]> vectors = new ArrayList<>();
        int k = dimensions.size();
        int[] current = new int[k];
        while (true) {
            vectors.add(current.clone());
            int d = k - 1;
            while (d >= 0 && ++current[d] == dimensions.get(d).parents().size() + 2) {
                current[d] = 0;
                d--;
            }
            if (d < 0) {
                return vectors;
            }
        }
    }

    long packed(int[] finestPosition, int[] levels)
    {
        long packed = 0;
        for (int d = 0; d < dimensions.size(); d++) {
            Dimension dimension = dimensions.get(d);
            List<String> codes = dimension.levels().get(levels[d]);
            packed = packed * codes.size() + codes.indexOf(dimension.at(dimension.finest().get(finestPosition[d]), levels[d]));
        }
        return packed;
    }

    /** The packed codes of a cell named by its codes (one per dimension, {@code _T} for a total). */
    long packed(List<String> codes, int[] levels)
    {
        long packed = 0;
        for (int d = 0; d < dimensions.size(); d++) {
            List<String> level = dimensions.get(d).levels().get(levels[d]);
            packed = packed * level.size() + level.indexOf(codes.get(d));
        }
        return packed;
    }

    /** The value of a cell named by its codes. */
    long value(List<String> codes)
    {
        long sum = 0;
        int k = dimensions.size();
        int[] position = new int[k];
        for (long value : finest) {
            boolean inside = true;
            for (int d = 0; d < k && inside; d++) {
                Dimension dimension = dimensions.get(d);
                String code = codes.get(d);
                String finestCode = dimension.finest().get(position[d]);
                boolean found = false;
                for (int level = 0; level <= dimension.parents().size() + 1 && !found; level++) {
                    found = dimension.at(finestCode, level).equals(code);
                }
                inside = found;
            }
            if (inside) {
                sum += value;
            }
            for (int d = k - 1; d >= 0; d--) {
                if (++position[d] < dimensions.get(d).finest().size()) {
                    break;
                }
                position[d] = 0;
            }
        }
        return sum;
    }

    /** Every cell as its codes with its level vector. */
    List<Map.Entry<List<String>, int[]>> cells()
    {
        List<Map.Entry<List<String>, int[]>> cells = new ArrayList<>();
        for (int[] levels : levelVectors()) {
            List<List<String>> codes = new ArrayList<>();
            codes.add(new ArrayList<>());
            for (int d = 0; d < dimensions.size(); d++) {
                List<List<String>> next = new ArrayList<>();
                for (List<String> prefix : codes) {
                    for (String code : dimensions.get(d).levels().get(levels[d])) {
                        List<String> extended = new ArrayList<>(prefix);
                        extended.add(code);
                        next.add(extended);
                    }
                }
                codes = next;
            }
            for (List<String> cell : codes) {
                cells.add(Map.entry(cell, levels));
            }
        }
        return cells;
    }
}
