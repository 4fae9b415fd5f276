package vn.dancu.model.cube;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The serving policy of each cube, read from its descriptor, and the descriptors a policy makes invalid. */
class CubePolicyTest
{
    @Test
    void everyBuiltInCubeDeclaresItsCountedMeasureUnitAndAudience()
    {
        Map<String, String> policies = new TreeMap<>();
        CubeCatalog catalog = CubeCatalog.builtIn();
        for (String name : catalog.names()) {
            CubePolicy policy = catalog.find(name).orElseThrow().policy();
            policies.put(name, policy.counted().orElse("-") + " " + policy.disclosureUnit() + " " + policy.audience()
                    + policy.block().map(block -> " block " + block).orElse("")
                    + policy.moves().map(moves -> " moves " + moves.from() + "→" + moves.to() + " " + moves.flow() + moves.flows()).orElse(""));
        }
        assertEquals(Map.of(
                "population_stock", "population PERSONS EVERYONE block residents",
                "births", "births PERSONS EVERYONE block flows",
                "deaths", "deaths PERSONS EVERYONE block flows",
                "migration", "moves PERSONS EVERYONE block flows moves commune→otherCommune flow[BETWEEN_IN, BETWEEN_OUT]",
                "person_years", "personDays PERSON_DAYS EVERYONE",
                "households", "households PERSONS EVERYONE",
                "identity_coverage", "persons PERSONS EVERYONE block residents",
                "data_quality", "- PERSONS DATA_QUALITY",
                "quarantine_reasons", "- PERSONS DATA_QUALITY",
                "population_projection", "- PERSONS EVERYONE"), policies);
    }

    @Test
    void theThresholdIsConvertedToTheUnitOfTheCountedMeasure()
    {
        assertEquals(3, CubePolicy.DisclosureUnit.PERSONS.threshold(3));
        assertEquals(1096, CubePolicy.DisclosureUnit.PERSON_DAYS.threshold(3));
        assertEquals(366, CubePolicy.DisclosureUnit.PERSON_DAYS.threshold(1));
    }

    @Test
    void hierarchiesAndTheGeographysQueryNameAreDescriptorData()
    {
        CubeDescriptor stock = CubeCatalog.builtInFile("population_stock.json");
        assertEquals(List.of("age", "ageBand", "ageBroad"), stock.levels(stock.dimension("age").orElseThrow()));
        assertEquals(List.of("commune", "district", "province"), stock.levels(stock.dimension("commune").orElseThrow()));
        assertEquals(List.of("sex"), stock.levels(stock.dimension("sex").orElseThrow()));
        assertEquals("commune_code", stock.dimensionByQueryName("unit").orElseThrow().column());
        assertEquals(Optional.empty(), stock.dimensionByQueryName("commune"));
        CubeDescriptor migration = CubeCatalog.builtInFile("migration.json");
        assertEquals("otherCommune", migration.dimensionByQueryName("otherUnit").orElseThrow().name());
    }

    @Test
    void aDescriptorWithoutAPolicyIsShownOnlyWithExactCounts()
    {
        CubeDescriptor stock = CubeCatalog.builtInFile("population_stock.json");
        CubeDescriptor bare = new CubeDescriptor(stock.name(), stock.title(), stock.description(), stock.source(), stock.time(),
                stock.dimensions(), stock.measures(), stock.aggregationGroups());
        assertEquals(CubePolicy.restricted(), bare.policy());
        assertEquals(CubePolicy.Audience.EXACT_COUNTS, bare.policy().audience());
        assertEquals(Optional.empty(), bare.policy().counted());
    }

    private static String refused(String policy)
    {
        String json = """
                {"name": "bad", "title": {"vi": "x", "en": "x"}, "description": {"vi": "x", "en": "x"},
                 "source": "residents_at_month_end", "time": "MONTH_END",
                 "dimensions": [{"name": "commune", "column": "commune_code", "kind": "GEOGRAPHY", "queryName": "unit", "title": {"vi": "x", "en": "x"}},
                                {"name": "sex", "column": "sex", "kind": "CATEGORY", "codes": "sex", "title": {"vi": "x", "en": "x"}}],
                 "measures": [{"name": "population", "column": "persons", "aggregation": "SUM", "title": {"vi": "x", "en": "x"}, "unit": {"vi": "x", "en": "x"}}],
                 "policy": %s,
                 "hierarchies": [{"dimension": "age", "levels": ["age", "ageBand"]}],
                 "aggregationGroups": [{"includes": ["commune", "sex"], "mandatory": ["commune"]}]}
                """.formatted(policy);
        return assertThrows(InvalidDescriptorException.class, () -> CubeCatalog.parse("bad.json", json.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    void aPolicyNamingWhatTheCubeDoesNotHaveIsRefusedWithTheHierarchyOfAnUnknownDimension()
    {
        assertEquals("invalid cube descriptor bad.json: policy: counted measure 'persons' is not a measure; measures are [population];"
                + " hierarchy names unknown dimension 'age'; dimensions are [commune, sex]",
                refused("{\"countedMeasure\": \"persons\", \"audience\": \"EVERYONE\"}"));
        assertEquals("invalid cube descriptor bad.json: policy: a cube of counts shown to everyone needs a countedMeasure for disclosure"
                + " control; give one, or an audience of DATA_QUALITY or EXACT_COUNTS; hierarchy names unknown dimension 'age'; dimensions are [commune, sex]",
                refused("{\"audience\": \"EVERYONE\"}"));
        assertEquals("invalid cube descriptor bad.json: policy: internalMoves names 'sex', which is not a GEOGRAPHY dimension;"
                + " policy: internalMoves names unknown flow dimension 'flow'; hierarchy names unknown dimension 'age'; dimensions are [commune, sex]",
                refused("{\"countedMeasure\": \"population\", \"audience\": \"EVERYONE\", \"internalMoves\": {\"from\": \"commune\", \"to\": \"sex\","
                        + " \"flow\": \"flow\", \"flows\": [\"BETWEEN_IN\"]}}"));
    }
}
