package vn.dancu.api.query;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Protection and the rows of an answer, alone: cells summed into rows, a row holding a withheld cell withheld. */
class ProtectedRowsTest
{
    // Axes: unit (asked; A, B, C) × sex (filtered, not asked; M, F). Cells in order A-M, A-F, B-M, B-F, C-M, C-F.
    private static final List<List<String>> CODES = List.of(List.of("A", "B", "C"), List.of("M", "F"));
    private static final List<String> AXES = List.of("unit", "sex");
    private static final long[][] VALUES = {{10, 12, 2, 30, 0, 0}, {1, 1, 1, 1, 0, 0}};

    private static String rows(Map<String, Set<String>> filters, int shown, int... withheld)
    {
        BitSet suppressed = new BitSet();
        for (int cell : withheld) {
            suppressed.set(cell);
        }
        StringBuilder text = new StringBuilder();
        for (CubeTable.Row row : ProtectedRows.rows(CODES, 1, filters, AXES, VALUES, shown, suppressed)) {
            text.append(row.codes()).append('=').append(java.util.Arrays.toString(row.values())).append(row.suppressed() ? " withheld" : "").append("; ");
        }
        return text.toString();
    }

    @Test
    void sumsTheCellsOfEachRowOverTheOtherAxesAndLeavesOutRowsOfZeros()
    {
        assertEquals("[A]=[22, 2]; [B]=[32, 2]; ", rows(Map.of(), 2));
        assertEquals("[A]=[22]; [B]=[32]; ", rows(Map.of(), 1));
    }

    @Test
    void sumsOnlyTheKeptCodesOfAFilteredAxis()
    {
        assertEquals("[A]=[12]; [B]=[30]; ", rows(Map.of("sex", Set.of("F")), 1));
        assertEquals("[B]=[32]; ", rows(Map.of("unit", Set.of("B", "C")), 1));
    }

    @Test
    void aRowSummingAWithheldCellIsWithheldWithZeros()
    {
        assertEquals("[A]=[22]; [B]=[0] withheld; ", rows(Map.of(), 1, 2));
        // The withheld cell B-M is filtered out: B's row of women only is shown.
        assertEquals("[A]=[12]; [B]=[30]; ", rows(Map.of("sex", Set.of("F")), 1, 2));
        // A withheld row of zeros is still listed, so that its status is seen.
        assertEquals("[A]=[22]; [B]=[32]; [C]=[0] withheld; ", rows(Map.of(), 1, 4));
    }
}
