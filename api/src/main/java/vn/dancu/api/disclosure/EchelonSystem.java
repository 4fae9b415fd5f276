package vn.dancu.api.disclosure;

import java.util.Arrays;

/**
 * A homogeneous linear system over the unknowns of a {@link LinkedTable} (atoms and cell values), kept in reduced
 * row echelon form with exact arithmetic modulo the prime p = 2³¹−1: every pivot column appears in its own row only.
 * A row says that a combination of unknowns is known (a cell is the sum of its atoms; a relation holds).
 *
 * <p>Publishing a value <em>deletes its column</em> (it is known from then on): rows that hold it lose it, and a
 * row whose pivot it was takes another pivot. An unknown is <em>determined</em> — an intruder can compute it — when
 * it is a pivot whose row holds nothing else.
 *
 * <p>A new row's pivot is the column held by the fewest other rows (Markowitz: least fill-in); among those, by a
 * preference given per column (atoms and hidden cells, then cells that are never published, then cells in the
 * reverse of the order they are published in), so that a cell is less often a pivot when it is published.
 *
 * <p>The rank over p equals the rank over the rationals unless p divides a minor of the system; the tests check the
 * results against an intruder who eliminates modulo another prime, 2⁶¹−1.
 */
final class EchelonSystem
{
    static final long P = 2_147_483_647L;

    private final int[] pivotRowOf;
    private final long[] preference;
    private final boolean[] deleted;
    private Row[] rows = new Row[256];
    private int rowCount;
    private final IntList[] holders;
    private final long[] accumulator;
    private final boolean[] touched;
    private final long maxEntries;
    private long entries;

    /** @param preference per column, lower = chosen as pivot first */
    EchelonSystem(long[] preference)
    {
        this(preference, Long.MAX_VALUE);
    }

    /**
     * @param preference per column, lower = chosen as pivot first
     * @param maxEntries the most entries the live rows may hold together; beyond it an insertion or deletion throws
     *                   {@link LinkedTableTooLarge} (the fill-in of a large table would otherwise exhaust the heap)
     */
    EchelonSystem(long[] preference, long maxEntries)
    {
        this.maxEntries = maxEntries;
        int columns = preference.length;
        this.preference = preference.clone();
        this.pivotRowOf = new int[columns];
        Arrays.fill(pivotRowOf, -1);
        this.deleted = new boolean[columns];
        this.holders = new IntList[columns];
        this.accumulator = new long[columns];
        this.touched = new boolean[columns];
    }

    /** A row of the system: sorted columns, values modulo p, and its pivot column (coefficient 1). */
    record Row(int[] columns, long[] values, int pivot)
    {
        int size()
        {
            return columns.length;
        }

        long get(int column)
        {
            int at = Arrays.binarySearch(columns, column);
            return at < 0 ? 0 : values[at];
        }

        boolean holds(int column)
        {
            return Arrays.binarySearch(columns, column) >= 0;
        }
    }

    void prefer(int column, long value)
    {
        preference[column] = value;
    }

    /** Adds the fact that Σ coefficient·unknown is known; nothing when it follows from the rows already there. */
    void add(int[] columns, long[] coefficients)
    {
        // Reduce with a dense accumulator: pivot rows hold no other pivot column, so one pass suffices.
        int[] work = new int[16];
        int n = 0;
        for (int i = 0; i < columns.length; i++) {
            int column = columns[i];
            if (deleted[column]) {
                continue;
            }
            long coefficient = normalize(coefficients[i]);
            int pivot = pivotRowOf[column];
            if (pivot < 0) {
                n = accumulate(column, coefficient, work, n);
                work = grow(work, n);
                continue;
            }
            // c·pivot = −c·(rest of its row), up to what is known.
            Row row = rows[pivot];
            long negative = coefficient == 0 ? 0 : P - coefficient;
            for (int j = 0; j < row.columns.length; j++) {
                if (row.columns[j] != column) {
                    n = accumulate(row.columns[j], multiply(negative, row.values[j]), work, n);
                    work = grow(work, n);
                }
            }
        }
        Row reduced = collect(work, n, -1);
        if (reduced.size() > 0) {
            insert(reduced);
        }
    }

    private int accumulate(int column, long value, int[] work, int n)
    {
        if (!touched[column]) {
            touched[column] = true;
            accumulator[column] = 0;
            work[n++] = column;
        }
        accumulator[column] = add(accumulator[column], value);
        return n;
    }

    private static int[] grow(int[] work, int n)
    {
        return n == work.length ? Arrays.copyOf(work, n * 2) : work;
    }

    /** The touched columns with a non-zero value, as a row (pivot unset), resetting the accumulator. */
    private Row collect(int[] work, int n, int pivot)
    {
        int[] columns = Arrays.copyOf(work, n);
        Arrays.sort(columns);
        int kept = 0;
        long[] values = new long[n];
        for (int column : columns) {
            long value = accumulator[column];
            touched[column] = false;
            if (value != 0) {
                columns[kept] = column;
                values[kept++] = value;
            }
        }
        return new Row(Arrays.copyOf(columns, kept), Arrays.copyOf(values, kept), pivot);
    }

    /** Inserts a reduced row (no pivot column in it): chooses its pivot and clears that column from the other rows. */
    private void insert(Row reduced)
    {
        int pivot = reduced.columns[0];
        for (int column : reduced.columns) {
            if (better(column, pivot)) {
                pivot = column;
            }
        }
        long inverse = inverse(reduced.get(pivot));
        long[] scaled = new long[reduced.values.length];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = multiply(reduced.values[i], inverse);
        }
        Row row = new Row(reduced.columns, scaled, pivot);
        IntList holding = compact(pivot);
        holders[pivot] = null;
        if (holding != null) {
            for (int i = 0; i < holding.size; i++) {
                int other = holding.items[i];
                Row existing = rows[other];
                if (existing == null) {
                    continue;
                }
                long factor = existing.get(pivot);
                if (factor == 0) {
                    continue;
                }
                Row updated = minus(existing, factor, row, added);
                entries += updated.size() - existing.size();
                rows[other] = updated;
                for (int k = 0; k < addedCount; k++) {
                    if (added[k] != updated.pivot) {
                        holder(added[k]).add(other);
                    }
                }
            }
        }
        if (rowCount == rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        int index = rowCount++;
        rows[index] = row;
        entries += row.size();
        pivotRowOf[pivot] = index;
        for (int column : row.columns) {
            if (column != pivot) {
                holder(column).add(index);
            }
        }
        if (entries > maxEntries) {
            throw new LinkedTableTooLarge(entries, maxEntries);
        }
    }

    /**
     * Pivot choice: the column held by the fewest other rows (least fill-in, Markowitz); among those, the one with the
     * lowest preference (never published, or published late), then the lowest index.
     */
    private boolean better(int column, int than)
    {
        int a = holders[column] == null ? 0 : holders[column].size;
        int b = holders[than] == null ? 0 : holders[than].size;
        if (a != b) {
            return a < b;
        }
        if (preference[column] != preference[than]) {
            return preference[column] < preference[than];
        }
        return column < than;
    }

    private IntList holder(int column)
    {
        IntList list = holders[column];
        if (list == null) {
            list = new IntList();
            holders[column] = list;
        }
        return list;
    }

    private int[] mergedColumns = new int[64];
    private long[] mergedValues = new long[64];
    private int[] added = new int[64];
    private int addedCount;

    /**
     * existing − factor·row (row has a coefficient 1 at its pivot, which existing holds); the columns of row that
     * existing did not hold are left in {@code added}.
     */
    private Row minus(Row existing, long factor, Row row, int[] unused)
    {
        int capacity = existing.columns.length + row.columns.length;
        if (mergedColumns.length < capacity) {
            mergedColumns = new int[capacity * 2];
            mergedValues = new long[capacity * 2];
        }
        if (added.length < row.columns.length) {
            added = new int[row.columns.length * 2];
        }
        addedCount = 0;
        long negative = P - factor;
        int[] a = existing.columns;
        long[] av = existing.values;
        int[] b = row.columns;
        long[] bv = row.values;
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int column;
            long value;
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                column = a[i];
                value = av[i++];
            }
            else if (i >= a.length || b[j] < a[i]) {
                column = b[j];
                value = multiply(negative, bv[j++]);
                added[addedCount++] = column;
            }
            else {
                column = a[i];
                value = add(av[i++], multiply(negative, bv[j++]));
            }
            if (value != 0) {
                mergedColumns[n] = column;
                mergedValues[n++] = value;
            }
        }
        return new Row(Arrays.copyOf(mergedColumns, n), Arrays.copyOf(mergedValues, n), existing.pivot);
    }

    /** a + factor·b as a new row with the given pivot (0 ≤ factor &lt; p). */
    static Row plus(Row a, long factor, Row b, int pivot)
    {
        int[] columns = new int[a.columns.length + b.columns.length];
        long[] values = new long[columns.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.columns.length || j < b.columns.length) {
            int column;
            long value;
            if (j >= b.columns.length || (i < a.columns.length && a.columns[i] < b.columns[j])) {
                column = a.columns[i];
                value = a.values[i++];
            }
            else if (i >= a.columns.length || b.columns[j] < a.columns[i]) {
                column = b.columns[j];
                value = multiply(factor, b.values[j++]);
            }
            else {
                column = a.columns[i];
                value = add(a.values[i++], multiply(factor, b.values[j++]));
            }
            if (value != 0) {
                columns[n] = column;
                values[n++] = value;
            }
        }
        return new Row(Arrays.copyOf(columns, n), Arrays.copyOf(values, n), pivot);
    }

    /** True when the rows fix the unknown: it is a pivot and its row holds nothing else. */
    boolean determined(int column)
    {
        int row = pivotRowOf[column];
        return row >= 0 && rows[row].size() == 1;
    }

    boolean isPivot(int column)
    {
        return pivotRowOf[column] >= 0;
    }

    /**
     * The unknown reduced by the rows, as the sparse combination of free unknowns it equals (up to what is known):
     * itself when free, minus the rest of its row when a pivot; empty when determined.
     */
    Row reduced(int column)
    {
        int index = pivotRowOf[column];
        if (index < 0) {
            return new Row(new int[] {column}, new long[] {1}, -1);
        }
        Row row = rows[index];
        int[] columns = new int[row.size() - 1];
        long[] values = new long[columns.length];
        int n = 0;
        for (int i = 0; i < row.columns.length; i++) {
            if (row.columns[i] != column) {
                columns[n] = row.columns[i];
                values[n++] = row.values[i] == 0 ? 0 : P - row.values[i];
            }
        }
        return new Row(columns, values, -1);
    }

    /** Rows holding {@code column} as a non-pivot entry: their pivots. */
    int[] pivotsOfRowsHolding(int column)
    {
        IntList holding = compact(column);
        if (holding == null) {
            return new int[0];
        }
        int[] pivots = new int[holding.size];
        for (int i = 0; i < holding.size; i++) {
            pivots[i] = rows[holding.items[i]].pivot;
        }
        return pivots;
    }

    private int[] seen = new int[256];
    private int stamp;

    /** Drops stale and repeated entries from a column's holder list (rows removed, rows that lost the column). */
    private IntList compact(int column)
    {
        IntList holding = holders[column];
        if (holding == null) {
            return null;
        }
        // Each live row once, in the order first listed: a stamp per row index instead of sorting (this ran on every
        // elimination step and was a third of the protection's time on a province of 625,000 persons).
        if (seen.length < rowCount) {
            seen = Arrays.copyOf(seen, Math.max(rowCount, seen.length * 2));
        }
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(seen, 0);
            stamp = 1;
        }
        int n = 0;
        for (int i = 0; i < holding.size; i++) {
            int index = holding.items[i];
            Row row = rows[index];
            if (row == null || seen[index] == stamp || !row.holds(column)) {
                continue;
            }
            seen[index] = stamp;
            holding.items[n++] = index;
        }
        holding.size = n;
        return holding;
    }

    int holderCount(int column)
    {
        return holders[column] == null ? 0 : holders[column].size;
    }

    /**
     * Publishes an unknown: it is known from now on. Rows holding it lose it; if it was a pivot, the rest of its row
     * (a combination now known) takes a new pivot.
     */
    void delete(int column)
    {
        if (deleted[column]) {
            return;
        }
        deleted[column] = true;
        int index = pivotRowOf[column];
        if (index >= 0) {
            Row row = rows[index];
            rows[index] = null;
            entries -= row.size();
            pivotRowOf[column] = -1;
            int[] columns = new int[row.size() - 1];
            long[] values = new long[columns.length];
            int n = 0;
            for (int i = 0; i < row.columns.length; i++) {
                if (row.columns[i] != column) {
                    columns[n] = row.columns[i];
                    values[n++] = row.values[i];
                }
            }
            if (n > 0) {
                insert(new Row(columns, values, -1));
            }
            return;
        }
        IntList holding = compact(column);
        holders[column] = null;
        if (holding == null) {
            return;
        }
        for (int i = 0; i < holding.size; i++) {
            int other = holding.items[i];
            Row existing = rows[other];
            if (existing == null) {
                continue;
            }
            int at = Arrays.binarySearch(existing.columns, column);
            if (at < 0) {
                continue;
            }
            int[] columns = new int[existing.columns.length - 1];
            long[] values = new long[columns.length];
            System.arraycopy(existing.columns, 0, columns, 0, at);
            System.arraycopy(existing.columns, at + 1, columns, at, columns.length - at);
            System.arraycopy(existing.values, 0, values, 0, at);
            System.arraycopy(existing.values, at + 1, values, at, values.length - at);
            rows[other] = new Row(columns, values, existing.pivot);
            entries -= 1;
        }
    }

    boolean isDeleted(int column)
    {
        return deleted[column];
    }

    /** a·b mod p for 0 ≤ a, b &lt; p (p = 2³¹−1: 2³¹ ≡ 1). */
    static long multiply(long a, long b)
    {
        long x = a * b;
        x = (x & P) + (x >>> 31);
        x = (x & P) + (x >>> 31);
        return x >= P ? x - P : x;
    }

    static long add(long a, long b)
    {
        long x = a + b;
        return x >= P ? x - P : x;
    }

    static long normalize(long value)
    {
        long v = value % P;
        return v < 0 ? v + P : v;
    }

    static long inverse(long value)
    {
        long result = 1;
        long base = value % P;
        long exponent = P - 2;
        while (exponent > 0) {
            if ((exponent & 1) == 1) {
                result = result * base % P;
            }
            base = base * base % P;
            exponent >>= 1;
        }
        return result;
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
