package vn.dancu.api.query;

import org.junit.jupiter.api.Test;
import vn.dancu.api.error.ApiException;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionKind;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.cube.LocalizedText;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.PartitionEntry;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Choosing the cuboid, alone: the smallest pre-computed cuboid that holds every dimension the answer needs. */
class CuboidPlannerTest
{
    private static final LocalDate OCTOBER = LocalDate.of(2026, 10, 31);
    private static final LocalDate SEPTEMBER = LocalDate.of(2026, 9, 30);
    private static final LocalizedText T = new LocalizedText("x", "x");

    /** A cuboid with the rows of each of its partitions, by date (October, then September; 0 for a missing one). */
    private static CuboidEntry cuboid(long octoberRows, long septemberRows, String... dimensions)
    {
        List<PartitionEntry> partitions = new java.util.ArrayList<>();
        if (octoberRows > 0) {
            partitions.add(new PartitionEntry(OCTOBER, "p/" + OCTOBER, octoberRows, List.of()));
        }
        if (septemberRows > 0) {
            partitions.add(new PartitionEntry(SEPTEMBER, "p/" + SEPTEMBER, septemberRows, List.of()));
        }
        return new CuboidEntry(String.join("_", dimensions), Arrays.asList(dimensions), octoberRows + septemberRows, partitions);
    }

    private static final CubeEntry CUBE = new CubeEntry("population_stock", "sha", List.of(
            cuboid(90_000, 90_000, "commune", "sex", "age", "ethnicity"),
            cuboid(20_000, 20_000, "commune", "sex", "age"),
            cuboid(400, 400, "commune", "sex", "ethnicity"),
            cuboid(300, 0, "commune", "ethnicity"),
            cuboid(6, 6, "commune", "sex"),
            cuboid(3, 3, "commune"),
            cuboid(202, 202, "sex", "age"),
            cuboid(3, 3, "ethnicity")));

    private static String chosen(LocalDate date, String... needed)
    {
        return CuboidPlanner.smallest(CUBE, Set.of(needed), date).map(CuboidEntry::name).orElse("none");
    }

    @Test
    void choosesTheSmallestCuboidHoldingEveryNeededDimension()
    {
        assertEquals("commune", chosen(OCTOBER, "commune"));
        assertEquals("commune_sex", chosen(OCTOBER, "commune", "sex"));
        assertEquals("commune_sex", chosen(OCTOBER, "sex"));
        assertEquals("sex_age", chosen(OCTOBER, "age"));
        assertEquals("commune_sex_age", chosen(OCTOBER, "commune", "age"));
        assertEquals("ethnicity", chosen(OCTOBER, "ethnicity"));
        assertEquals("commune_ethnicity", chosen(OCTOBER, "commune", "ethnicity"));
        assertEquals("commune_sex_age_ethnicity", chosen(OCTOBER, "age", "ethnicity"));
        assertEquals("commune", chosen(OCTOBER));
        assertEquals("none", chosen(OCTOBER, "residenceStatus"));
    }

    @Test
    void skipsACuboidWithoutThePartitionOfTheDate()
    {
        assertEquals("commune_sex_ethnicity", chosen(SEPTEMBER, "commune", "ethnicity"));
        assertEquals("none", chosen(LocalDate.of(2020, 1, 31), "commune"));
    }

    @Test
    void onEqualRowsPrefersFewerDimensions()
    {
        CubeEntry cube = new CubeEntry("c", "sha", List.of(cuboid(10, 10, "commune", "sex"), cuboid(10, 10, "sex")));
        assertEquals("sex", CuboidPlanner.smallest(cube, Set.of("sex"), OCTOBER).orElseThrow().name());
    }

    @Test
    void aPlanNeedsTheAxesStoredDimensionsAndRefusesWhenNoCuboidHasThem()
    {
        CubeDescriptor stock = CubeCatalog.builtInFile("population_stock.json");
        QueryDimension sex = new CategoryDimension(stock.dimension("sex").orElseThrow());
        QueryDimension ageBand = AgeDimension.of(AgeDimension.Grouping.BAND, "age");
        assertEquals(Set.of("sex", "age"), CuboidPlanner.needed(List.of(sex, ageBand), Optional.empty()));

        CuboidPlanner.PartitionPlan plan = CuboidPlanner.plan(stock, CUBE, OCTOBER, List.of(ageBand, sex), Optional.empty());
        assertEquals("sex_age", plan.cuboid().name());
        assertEquals(List.of(ageBand, sex), plan.axes());

        QueryDimension status = new CategoryDimension(new DimensionSpec("residenceStatus", "residence_status", DimensionKind.CATEGORY,
                "residenceStatus", T));
        ApiException error = assertThrows(ApiException.class, () -> CuboidPlanner.plan(stock, CUBE, OCTOBER, List.of(sex, status), Optional.empty()));
        assertEquals("invalid parameter 'dims': no pre-computed cuboid of population_stock has all of [sex, residenceStatus]; allowed:"
                + " commune_sex_age_ethnicity, commune_sex_age, commune_sex_ethnicity, commune_ethnicity, commune_sex, commune, sex_age, ethnicity",
                error.getMessage());
    }
}
