package vn.dancu.api.disclosure;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The attacker's solver, written apart from the production code: the linear span of equations over the finest cells,
 * kept in reduced row echelon form modulo the prime q = 2⁶¹−1 (production works modulo 2³¹−1). A withheld cell is
 * recovered exactly when its equation (the sum of its finest cells) lies in the span of the published equations; its
 * value is then the same combination of the published values.
 *
 * <p>Over the rationals a vector in the span is in the span modulo q too, unless q divides the denominator of the
 * combination; with coefficients 0, ±1 and small integers that would need a minor of about 2⁶¹, so a recovery is
 * not missed in practice. The converse error (a cell reported recovered that is not) only makes the attacker stronger.
 */
final class ModularSpan
{
    static final long Q = (1L << 61) - 1;

    /** Pivot column → row; a row holds its pivot (coefficient 1) and non-pivot columns only. */
    private final Map<Integer, Row> rows = new HashMap<>();
    /** Column → rows (by pivot) that hold it as a non-pivot entry; may hold stale entries. */
    private final Map<Integer, java.util.Set<Integer>> holders = new HashMap<>();

    int rank()
    {
        return rows.size();
    }

    /** Adds one equation Σ coefficient·x = (known); a dependent equation adds nothing. */
    void add(int[] columns, long[] coefficients)
    {
        Row row = reduce(Row.of(columns, coefficients));
        if (row.columns.length == 0) {
            return;
        }
        // Pivot on the column held by the fewest rows (less fill-in), then clear it from those rows.
        int pivot = row.columns[0];
        int fewest = Integer.MAX_VALUE;
        for (int column : row.columns) {
            int count = holders.getOrDefault(column, java.util.Set.of()).size();
            if (count < fewest) {
                fewest = count;
                pivot = column;
            }
        }
        row = row.scaled(inverse(row.get(pivot)));
        java.util.Set<Integer> holding = holders.remove(pivot);
        if (holding != null) {
            for (int other : holding) {
                Row existing = rows.get(other);
                if (existing == null) {
                    continue;
                }
                long factor = existing.get(pivot);
                if (factor == 0) {
                    continue;
                }
                Row updated = existing.minus(factor, row);
                rows.put(other, updated);
                for (int column : updated.columns) {
                    if (column != other) {
                        holders.computeIfAbsent(column, c -> new java.util.HashSet<>()).add(other);
                    }
                }
            }
        }
        rows.put(pivot, row);
        for (int column : row.columns) {
            if (column != pivot) {
                holders.computeIfAbsent(column, c -> new java.util.HashSet<>()).add(pivot);
            }
        }
    }

    /** True when Σ coefficient·x is a combination of the equations added. */
    boolean spans(int[] columns, long[] coefficients)
    {
        return reduce(Row.of(columns, coefficients)).columns.length == 0;
    }

    private Row reduce(Row row)
    {
        Row current = row;
        for (int column : row.columns) {
            Row pivotRow = rows.get(column);
            if (pivotRow == null) {
                continue;
            }
            long factor = current.get(column);
            if (factor != 0) {
                current = current.minus(factor, pivotRow);
            }
        }
        return current;
    }

    static long multiply(long a, long b)
    {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        // a·b = high·2⁶⁴ + low; 2⁶¹ ≡ 1 (mod q), so 2⁶⁴ ≡ 8.
        long result = (low & Q) + (low >>> 61) + (high << 3);
        result = (result & Q) + (result >>> 61);
        return result >= Q ? result - Q : result;
    }

    static long normalize(long value)
    {
        long v = value % Q;
        return v < 0 ? v + Q : v;
    }

    static long inverse(long value)
    {
        long result = 1;
        long base = value;
        long exponent = Q - 2;
        while (exponent > 0) {
            if ((exponent & 1) == 1) {
                result = multiply(result, base);
            }
            base = multiply(base, base);
            exponent >>= 1;
        }
        return result;
    }

    private record Row(int[] columns, long[] values)
    {
        static Row of(int[] columns, long[] coefficients)
        {
            Integer[] order = new Integer[columns.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(columns[a], columns[b]));
            int[] sortedColumns = new int[columns.length];
            long[] sortedValues = new long[columns.length];
            int n = 0;
            for (int i : order) {
                long value = normalize(coefficients[i]);
                if (n > 0 && sortedColumns[n - 1] == columns[i]) {
                    sortedValues[n - 1] = (sortedValues[n - 1] + value) % Q;
                    continue;
                }
                sortedColumns[n] = columns[i];
                sortedValues[n] = value;
                n++;
            }
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (sortedValues[i] != 0) {
                    sortedColumns[kept] = sortedColumns[i];
                    sortedValues[kept] = sortedValues[i];
                    kept++;
                }
            }
            return new Row(Arrays.copyOf(sortedColumns, kept), Arrays.copyOf(sortedValues, kept));
        }

        long get(int column)
        {
            int at = Arrays.binarySearch(columns, column);
            return at < 0 ? 0 : values[at];
        }

        Row scaled(long factor)
        {
            long[] scaled = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                scaled[i] = multiply(values[i], factor);
            }
            return new Row(columns, scaled);
        }

        /** this − factor·other */
        Row minus(long factor, Row other)
        {
            int[] merged = new int[columns.length + other.columns.length];
            long[] mergedValues = new long[merged.length];
            long negative = Q - factor;
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < columns.length || j < other.columns.length) {
                int column;
                long value;
                if (j >= other.columns.length || (i < columns.length && columns[i] < other.columns[j])) {
                    column = columns[i];
                    value = values[i++];
                }
                else if (i >= columns.length || other.columns[j] < columns[i]) {
                    column = other.columns[j];
                    value = multiply(negative, other.values[j++]);
                }
                else {
                    column = columns[i];
                    value = values[i++] + multiply(negative, other.values[j++]);
                    if (value >= Q) {
                        value -= Q;
                    }
                }
                if (value != 0) {
                    merged[n] = column;
                    mergedValues[n] = value;
                    n++;
                }
            }
            return new Row(Arrays.copyOf(merged, n), Arrays.copyOf(mergedValues, n));
        }
    }
}
