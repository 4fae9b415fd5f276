package vn.dancu.api.disclosure;

import java.util.Arrays;

/**
 * Which unknowns of a homogeneous linear system are fixed by it: an attacker who knows every published cell can
 * compute a suppressed cell exactly when the unit vector of that cell lies in the row space of the constraints
 * restricted to the suppressed cells. The system is brought to reduced row echelon form; an unknown is determined
 * when it is a pivot whose row holds no other unknown.
 *
 * <p>Arithmetic is exact, modulo the prime 2³¹−1. The constraint matrices of tables have entries 0 and ±1, so
 * their rank over this field equals their rank over the rationals unless the prime divides a minor; the
 * adversarial tests check the results against an independent elimination over exact fractions.
 */
public final class Determinacy
{
    static final long P = 2_147_483_647L;

    private final int unknowns;
    private final int[] pivotRow;
    private SparseRow[] rows = new SparseRow[64];
    private int rowCount;
    /** For each unknown, the pivot rows that may contain it (stale entries are skipped). */
    private final IntList[] occurrences;

    public Determinacy(int unknowns)
    {
        this.unknowns = unknowns;
        this.pivotRow = new int[unknowns];
        Arrays.fill(pivotRow, -1);
        this.occurrences = new IntList[unknowns];
    }

    /**
     * Adds one constraint Σ coefficient·x = (known), given by the unknowns it involves.
     *
     * @param columns      unknown indexes, any order, no repeats
     * @param coefficients small integers (±1 for table constraints)
     */
    public void add(int[] columns, long[] coefficients)
    {
        SparseRow row = SparseRow.of(columns, coefficients);
        // Eliminate every pivot column present: pivot rows hold no other pivot column, so one pass suffices.
        int[] present = row.columns.clone();
        for (int column : present) {
            int pivot = pivotRow[column];
            if (pivot < 0) {
                continue;
            }
            long factor = row.get(column);
            if (factor != 0) {
                row = row.minus(factor, rows[pivot]);
            }
        }
        if (row.size() == 0) {
            return;
        }
        int pivotColumn = choosePivot(row);
        row = row.scaled(inverse(row.get(pivotColumn)));
        int index = rowCount++;
        if (index == rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        // Clear the new pivot column from earlier pivot rows.
        IntList holders = occurrences[pivotColumn];
        if (holders != null) {
            for (int i = 0; i < holders.size; i++) {
                int other = holders.items[i];
                SparseRow existing = rows[other];
                long factor = existing.get(pivotColumn);
                if (factor == 0) {
                    continue;
                }
                SparseRow updated = existing.minus(factor, row);
                rows[other] = updated;
                for (int column : updated.columns) {
                    occurrence(column).add(other);
                }
            }
            occurrences[pivotColumn] = null;
        }
        rows[index] = row;
        pivotRow[pivotColumn] = index;
        for (int column : row.columns) {
            if (column != pivotColumn) {
                occurrence(column).add(index);
            }
        }
    }

    private int choosePivot(SparseRow row)
    {
        int best = row.columns[0];
        int bestCount = Integer.MAX_VALUE;
        for (int column : row.columns) {
            IntList list = occurrences[column];
            int count = list == null ? 0 : list.size;
            if (count < bestCount) {
                best = column;
                bestCount = count;
            }
        }
        return best;
    }

    private IntList occurrence(int column)
    {
        IntList list = occurrences[column];
        if (list == null) {
            list = new IntList();
            occurrences[column] = list;
        }
        return list;
    }

    /** True when the constraints added so far fix unknown {@code column}. */
    public boolean determined(int column)
    {
        int pivot = pivotRow[column];
        return pivot >= 0 && rows[pivot].size() == 1;
    }

    public int unknowns()
    {
        return unknowns;
    }

    static long inverse(long value)
    {
        return power(value, P - 2);
    }

    private static long power(long base, long exponent)
    {
        long result = 1;
        long b = base % P;
        long e = exponent;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = result * b % P;
            }
            b = b * b % P;
            e >>= 1;
        }
        return result;
    }

    static long normalize(long value)
    {
        long v = value % P;
        return v < 0 ? v + P : v;
    }

    /** A row with sorted column indexes and non-zero values modulo P. */
    private static final class SparseRow
    {
        final int[] columns;
        final long[] values;

        SparseRow(int[] columns, long[] values)
        {
            this.columns = columns;
            this.values = values;
        }

        static SparseRow of(int[] columns, long[] coefficients)
        {
            Integer[] order = new Integer[columns.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(columns[a], columns[b]));
            int[] sortedColumns = new int[columns.length];
            long[] sortedValues = new long[columns.length];
            int n = 0;
            for (Integer i : order) {
                long value = normalize(coefficients[i]);
                if (value == 0) {
                    continue;
                }
                if (n > 0 && sortedColumns[n - 1] == columns[i]) {
                    throw new IllegalArgumentException("column " + columns[i] + " is listed twice in a constraint");
                }
                sortedColumns[n] = columns[i];
                sortedValues[n] = value;
                n++;
            }
            return new SparseRow(Arrays.copyOf(sortedColumns, n), Arrays.copyOf(sortedValues, n));
        }

        int size()
        {
            return columns.length;
        }

        long get(int column)
        {
            int at = Arrays.binarySearch(columns, column);
            return at < 0 ? 0 : values[at];
        }

        SparseRow scaled(long factor)
        {
            long[] scaled = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                scaled[i] = values[i] * factor % P;
            }
            return new SparseRow(columns, scaled);
        }

        /** this − factor·other */
        SparseRow minus(long factor, SparseRow other)
        {
            int[] mergedColumns = new int[columns.length + other.columns.length];
            long[] mergedValues = new long[mergedColumns.length];
            int i = 0;
            int j = 0;
            int n = 0;
            long negative = P - factor;
            while (i < columns.length || j < other.columns.length) {
                int column;
                long value;
                if (j >= other.columns.length || (i < columns.length && columns[i] < other.columns[j])) {
                    column = columns[i];
                    value = values[i++];
                }
                else if (i >= columns.length || other.columns[j] < columns[i]) {
                    column = other.columns[j];
                    value = negative * other.values[j++] % P;
                }
                else {
                    column = columns[i];
                    value = (values[i++] + negative * other.values[j++]) % P;
                }
                if (value != 0) {
                    mergedColumns[n] = column;
                    mergedValues[n] = value;
                    n++;
                }
            }
            return new SparseRow(Arrays.copyOf(mergedColumns, n), Arrays.copyOf(mergedValues, n));
        }
    }

    private static final class IntList
    {
        int[] items = new int[4];
        int size;

        void add(int value)
        {
            if (size > 0 && items[size - 1] == value) {
                return;
            }
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = value;
        }
    }
}
