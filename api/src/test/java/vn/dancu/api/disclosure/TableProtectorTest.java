package vn.dancu.api.disclosure;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableProtectorTest
{
    private static final TableProtector PROTECTOR = new TableProtector(5);

    @Test
    void complementsAPrimaryCellWithTheCheapestRectangleAndPublishesTheMargins()
    {
        //        x   y   z
        //   A    3  10  12
        //   B    8   9  20
        HierarchicalTable table = new HierarchicalTable(
                List.of(Classification.flat("row", List.of("A", "B")), Classification.flat("column", List.of("x", "y", "z"))),
                new long[] {3, 10, 12, 8, 9, 20});
        BitSet suppressed = PROTECTOR.protect(table);
        assertEquals(List.of("A x", "A y", "B x", "B y"), describe(table, suppressed));
    }

    @Test
    void suppressesCountsBelowThresholdButPublishesZeros()
    {
        HierarchicalTable table = new HierarchicalTable(
                List.of(Classification.flat("sex", List.of("M", "F")), Classification.flat("band", List.of("0-4", "5-9", "10-14"))),
                new long[] {0, 40, 1, 0, 50, 60});
        BitSet suppressed = PROTECTOR.protect(table);
        // M,10-14 = 1 is primary; zeros stay published; its complements are the cheapest non-zero rectangle.
        assertEquals(List.of("M 5-9", "M 10-14", "F 5-9", "F 10-14"), describe(table, suppressed));
        assertEquals(List.of(), ExactAttacker.recover(table, suppressed).keySet().stream().toList());
    }

    @Test
    void hidesASmallMarginTogetherWithEnoughOfItsPeers()
    {
        // Commune c3 holds 4 people in all: its total is primary, so the commune totals need complements too.
        Classification geography = Classification.nested("unit", List.of("commune", "province"),
                List.of("c1", "c2", "c3", "c4"), List.of(code -> code.compareTo("c3") < 0 ? "p1" : "p2"));
        HierarchicalTable table = new HierarchicalTable(List.of(geography, Classification.flat("sex", List.of("M", "F"))),
                new long[] {30, 31, 25, 27, 2, 2, 40, 41});
        BitSet suppressed = PROTECTOR.protect(table);
        assertTrue(describe(table, suppressed).containsAll(List.of("c3 M", "c3 F", "c3 _T")), describe(table, suppressed).toString());
        assertEquals(Map.of(), ExactAttacker.recover(table, suppressed));
    }

    @Test
    void noSuppressedCellOfGeneratedTwoDimensionalTablesCanBeRecovered()
    {
        Random random = new Random(20261031L);
        for (int t = 0; t < 120; t++) {
            int rows = 2 + random.nextInt(6);
            int columns = 2 + random.nextInt(6);
            attackAndCheck(List.of(flat("row", rows), flat("column", columns)), random, "2-D table " + t);
        }
    }

    @Test
    void noSuppressedCellOfGeneratedThreeDimensionalTablesCanBeRecovered()
    {
        Random random = new Random(91L);
        for (int t = 0; t < 60; t++) {
            attackAndCheck(List.of(flat("a", 2 + random.nextInt(3)), flat("b", 2 + random.nextInt(3)), flat("c", 2 + random.nextInt(3))),
                    random, "3-D table " + t);
        }
    }

    @Test
    void noSuppressedCellOfGeneratedHierarchicalTablesCanBeRecovered()
    {
        Random random = new Random(2025L);
        for (int t = 0; t < 40; t++) {
            int communes = 3 + random.nextInt(6);
            int provinces = 1 + random.nextInt(3);
            List<String> codes = new ArrayList<>();
            for (int c = 0; c < communes; c++) {
                codes.add("c" + c);
            }
            Function<String, String> province = code -> "p" + (Integer.parseInt(code.substring(1)) % provinces);
            Classification geography = Classification.nested("unit", List.of("commune", "province"), sortedByParent(codes, province), List.of(province));
            Classification age = Classification.nested("age", List.of("band", "broad"), List.of("0-4", "5-9", "10-14", "15-19", "20-24", "25+"),
                    List.of(band -> band.equals("25+") ? "15+" : band.compareTo("15") >= 0 && !band.startsWith("5") ? "15+" : "0-14"));
            List<Classification> dimensions = random.nextBoolean()
                    ? List.of(geography, age)
                    : List.of(geography, Classification.flat("sex", List.of("M", "F")), age);
            attackAndCheck(dimensions, random, "hierarchical table " + t);
        }
    }

    @Test
    void aMarginIsSuppressedExactlyAsWhenItIsAskedForOnItsOwn()
    {
        Random random = new Random(7L);
        for (int t = 0; t < 30; t++) {
            int communes = 3 + random.nextInt(4);
            List<String> codes = new ArrayList<>();
            for (int c = 0; c < communes; c++) {
                codes.add("c" + c);
            }
            Classification unit = Classification.flat("unit", codes);
            Classification sex = Classification.flat("sex", List.of("M", "F"));
            Classification band = Classification.flat("band", List.of("0-14", "15-64", "65+"));
            long[] values = values(random, communes * 2 * 3);
            HierarchicalTable full = new HierarchicalTable(List.of(unit, sex, band), values);
            BitSet fullPattern = PROTECTOR.protect(full);

            // The unit × sex margin, asked for on its own.
            long[] margin = new long[communes * 2];
            for (int i = 0; i < values.length; i++) {
                margin[i / 3] += values[i];
            }
            HierarchicalTable alone = new HierarchicalTable(List.of(unit, sex), margin);
            BitSet alonePattern = PROTECTOR.protect(alone);
            for (int cell = 0; cell < alone.cells(); cell++) {
                List<String> codes2 = alone.codes(cell);
                int inFull = cellWithCodes(full, List.of(codes2.get(0), codes2.get(1), Classification.TOTAL));
                assertEquals(alonePattern.get(cell), fullPattern.get(inFull), "table " + t + ", margin cell " + codes2);
            }
        }
    }

    @Test
    void determinacyAgreesWithEliminationOverExactFractions()
    {
        Random random = new Random(3L);
        for (int t = 0; t < 80; t++) {
            int rows = 2 + random.nextInt(4);
            int columns = 2 + random.nextInt(4);
            HierarchicalTable table = new HierarchicalTable(List.of(flat("a", rows), flat("b", columns)), values(random, rows * columns));
            BitSet suppressed = new BitSet();
            for (int cell = 0; cell < table.cells(); cell++) {
                if (random.nextInt(3) == 0) {
                    suppressed.set(cell);
                }
            }
            assertEquals(ExactAttacker.recover(table, suppressed).keySet(), DeterminacyProbe.determined(table, suppressed), "system " + t);
        }
    }

    private static void attackAndCheck(List<Classification> dimensions, Random random, String name)
    {
        long finest = 1;
        for (Classification classification : dimensions) {
            finest *= classification.finest().codes().size();
        }
        HierarchicalTable table = new HierarchicalTable(dimensions, values(random, (int) finest));
        BitSet suppressed = PROTECTOR.protect(table);
        for (int cell = 0; cell < table.cells(); cell++) {
            long value = table.value(cell);
            if (value >= 1 && value < 5) {
                assertTrue(suppressed.get(cell), name + ": primary cell " + table.codes(cell) + " = " + value + " is published");
            }
        }
        // The intruder may compute a complementary cell of a coarser margin (it is not sensitive, and stays suppressed
        // so that the margin looks the same in every table), but no cell below the threshold and no cell of the table.
        Map<Integer, BigInteger> recovered = new java.util.HashMap<>(ExactAttacker.recover(table, suppressed));
        recovered.keySet().removeIf(cell -> !PROTECTOR.primary(table.value(cell)) && !finest(table, cell));
        if (!recovered.isEmpty()) {
            int cell = recovered.keySet().iterator().next();
            throw new AssertionError(name + ": suppressed cell " + table.codes(cell) + " recovered as " + recovered.get(cell)
                    + " (true value " + table.value(cell) + "); " + recovered.size() + " recovered in all");
        }
    }

    private static boolean finest(HierarchicalTable table, int cell)
    {
        return java.util.Arrays.stream(table.levels(cell)).allMatch(level -> level == 0);
    }

    private static long[] values(Random random, int count)
    {
        long[] values = new long[count];
        for (int i = 0; i < values.length; i++) {
            int draw = random.nextInt(100);
            values[i] = draw < 30 ? 0 : draw < 65 ? 1 + random.nextInt(4) : 5 + random.nextInt(60);
        }
        return values;
    }

    private static Classification flat(String name, int size)
    {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            codes.add(name + i);
        }
        return Classification.flat(name, codes);
    }

    private static List<String> sortedByParent(List<String> codes, Function<String, String> parent)
    {
        List<String> sorted = new ArrayList<>(codes);
        sorted.sort(java.util.Comparator.comparing(parent).thenComparing(Function.identity()));
        return sorted;
    }

    private static int cellWithCodes(HierarchicalTable table, List<String> codes)
    {
        for (int cell = 0; cell < table.cells(); cell++) {
            if (table.codes(cell).equals(codes)) {
                return cell;
            }
        }
        throw new AssertionError("no cell " + codes);
    }

    private static List<String> describe(HierarchicalTable table, BitSet suppressed)
    {
        List<String> cells = new ArrayList<>();
        for (int cell = suppressed.nextSetBit(0); cell >= 0; cell = suppressed.nextSetBit(cell + 1)) {
            cells.add(String.join(" ", table.codes(cell)));
        }
        return cells;
    }
}
