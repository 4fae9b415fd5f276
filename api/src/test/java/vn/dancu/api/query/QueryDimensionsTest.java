package vn.dancu.api.query;

import org.junit.jupiter.api.Test;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The names a question may use, read from the descriptors: query names, hierarchies, the pair of a cube of moves. */
class QueryDimensionsTest
{
    private static CubeDescriptor cube(String name)
    {
        return CubeCatalog.builtInFile(name + ".json");
    }

    @Test
    void namesEachStoredDimensionByItsQueryNameAndAnAgeByTheLevelsOfItsHierarchy()
    {
        assertEquals(List.of("unit", "sex", "age", "ageBand", "ageBroad", "ethnicity", "residenceStatus"), QueryDimensions.names(cube("population_stock")));
        assertEquals(List.of("unit", "flow", "otherUnit", "sex", "ageGroup"), QueryDimensions.names(cube("migration")));
        assertEquals(List.of("age", "ageBand", "ageBroad"), QueryDimensions.ageLevels(cube("population_stock")));
        assertEquals(List.of(), QueryDimensions.ageLevels(cube("births")));
    }

    @Test
    void theUnitAndItsLevelsComeFromTheDescriptor()
    {
        assertEquals(Optional.of("unit"), QueryDimensions.unitName(cube("households")));
        assertEquals(List.of("commune", "district", "province", "area"), QueryDimensions.geographyLevels(cube("population_stock")));
        assertEquals(Optional.empty(), QueryDimensions.unitName(cube("quarantine_reasons")));
        assertEquals(List.of(), QueryDimensions.geographyLevels(cube("quarantine_reasons")));
    }

    @Test
    void onlyACubeOfMovesHasAPairedUnit()
    {
        assertEquals(Optional.of("otherUnit"), QueryDimensions.pairedUnitName(cube("migration")));
        for (String name : List.of("population_stock", "births", "deaths", "person_years", "households", "identity_coverage", "data_quality")) {
            assertEquals(Optional.empty(), QueryDimensions.pairedUnitName(cube(name)), name);
        }
    }

    @Test
    void aDescriptorWithoutHierarchiesOffersTheStoredAgeAlone()
    {
        CubeDescriptor stock = cube("population_stock");
        CubeDescriptor flat = new CubeDescriptor(stock.name(), stock.title(), stock.description(), stock.source(), stock.time(),
                stock.dimensions(), stock.measures(), stock.aggregationGroups(), stock.policy(), List.of());
        assertEquals(List.of("unit", "sex", "age", "ethnicity", "residenceStatus"), QueryDimensions.names(flat));
        assertEquals(List.of("commune", "area"), QueryDimensions.geographyLevels(flat));
    }
}
