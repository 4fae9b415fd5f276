package vn.dancu.model.cube;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CubeCatalogTest
{
    private static final List<String> SHIPPED = List.of("population_stock", "births", "deaths", "migration", "person_years",
            "households", "identity_coverage", "data_quality", "quarantine_reasons", "population_projection");

    @Test
    void everyShippedDescriptorIsValid()
    {
        for (String name : SHIPPED) {
            CubeDescriptor descriptor = CubeCatalog.builtInFile(name + ".json");
            assertEquals(name, descriptor.name());
            assertEquals(List.of(), descriptor.problems(CubeCatalog.MAX_CUBOIDS_PER_CUBE), name);
        }
    }

    @Test
    void populationStockStoresTheFourCuboidsThatEarnTheirStorage()
    {
        // 16 combinations with the commune; each other one is expected at most 4 times smaller than a stored one
        // (sex and residence status have 2 codes each), so it is summed from it when asked
        assertEquals(List.of("commune.sex.age.ethnicity.residenceStatus", "commune.sex.age.residenceStatus",
                        "commune.sex.ethnicity.residenceStatus", "commune.sex.residenceStatus"),
                CubeCatalog.builtInFile("population_stock.json").cuboids().stream().map(Cuboid::name).toList());
    }

    @Test
    void aGroupWithoutMinReductionStoresEveryCombinationWithItsMandatoryDimensions()
    {
        CubeDescriptor stock = CubeCatalog.builtInFile("population_stock.json");
        AggregationGroup group = stock.aggregationGroups().get(0);
        CubeDescriptor everyCombination = new CubeDescriptor(stock.name(), stock.title(), stock.description(), stock.source(), stock.time(),
                stock.dimensions(), stock.measures(), List.of(new AggregationGroup(group.includes(), group.mandatory(), null)),
                stock.policy(), stock.hierarchies());
        List<Cuboid> cuboids = everyCombination.cuboids();
        assertEquals(16, cuboids.size());
        assertEquals("commune.sex.age.ethnicity.residenceStatus", cuboids.get(0).name());
        assertEquals("commune", cuboids.get(cuboids.size() - 1).name());
        assertTrue(cuboids.stream().allMatch(cuboid -> cuboid.dimensions().contains("commune")));
    }

    @Test
    void minReductionKeepsACuboidExactlyWhenEveryStoredFinerOneIsExpectedThatManyTimesLarger()
    {
        CubeDescriptor identity = CubeCatalog.builtInFile("identity_coverage.json");
        AggregationGroup group = identity.aggregationGroups().get(0);
        // sex 2, age group 6, chip card 2, VNeID level 3 codes: commune.sex.chipCard is 18 times smaller than the base,
        // commune.sex only 2 times smaller than commune.sex.chipCard
        assertEquals(List.of("commune.sex.ageGroup.chipCard.vneidLevel", "commune.sex.chipCard", "commune.sex.vneidLevel",
                        "commune.chipCard.vneidLevel", "commune.ageGroup"),
                identity.cuboids().stream().map(Cuboid::name).toList());
        CubeDescriptor stricter = new CubeDescriptor(identity.name(), identity.title(), identity.description(), identity.source(),
                identity.time(), identity.dimensions(), identity.measures(),
                List.of(new AggregationGroup(group.includes(), group.mandatory(), null, 13)), identity.policy(), identity.hierarchies());
        // at 13: 18 and 24 (commune.vneidLevel from the base: 2 x 6 x 2) pass, 12 (commune.sex.vneidLevel) does not
        assertEquals(List.of("commune.sex.ageGroup.chipCard.vneidLevel", "commune.sex.chipCard", "commune.vneidLevel"),
                stricter.cuboids().stream().map(Cuboid::name).toList());
    }

    @Test
    void everyShippedDescriptorIsListedInTheIndex()
    {
        assertEquals(SHIPPED, CubeCatalog.builtIn().names());
    }

    @Test
    void populationProjectionKeepsThousandthsOfAPersonAndNeverSumsScenarios()
    {
        CubeDescriptor projection = CubeCatalog.builtInFile("population_projection.json");
        assertEquals(TimeGrain.PROJECTION_YEAR, projection.time());
        assertEquals(List.of(1000, 1000, 1000, 1000), projection.measures().stream().map(MeasureSpec::scale).toList());
        assertEquals(List.of("population", "births", "deaths", "netMigration"), projection.measureNames());
        DimensionSpec scenario = projection.dimension("scenario").orElseThrow();
        assertEquals(false, scenario.additive());
        assertEquals("MEDIUM", scenario.defaultCode());
        assertEquals(List.of("MEDIUM", "LOW", "HIGH", "ZERO_MIGRATION"),
                CodeLists.builtIn().get("projectionScenario").codes().stream().map(Code::code).toList());
        DimensionSpec geography = projection.dimension("geography").orElseThrow();
        assertEquals(false, geography.additive());
        assertEquals("2025", geography.defaultCode());
        assertEquals(List.of("2025", "PRE2025"), CodeLists.builtIn().get("projectionGeography").codes().stream().map(Code::code).toList());
        assertEquals(List.of("commune.geography.scenario.sex.age", "commune.geography.scenario.sex"),
                projection.cuboids().stream().map(Cuboid::name).toList());
        assertEquals(true, projection.dimension("sex").orElseThrow().additive());
        assertEquals(1, CubeCatalog.builtInFile("births.json").measures().get(0).scale());
    }

    @Test
    void rejectsANonAdditiveDimensionThatACuboidWouldSumOver()
    {
        String json = """
                {"name": "bad", "title": {"vi": "x", "en": "x"}, "description": {"vi": "x", "en": "x"},
                 "source": "cohort_component_projection", "time": "PROJECTION_YEAR",
                 "dimensions": [{"name": "commune", "column": "commune_code", "kind": "GEOGRAPHY", "title": {"vi": "x", "en": "x"}},
                                {"name": "scenario", "column": "scenario", "kind": "CATEGORY", "codes": "projectionScenario",
                                 "additive": false, "defaultCode": "CONSTANT", "title": {"vi": "x", "en": "x"}}],
                 "measures": [{"name": "population", "column": "population", "aggregation": "SUM", "scale": 1000, "title": {"vi": "x", "en": "x"}, "unit": {"vi": "x", "en": "x"}}],
                 "aggregationGroups": [{"includes": ["commune", "scenario"], "mandatory": ["commune"]}]}
                """;
        InvalidDescriptorException error = assertThrows(InvalidDescriptorException.class,
                () -> CubeCatalog.parse("bad.json", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("invalid cube descriptor bad.json: dimension 'scenario' has defaultCode 'CONSTANT', which is not a code of list"
                + " 'projectionScenario'; dimension 'scenario' is not additive (its codes are alternatives, never summed): it must be"
                + " mandatory in every aggregation group; it is not in [commune]", error.getMessage());
    }

    @Test
    void rejectsAScaleThatIsNotAPowerOfTenAndANonAdditiveDimensionWithoutDefault()
    {
        String measure = """
                {"name": "bad", "title": {"vi": "x", "en": "x"}, "description": {"vi": "x", "en": "x"}, "source": "s", "time": "YEAR",
                 "dimensions": [{"name": "commune", "column": "commune_code", "kind": "GEOGRAPHY", "title": {"vi": "x", "en": "x"}}],
                 "measures": [{"name": "population", "column": "population", "aggregation": "SUM", "scale": 1024, "title": {"vi": "x", "en": "x"}, "unit": {"vi": "x", "en": "x"}}],
                 "aggregationGroups": [{"includes": ["commune"]}]}
                """;
        assertEquals("invalid cube descriptor bad.json: measure population: scale must be 1, 10, 100, 1000 … (a power of ten), was 1024",
                assertThrows(InvalidDescriptorException.class, () -> CubeCatalog.parse("bad.json", measure.getBytes(StandardCharsets.UTF_8))).getMessage());
        String dimension = """
                {"name": "bad", "title": {"vi": "x", "en": "x"}, "description": {"vi": "x", "en": "x"}, "source": "s", "time": "YEAR",
                 "dimensions": [{"name": "commune", "column": "commune_code", "kind": "GEOGRAPHY", "title": {"vi": "x", "en": "x"}},
                                {"name": "scenario", "column": "scenario", "kind": "CATEGORY", "codes": "projectionScenario", "additive": false, "title": {"vi": "x", "en": "x"}}],
                 "measures": [{"name": "population", "column": "population", "aggregation": "SUM", "title": {"vi": "x", "en": "x"}, "unit": {"vi": "x", "en": "x"}}],
                 "aggregationGroups": [{"includes": ["commune", "scenario"], "mandatory": ["commune", "scenario"]}]}
                """;
        assertEquals("invalid cube descriptor bad.json: dimension scenario is not additive: it must be a CATEGORY with a defaultCode",
                assertThrows(InvalidDescriptorException.class, () -> CubeCatalog.parse("bad.json", dimension.getBytes(StandardCharsets.UTF_8))).getMessage());
    }

    @Test
    void rejectsAnUnknownDimensionInAnAggregationGroup()
    {
        String json = """
                {"name": "bad", "title": {"vi": "x", "en": "x"}, "description": {"vi": "x", "en": "x"},
                 "source": "residents_at_month_end", "time": "MONTH_END",
                 "dimensions": [{"name": "commune", "column": "commune_code", "kind": "GEOGRAPHY", "title": {"vi": "x", "en": "x"}}],
                 "measures": [{"name": "population", "column": "persons", "aggregation": "SUM", "title": {"vi": "x", "en": "x"}, "unit": {"vi": "x", "en": "x"}}],
                 "aggregationGroups": [{"includes": ["commune", "religion"], "mandatory": ["commune"]}]}
                """;
        InvalidDescriptorException error = assertThrows(InvalidDescriptorException.class,
                () -> CubeCatalog.parse("bad.json", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("invalid cube descriptor bad.json: aggregation group names unknown dimension 'religion'; dimensions are [commune]",
                error.getMessage());
    }

    @Test
    void rejectsANonAdditiveMeasure()
    {
        String json = """
                {"name": "bad", "title": {"vi": "x", "en": "x"}, "description": {"vi": "x", "en": "x"},
                 "source": "residents_at_month_end", "time": "MONTH_END",
                 "dimensions": [{"name": "commune", "column": "commune_code", "kind": "GEOGRAPHY", "title": {"vi": "x", "en": "x"}}],
                 "measures": [{"name": "meanAge", "column": "age", "aggregation": "AVG", "title": {"vi": "x", "en": "x"}, "unit": {"vi": "x", "en": "x"}}],
                 "aggregationGroups": [{"includes": ["commune"]}]}
                """;
        InvalidDescriptorException error = assertThrows(InvalidDescriptorException.class,
                () -> CubeCatalog.parse("bad.json", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("invalid cube descriptor bad.json: measure 'meanAge' has aggregation AVG, which cannot be re-aggregated;"
                + " allowed: [SUM] (a cube stores counts and sums; rates and means are derived when served, from numerator and denominator)",
                error.getMessage());
    }

    @Test
    void rejectsTooManyCuboids()
    {
        StringBuilder dimensions = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            dimensions.append(i == 0 ? "" : ",").append("{\"name\": \"d").append(i).append("\", \"column\": \"c").append(i)
                    .append("\", \"kind\": \"GEOGRAPHY\", \"title\": {\"vi\": \"x\", \"en\": \"x\"}}");
            names.append(i == 0 ? "" : ",").append("\"d").append(i).append('"');
        }
        String json = "{\"name\": \"wide\", \"title\": {\"vi\": \"x\", \"en\": \"x\"}, \"description\": {\"vi\": \"x\", \"en\": \"x\"},"
                + " \"source\": \"s\", \"time\": \"MONTH\", \"dimensions\": [" + dimensions + "],"
                + " \"measures\": [{\"name\": \"n\", \"column\": \"n\", \"aggregation\": \"SUM\", \"title\": {\"vi\": \"x\", \"en\": \"x\"}, \"unit\": {\"vi\": \"x\", \"en\": \"x\"}}],"
                + " \"aggregationGroups\": [{\"includes\": [" + names + "]}]}";
        InvalidDescriptorException error = assertThrows(InvalidDescriptorException.class,
                () -> CubeCatalog.parse("wide.json", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("invalid cube descriptor wide.json: cube wide has 256 cuboids, more than the limit of 64;"
                + " narrow the aggregation groups (mandatory dimensions, maxDimensions)", error.getMessage());
    }
}
