package vn.dancu.api.disclosure;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An intruder who knows every published cell of a {@link LinkedTable} and its relations and solves for the withheld
 * cells, written independently of {@link EchelonSystem}: the published cells and relations as equations over the
 * atoms, reduced by Gauss–Jordan elimination over exact fractions. A withheld cell is recovered when one of its
 * components is a combination of those equations. Dense: for tables of a few hundred atoms.
 */
public final class ExactAttacker
{
    private ExactAttacker() {}

    /** The withheld cells (indexes into {@code table.cells()}) that the published ones determine. */
    public static Set<Integer> recover(LinkedTable table, Set<Integer> withheld)
    {
        int n = table.atoms();
        List<BigInteger[][]> rows = new ArrayList<>();
        for (int i = 0; i < table.cells().size(); i++) {
            if (withheld.contains(i)) {
                continue;
            }
            LinkedTable.Cell cell = table.cells().get(i);
            for (int m = 0; m < cell.components().length; m++) {
                rows.add(vector(n, cell.components()[m], cell.weights()[m]));
            }
        }
        for (LinkedTable.Relation relation : table.relations()) {
            rows.add(vector(n, relation.atoms(), relation.weights()));
        }
        // Gauss–Jordan over fractions (numerator, denominator pairs).
        List<BigInteger[][]> basis = new ArrayList<>();
        List<Integer> pivots = new ArrayList<>();
        for (BigInteger[][] row : rows) {
            BigInteger[][] reduced = reduce(row, basis, pivots);
            int pivot = -1;
            for (int c = 0; c < n && pivot < 0; c++) {
                if (reduced[c][0].signum() != 0) {
                    pivot = c;
                }
            }
            if (pivot < 0) {
                continue;
            }
            BigInteger[] inverse = {reduced[pivot][1], reduced[pivot][0]};
            for (int c = 0; c < n; c++) {
                reduced[c] = multiply(reduced[c], inverse);
            }
            for (int b = 0; b < basis.size(); b++) {
                BigInteger[][] other = basis.get(b);
                BigInteger[] factor = other[pivot];
                if (factor[0].signum() != 0) {
                    for (int c = 0; c < n; c++) {
                        other[c] = subtract(other[c], multiply(factor, reduced[c]));
                    }
                }
            }
            basis.add(reduced);
            pivots.add(pivot);
        }
        Set<Integer> recovered = new TreeSet<>();
        for (int i : withheld) {
            LinkedTable.Cell cell = table.cells().get(i);
            for (int m = 0; m < cell.components().length; m++) {
                BigInteger[][] reduced = reduce(vector(n, cell.components()[m], cell.weights()[m]), basis, pivots);
                if (Arrays.stream(reduced).allMatch(value -> value[0].signum() == 0)) {
                    recovered.add(i);
                }
            }
        }
        return recovered;
    }

    private static BigInteger[][] vector(int n, int[] atoms, long[] weights)
    {
        BigInteger[][] vector = new BigInteger[n][];
        for (int c = 0; c < n; c++) {
            vector[c] = new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
        }
        for (int i = 0; i < atoms.length; i++) {
            vector[atoms[i]] = new BigInteger[] {BigInteger.valueOf(weights[i]), BigInteger.ONE};
        }
        return vector;
    }

    private static BigInteger[][] reduce(BigInteger[][] row, List<BigInteger[][]> basis, List<Integer> pivots)
    {
        BigInteger[][] reduced = row.clone();
        for (int b = 0; b < basis.size(); b++) {
            BigInteger[] factor = reduced[pivots.get(b)];
            if (factor[0].signum() != 0) {
                BigInteger[][] pivotRow = basis.get(b);
                for (int c = 0; c < reduced.length; c++) {
                    if (pivotRow[c][0].signum() != 0) {
                        reduced[c] = subtract(reduced[c], multiply(factor, pivotRow[c]));
                    }
                }
            }
        }
        return reduced;
    }

    private static BigInteger[] multiply(BigInteger[] a, BigInteger[] b)
    {
        return normal(a[0].multiply(b[0]), a[1].multiply(b[1]));
    }

    private static BigInteger[] subtract(BigInteger[] a, BigInteger[] b)
    {
        return normal(a[0].multiply(b[1]).subtract(b[0].multiply(a[1])), a[1].multiply(b[1]));
    }

    private static BigInteger[] normal(BigInteger numerator, BigInteger denominator)
    {
        if (numerator.signum() == 0) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        return new BigInteger[] {numerator.divide(gcd), denominator.divide(gcd)};
    }
}
