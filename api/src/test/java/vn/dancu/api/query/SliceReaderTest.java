package vn.dancu.api.query;

import org.junit.jupiter.api.Test;
import vn.dancu.api.cube.CuboidSlice;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.CuboidEntry;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Reading a slice, alone: stored codes mapped onto the axes and summed into the cells. */
class SliceReaderTest
{
    private static final LocalDate DATE = LocalDate.of(2026, 10, 31);
    private static final CubeDescriptor STOCK = CubeCatalog.builtInFile("population_stock.json");

    /** sex × age, 6 rows: M 3 (5 persons), M 7 (2), F 3 (4), F 12 (1), an unknown sex X 3 (9), M 100 (1). */
    private static CuboidSlice slice()
    {
        return new CuboidSlice(List.of("sex", "age"),
                List.of(new String[] {"M", "F", "X"}, new String[] {"3", "7", "12", "100"}),
                List.of(new int[] {0, 0, 1, 1, 2, 0}, new int[] {0, 1, 0, 2, 0, 3}),
                List.of("population"), List.of(new long[] {5, 2, 4, 1, 9, 1}), 6);
    }

    private static CuboidPlanner.PartitionPlan plan(QueryDimension... axes)
    {
        return new CuboidPlanner.PartitionPlan(DATE, new CuboidEntry("sex_age", List.of("sex", "age"), 6, List.of()), List.of(axes), Optional.empty());
    }

    @Test
    void sumsEachRowIntoTheCellOfItsMappedCodesAndSkipsCodesOutsideTheAxes()
    {
        QueryDimension sex = new CategoryDimension(STOCK.dimension("sex").orElseThrow());
        QueryDimension band = AgeDimension.of(AgeDimension.Grouping.BAND, "age");
        List<String> bands = band.codes();
        long[][] values = new long[1][2 * bands.size()];
        SliceReader.accumulate(slice(), plan(sex, band), List.of(sex.codes(), bands), new int[] {bands.size(), 1}, List.of("population"), values);

        long[] expected = new long[2 * bands.size()];
        expected[bands.indexOf("0-4")] = 5;
        expected[bands.indexOf("5-9")] = 2;
        expected[bands.indexOf("100+")] = 1;
        expected[bands.size() + bands.indexOf("0-4")] = 4;
        expected[bands.size() + bands.indexOf("10-14")] = 1;
        assertArrayEquals(expected, values[0]);
    }

    @Test
    void addsASecondPartitionToTheSameCells()
    {
        QueryDimension sex = new CategoryDimension(STOCK.dimension("sex").orElseThrow());
        long[][] values = new long[1][2];
        SliceReader.accumulate(slice(), plan(sex), List.of(sex.codes()), new int[] {1}, List.of("population"), values);
        SliceReader.accumulate(slice(), plan(sex), List.of(sex.codes()), new int[] {1}, List.of("population"), values);
        assertArrayEquals(new long[] {16, 10}, values[0]);
    }
}
