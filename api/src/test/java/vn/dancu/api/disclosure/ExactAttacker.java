package vn.dancu.api.disclosure;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An intruder who sees every published cell and every total of a table and solves for the suppressed cells, written
 * independently of {@link Determinacy}: every constraint of the table (each total equals the sum of its parts, along
 * every dimension and hierarchy level) with the published values moved to the right-hand side, reduced by
 * Gauss–Jordan elimination over exact fractions. A suppressed cell is recovered when its row in the reduced system
 * has no free unknown; its value is then the right-hand side.
 */
public final class ExactAttacker
{
    private ExactAttacker() {}

    /** Suppressed cells the intruder computes exactly, with the value found. */
    public static Map<Integer, BigInteger> recover(HierarchicalTable table, BitSet suppressed)
    {
        List<Integer> unknowns = new ArrayList<>();
        Map<Integer, Integer> index = new HashMap<>();
        for (int cell = suppressed.nextSetBit(0); cell >= 0; cell = suppressed.nextSetBit(cell + 1)) {
            index.put(cell, unknowns.size());
            unknowns.add(cell);
        }
        int n = unknowns.size();
        List<Fraction[]> rows = new ArrayList<>();
        int k = table.dimensionCount();
        int[] nodes = new int[k];
        for (int cell = 0; cell < table.cells(); cell++) {
            table.decode(cell, nodes);
            for (int d = 0; d < k; d++) {
                int[] children = table.children(d, nodes[d]);
                if (children.length == 0) {
                    continue;
                }
                // cell − Σ children = 0, known values to the right-hand side (last column)
                Fraction[] row = zeros(n + 1);
                BigInteger known = BigInteger.ZERO;
                List<int[]> terms = new ArrayList<>();
                terms.add(new int[] {cell, 1});
                for (int child : children) {
                    terms.add(new int[] {cell + (child - nodes[d]) * table.stride(d), -1});
                }
                boolean any = false;
                for (int[] term : terms) {
                    Integer unknown = index.get(term[0]);
                    if (unknown == null) {
                        known = known.add(BigInteger.valueOf(term[1] * table.value(term[0])));
                    }
                    else {
                        row[unknown] = row[unknown].add(Fraction.of(term[1]));
                        any = true;
                    }
                }
                if (any) {
                    row[n] = Fraction.of(known.negate());
                    rows.add(row);
                }
            }
        }
        // Gauss–Jordan over fractions.
        int[] pivotOfRow = new int[rows.size()];
        int rank = 0;
        for (int column = 0; column < n && rank < rows.size(); column++) {
            int pivot = -1;
            for (int r = rank; r < rows.size(); r++) {
                if (!rows.get(r)[column].isZero()) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            Fraction[] swap = rows.get(pivot);
            rows.set(pivot, rows.get(rank));
            rows.set(rank, swap);
            Fraction[] pivotRow = rows.get(rank);
            Fraction inverse = pivotRow[column].inverse();
            for (int c = 0; c <= n; c++) {
                pivotRow[c] = pivotRow[c].multiply(inverse);
            }
            for (int r = 0; r < rows.size(); r++) {
                Fraction[] other = rows.get(r);
                if (r == rank || other[column].isZero()) {
                    continue;
                }
                Fraction factor = other[column];
                for (int c = 0; c <= n; c++) {
                    if (!pivotRow[c].isZero()) {
                        other[c] = other[c].subtract(factor.multiply(pivotRow[c]));
                    }
                }
            }
            pivotOfRow[rank] = column;
            rank++;
        }
        Map<Integer, BigInteger> recovered = new HashMap<>();
        for (int r = 0; r < rank; r++) {
            Fraction[] row = rows.get(r);
            boolean alone = true;
            for (int c = 0; c < n && alone; c++) {
                alone = c == pivotOfRow[r] || row[c].isZero();
            }
            if (alone) {
                Fraction value = row[n];
                recovered.put(unknowns.get(pivotOfRow[r]), value.numerator().divide(value.denominator()));
            }
        }
        return recovered;
    }

    private static Fraction[] zeros(int size)
    {
        Fraction[] row = new Fraction[size];
        java.util.Arrays.fill(row, Fraction.ZERO);
        return row;
    }

    record Fraction(BigInteger numerator, BigInteger denominator)
    {
        static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);

        static Fraction of(long value)
        {
            return new Fraction(BigInteger.valueOf(value), BigInteger.ONE);
        }

        static Fraction of(BigInteger value)
        {
            return new Fraction(value, BigInteger.ONE);
        }

        static Fraction reduced(BigInteger numerator, BigInteger denominator)
        {
            if (denominator.signum() < 0) {
                numerator = numerator.negate();
                denominator = denominator.negate();
            }
            BigInteger gcd = numerator.gcd(denominator);
            if (gcd.signum() == 0) {
                return ZERO;
            }
            return new Fraction(numerator.divide(gcd), denominator.divide(gcd));
        }

        boolean isZero()
        {
            return numerator.signum() == 0;
        }

        Fraction add(Fraction other)
        {
            return reduced(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)), denominator.multiply(other.denominator));
        }

        Fraction subtract(Fraction other)
        {
            return add(new Fraction(other.numerator.negate(), other.denominator));
        }

        Fraction multiply(Fraction other)
        {
            return reduced(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
        }

        Fraction inverse()
        {
            return reduced(denominator, numerator);
        }
    }
}
