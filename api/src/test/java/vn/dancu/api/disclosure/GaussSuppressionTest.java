package vn.dancu.api.disclosure;

import org.junit.jupiter.api.Test;
import vn.dancu.api.disclosure.ProductTable.Dimension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussSuppressionTest
{
    @Test
    void publishesEveryTotalAndWithholdsTheCheapestRectangleAroundASmallCount()
    {
        //        x   y   z
        //   A    3  10  12
        //   B    8   9  20
        ProductTable table = new ProductTable(List.of(Dimension.flat("row", "A", "B"), Dimension.flat("column", "x", "y", "z")),
                new long[] {3, 10, 12, 8, 9, 20});
        assertEquals(List.of("A x = 3", "A y = 10", "B x = 8", "B y = 9"), withheld(table, 5));
    }

    @Test
    void zerosAreNeverWithheld()
    {
        ProductTable table = new ProductTable(List.of(Dimension.flat("sex", "M", "F"), Dimension.flat("band", "0-4", "5-9", "10-14")),
                new long[] {0, 40, 1, 0, 50, 60});
        // M,10-14 = 1 is primary; the zeros are published (they hold no one); the complements are the cheapest non-zero rectangle.
        assertEquals(List.of("M 5-9 = 40", "M 10-14 = 1", "F 5-9 = 50", "F 10-14 = 60"), withheld(table, 5));
    }

    @Test
    void aSmallCommuneTotalIsWithheldWithEnoughPeersThatNoLevelGivesItAway()
    {
        // Commune c3 holds 4 people in all: its total is primary, and so are its two cells.
        Dimension unit = new Dimension("unit", List.of("c1", "c2", "c3", "c4"), List.of(code -> code.compareTo("c3") < 0 ? "p1" : "p2"));
        ProductTable table = new ProductTable(List.of(unit, Dimension.flat("sex", "M", "F")), new long[] {30, 31, 25, 27, 2, 2, 40, 41});
        List<String> withheld = withheld(table, 5);
        assertTrue(withheld.containsAll(List.of("c3 M = 2", "c3 F = 2", "c3 _T = 4")), withheld.toString());
        assertFalse(withheld.contains("_T _T = 198"), "the grand total is published: " + withheld);
    }

    @Test
    void noWithheldCellOfGeneratedTablesCanBeComputed()
    {
        Random random = new Random(20261204L);
        Function<String, String> broad = band -> band.compareTo("15") < 0 && !band.equals("100+") ? "0-14" : "15+";
        for (int t = 0; t < 150; t++) {
            List<Dimension> dimensions = switch (t % 3) {
                case 0 -> List.of(codes("row", 2 + random.nextInt(6)), codes("column", 2 + random.nextInt(6)));
                case 1 -> List.of(codes("a", 2 + random.nextInt(3)), codes("b", 2 + random.nextInt(3)), codes("c", 2 + random.nextInt(3)));
                default -> List.of(new Dimension("unit", List.of("c1", "c2", "c3", "c4", "c5"), List.of(code -> code.compareTo("c3") < 0 ? "p1" : "p2")),
                        Dimension.flat("sex", "M", "F"), new Dimension("age", List.of("0", "05", "10", "15", "20", "25"), List.of(broad)));
            };
            int cells = dimensions.stream().mapToInt(dimension -> dimension.finest().size()).reduce(1, (a, b) -> a * b);
            long[] values = new long[cells];
            for (int i = 0; i < cells; i++) {
                int draw = random.nextInt(100);
                values[i] = draw < 30 ? 0 : draw < 65 ? 1 + random.nextInt(4) : 5 + random.nextInt(40);
            }
            checkProtected(new ProductTable(dimensions, values), 5, "table " + t);
        }
    }

    @Test
    void aMoveBetweenCommunesThatCancelsAtAreaLevelCannotRevealAWithheldFlow()
    {
        // The case of issue 13: commune A received 40 people from outside and lost 4 (primary); commune B received 25;
        // 11 moved from A to B. At commune level the flows are IN 65, OUT 4, BETWEEN_IN 11, BETWEEN_OUT 11; at area
        // level, moves within the area are no moves: the area total is IN + OUT = 69.
        LinkedTable.Builder builder = LinkedTable.builder();
        int inA = builder.atom(40);
        int inB = builder.atom(25);
        int outA = builder.atom(4);
        int aToB = builder.atom(11);
        List<String> flows = List.of("IN", "OUT", "BETWEEN_IN", "BETWEEN_OUT", "_T");
        // Commune-level table of flows by unit (A, B, total) and the area-level total by flow.
        int byUnit = builder.shape("unit,flow", "migration", 1);
        add(builder, byUnit, 0, 0, inA);
        add(builder, byUnit, 1, 0, inB);
        add(builder, byUnit, 0, 1, outA);
        add(builder, byUnit, 1, 2, aToB);
        add(builder, byUnit, 0, 3, aToB);
        int byFlow = builder.shape("flow", "migration", 1);
        builder.add(byFlow, flows.indexOf("IN"), 0, inA, 1);
        builder.add(byFlow, flows.indexOf("IN"), 0, inB, 1);
        builder.add(byFlow, flows.indexOf("OUT"), 0, outA, 1);
        builder.add(byFlow, flows.indexOf("BETWEEN_IN"), 0, aToB, 1);
        builder.add(byFlow, flows.indexOf("BETWEEN_OUT"), 0, aToB, 1);
        for (int atom : List.of(inA, inB, outA)) {
            builder.add(byFlow, flows.indexOf("_T"), 0, atom, 1);
        }
        builder.add(byFlow, flows.indexOf("_T"), 0, aToB, 2);
        int area = builder.shape("area", "migration", 1);
        for (int atom : List.of(inA, inB, outA)) {
            builder.add(area, 0, 0, atom, 1);
        }
        LinkedTable table = builder.build();
        Set<Integer> withheld = withheldCells(table, GaussSuppression.protect(table, cube -> 5));
        assertTrue(withheld.stream().anyMatch(cell -> table.cells().get(cell).values()[0] == 4), "OUT = 4 is withheld");
        assertEquals(Set.of(), ExactAttacker.recover(table, withheld), "cells computed from what is published");
    }

    @Test
    void householdMembersOfAnExactSizeAreWithheldWithTheirCount()
    {
        // Households of size 1, 2, 3 and 10+ in two communes; members = size × households except for 10+.
        LinkedTable.Builder builder = LinkedTable.builder();
        long[][] households = {{30, 2, 40, 1}, {25, 20, 3, 6}};
        int[] sizes = {1, 2, 3, 0};
        int shape = builder.shape("unit,size", "households", 2);
        int total = builder.shape("size", "households", 2);
        int units = builder.shape("unit", "households", 2);
        int all = builder.shape("", "households", 2);
        for (int commune = 0; commune < 2; commune++) {
            for (int size = 0; size < 4; size++) {
                int count = builder.atom(households[commune][size]);
                int members = sizes[size] == 0 ? builder.atom(households[commune][size] * 12) : -1;
                for (long[] cell : new long[][] {{shape, commune * 4 + size}, {total, size}, {units, commune}, {all, 0}}) {
                    builder.add((int) cell[0], cell[1], 0, count, 1);
                    if (members < 0) {
                        builder.add((int) cell[0], cell[1], 1, count, sizes[size]);
                    }
                    else {
                        builder.add((int) cell[0], cell[1], 1, members, 1);
                    }
                }
            }
        }
        LinkedTable table = builder.build();
        Set<Integer> withheld = withheldCells(table, GaussSuppression.protect(table, cube -> 5));
        for (int i = 0; i < table.cells().size(); i++) {
            long count = table.cells().get(i).values()[0];
            assertEquals(count >= 1 && count < 5, withheld.contains(i) && count < 5, "cell of " + count + " households");
        }
        assertEquals(Set.of(), ExactAttacker.recover(table, withheld), "cells computed from what is published (both measures)");
    }

    @Test
    void cellsOfTwoCubesCountingTheSamePeopleAreProtectedTogether()
    {
        // Cube P counts residents by commune and age, cube Q the same residents by commune and chip card: one relation per commune.
        LinkedTable.Builder builder = LinkedTable.builder();
        long[][] byAge = {{3, 20, 15}, {12, 9, 30}};
        long[][] byCard = {{30, 8}, {40, 11}};
        int pAge = builder.shape("P unit,age", "P", 1);
        int pUnit = builder.shape("P unit", "P", 1);
        int pAgeTotal = builder.shape("P age", "P", 1);
        int qCard = builder.shape("Q unit,card", "Q", 1);
        int qUnit = builder.shape("Q unit", "Q", 1);
        int qCardTotal = builder.shape("Q card", "Q", 1);
        for (int commune = 0; commune < 2; commune++) {
            List<Integer> p = new ArrayList<>();
            List<Integer> q = new ArrayList<>();
            for (int age = 0; age < 3; age++) {
                int atom = builder.atom(byAge[commune][age]);
                p.add(atom);
                builder.add(pAge, commune * 3 + age, 0, atom, 1);
                builder.add(pUnit, commune, 0, atom, 1);
                builder.add(pAgeTotal, age, 0, atom, 1);
            }
            for (int card = 0; card < 2; card++) {
                int atom = builder.atom(byCard[commune][card]);
                q.add(atom);
                builder.add(qCard, commune * 2 + card, 0, atom, 1);
                builder.add(qUnit, commune, 0, atom, 1);
                builder.add(qCardTotal, card, 0, atom, 1);
            }
            int[] atoms = new int[5];
            long[] weights = new long[5];
            for (int i = 0; i < 3; i++) {
                atoms[i] = p.get(i);
                weights[i] = 1;
            }
            for (int i = 0; i < 2; i++) {
                atoms[3 + i] = q.get(i);
                weights[3 + i] = -1;
            }
            builder.relation(atoms, weights);
        }
        LinkedTable table = builder.build();
        Set<Integer> withheld = withheldCells(table, GaussSuppression.protect(table, cube -> 5));
        assertTrue(withheld.stream().anyMatch(cell -> table.cells().get(cell).values()[0] == 3), "the 3 is withheld");
        assertEquals(Set.of(), ExactAttacker.recover(table, withheld), "cells computed from both cubes and the relation");
    }

    @Test
    void theSameTableAlwaysGetsTheSamePattern()
    {
        Random random = new Random(7);
        long[] values = random.longs(60, 0, 12).toArray();
        ProductTable table = new ProductTable(List.of(codes("a", 5), codes("b", 4), codes("c", 3)), values);
        assertEquals(withheld(table, 5), withheld(new ProductTable(table.dimensions, values), 5));
    }

    @Test
    void theEchelonSystemFindsTheSameComputableCellsAsEliminationOverExactFractions()
    {
        // Withhold cells at random (not a protection): the cells the system says are determined must be exactly those
        // an intruder computes over the rationals.
        Random random = new Random(5);
        for (int t = 0; t < 40; t++) {
            int rows = 2 + random.nextInt(4);
            int columns = 2 + random.nextInt(4);
            LinkedTable table = new ProductTable(List.of(codes("a", rows), codes("b", columns)), randomValues(random, rows * columns)).linked();
            Set<Integer> withheld = new TreeSet<>();
            for (int i = 0; i < table.cells().size(); i++) {
                if (random.nextInt(3) == 0) {
                    withheld.add(i);
                }
            }
            assertEquals(ExactAttacker.recover(table, withheld), EchelonProbe.determined(table, withheld), "table " + t);
        }
    }

    private static long[] randomValues(Random random, int count)
    {
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(20);
        }
        return values;
    }

    private static void add(LinkedTable.Builder builder, int shape, int unit, int flow, int atom)
    {
        // unit: A, B, _T (3 codes); flow: IN, OUT, BETWEEN_IN, BETWEEN_OUT, _T (5 codes)
        builder.add(shape, unit * 5L + flow, 0, atom, 1);
        builder.add(shape, unit * 5L + 4, 0, atom, 1);
        builder.add(shape, 2 * 5L + flow, 0, atom, 1);
        builder.add(shape, 2 * 5L + 4, 0, atom, 1);
    }

    private static Dimension codes(String name, int count)
    {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            codes.add(name + i);
        }
        return new Dimension(name, codes, List.of());
    }

    /** Protects and checks: primary cells withheld, zeros published, no withheld cell computable, a non-small total published. */
    private static void checkProtected(ProductTable product, long threshold, String name)
    {
        LinkedTable table = product.linked();
        Set<Integer> withheld = withheldCells(table, GaussSuppression.protect(table, cube -> threshold));
        for (int i = 0; i < table.cells().size(); i++) {
            long value = table.cells().get(i).values()[0];
            if (value >= 1 && value < threshold) {
                assertTrue(withheld.contains(i), name + ": small cell " + table.cells().get(i).aliases() + " published");
            }
        }
        assertEquals(Set.of(), ExactAttacker.recover(table, withheld), name + ": withheld cells computed from the published ones");
    }

    static Set<Integer> withheldCells(LinkedTable table, SuppressionPattern pattern)
    {
        Set<Integer> withheld = new TreeSet<>();
        for (int i = 0; i < table.cells().size(); i++) {
            LinkedTable.Alias alias = table.cells().get(i).aliases().get(0);
            if (pattern.suppressed(alias.shape(), alias.codes())) {
                withheld.add(i);
            }
        }
        return withheld;
    }

    /** Withheld cells of the finest level, as "codes = value", in table order. */
    @Test
    void aTableWhoseEliminationOutgrowsItsMemoryLimitHasEveryNonEmptyCellWithheldAndItsZerosPublished()
    {
        //        x   y   z
        //   A    3  10   0
        //   B    8   9  20
        ProductTable table = new ProductTable(List.of(Dimension.flat("row", "A", "B"), Dimension.flat("column", "x", "y", "z")),
                new long[] {3, 10, 0, 8, 9, 20});
        assertEquals(List.of("A x = 3", "A y = 10", "B x = 8", "B y = 9"), withheld(table, 5, GaussSuppression.defaultMaxEntries()));
        // Four entries are less than the first cell's row holds: the protection stops and withholds every non-empty cell,
        // totals included; the zero stays published.
        assertEquals(List.of("A x = 3", "A y = 10", "B x = 8", "B y = 9", "B z = 20", "A _T = 13", "B _T = 37", "_T x = 11", "_T y = 19",
                "_T z = 20", "_T _T = 50"), withheld(table, 5, 4));
    }

    private static List<String> withheld(ProductTable product, long threshold)
    {
        return withheld(product, threshold, GaussSuppression.defaultMaxEntries());
    }

    private static List<String> withheld(ProductTable product, long threshold, long maxEntries)
    {
        LinkedTable table = product.linked();
        SuppressionPattern pattern = GaussSuppression.protect(table, cube -> threshold, maxEntries);
        List<String> withheld = new ArrayList<>();
        for (Map.Entry<List<String>, int[]> cell : product.cells()) {
            long value = product.value(cell.getKey());
            if (value != 0 && pattern.suppressed(ProductTable.key(cell.getValue()), product.packed(cell.getKey(), cell.getValue()))) {
                withheld.add(String.join(" ", cell.getKey()) + " = " + value);
            }
        }
        return withheld;
    }
}
