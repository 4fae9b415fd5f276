package vn.dancu.api.bench;

import vn.dancu.api.disclosure.Classification;
import vn.dancu.api.disclosure.HierarchicalTable;
import vn.dancu.api.disclosure.TableProtector;

import java.util.*;

/**
 * Prints how long cell suppression takes on tables of the shapes the dashboard asks for, with counts drawn to look
 * like a population register (Poisson counts, fewer people at older ages, a few large ethnic groups and many small
 * ones). Run: {@code mvn -q -B -o -pl api -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=vn.dancu.api.bench.DisclosureBenchmark}.
 */
public final class DisclosureBenchmark
{
    static Classification geo(int communes, int provinces) {
        List<String> codes = new ArrayList<>();
        for (int c = 0; c < communes; c++) codes.add(String.format("c%03d", c));
        codes.sort(Comparator.comparing((String x) -> Integer.parseInt(x.substring(1)) % provinces).thenComparing(x -> x));
        return Classification.nested("unit", List.of("commune", "province"), codes, List.of(x -> "p" + (Integer.parseInt(x.substring(1)) % provinces)));
    }
    static Classification age() {
        List<String> ages = new ArrayList<>();
        for (int a = 0; a <= 100; a++) ages.add(Integer.toString(a));
        return Classification.nested("age", List.of("single", "band", "broad"), ages, List.of(
                a -> { int v = Integer.parseInt(a); return v >= 100 ? "100+" : (v / 5 * 5) + "-" + (v / 5 * 5 + 4); },
                b -> { int v = Integer.parseInt(b.replace("+", "").split("-")[0]); return v < 15 ? "0-14" : v < 60 ? "15-59" : v < 65 ? "60-64" : "65+"; }));
    }
    static Classification flat(String n, int k) { List<String> c = new ArrayList<>(); for (int i = 0; i < k; i++) c.add(n + i); return Classification.flat(n, c); }

    void run(String name, List<Classification> dims, java.util.function.IntToLongFunction gen) {
        long n = 1; for (Classification c : dims) n *= c.finest().codes().size();
        long[] v = new long[(int) n];
        for (int i = 0; i < n; i++) v[i] = gen.applyAsLong(i);
        long t0 = System.nanoTime();
        HierarchicalTable table = new HierarchicalTable(dims, v);
        long t1 = System.nanoTime();
        BitSet s = new TableProtector(5).protect(table);
        long t2 = System.nanoTime();
        int primary = 0, zeros = 0, finestSup = 0, finest = 0;
        for (int cell = 0; cell < table.cells(); cell++) {
            boolean f = Arrays.stream(table.levels(cell)).allMatch(l -> l == 0);
            if (f) { finest++; if (s.get(cell)) finestSup++; }
            if (table.value(cell) >= 1 && table.value(cell) < 5) primary++;
            if (table.value(cell) == 0 && s.get(cell)) zeros++;
        }
        System.out.printf("%s: cells %d, build %d ms, protect %d ms, primary %d, suppressed %d (finest %d of %d), zeros suppressed %d%n",
                name, table.cells(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, primary, s.cardinality(), finestSup, finest, zeros);
    }

    public static void main(String[] args)
    {
        new DisclosureBenchmark().perf();
    }

    void perf()
    {
        System.setProperty("dancu.debug.protector", "true");
        Random r = new Random(1);
        // population of an age: declines with age
        java.util.function.IntToDoubleFunction ageShare = a -> a >= 100 ? 0.02 : Math.max(0.05, 2.2 - a * 0.021);
        run("kontum commune x sex x age", List.of(geo(40, 1), flat("sex", 2), age()), i -> {
            int a = i % 101; double mean = 14000.0 / 2 / 101 * ageShare.applyAsDouble(a); return poisson(r, mean); });
        run("national 720 communes x sex x ageBand(single)", List.of(geo(720, 18), flat("sex", 2), age()), i -> {
            int a = i % 101; double mean = 14000.0 / 2 / 101 * ageShare.applyAsDouble(a); return poisson(r, mean); });
        run("kontum commune x ethnicity(54) x sex", List.of(geo(40, 1), flat("eth", 54), flat("sex", 2)), i -> {
            int e = (i / 2) % 54; double mean = e < 5 ? 1400 : e < 10 ? 30 : 0.3; return poisson(r, mean); });
        run("konray commune x age x ethnicity x sex", List.of(geo(3, 1), age(), flat("eth", 54), flat("sex", 2)), i -> {
            int e = (i / 2) % 54; int a = (i / 108) % 101; double mean = (e < 3 ? 10000.0/3/2/101 : e < 8 ? 3 : 0.02) * ageShare.applyAsDouble(a); return poisson(r, mean); });
    }

    static long poisson(Random r, double mean) {
        if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        double l = Math.exp(-mean), p = 1; int k = 0;
        do { k++; p *= r.nextDouble(); } while (p > l);
        return k - 1;
    }
}
