package vn.dancu.model.cube;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CubeCatalogTest
{
    private static final List<String> SHIPPED = List.of("population_stock", "births", "deaths", "migration", "person_years",
            "households", "identity_coverage", "data_quality", "quarantine_reasons");

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
    void populationStockHasSixteenCuboidsEachWithTheCommune()
    {
        List<Cuboid> cuboids = CubeCatalog.builtInFile("population_stock.json").cuboids();
        assertEquals(16, cuboids.size());
        assertEquals("commune.sex.age.ethnicity.residenceStatus", cuboids.get(0).name());
        assertEquals("commune", cuboids.get(cuboids.size() - 1).name());
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
