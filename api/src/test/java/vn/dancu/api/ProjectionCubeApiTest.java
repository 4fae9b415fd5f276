package vn.dancu.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.Role;
import vn.dancu.datasets.geo.Area;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.dancu.api.TestServer.json;

/**
 * The projection cube is published beside the others but not served by the query routes (issue 17, point 3: /api/v1/projections serves it): it is
 * listed and described, and every question to it is a 403 that says why, for every caller and every route that reads
 * cube data — never a 5xx, never thousandfold values or four scenarios summed.
 */
class ProjectionCubeApiTest
{
    private static final String REFUSED = "cube population_projection holds model outputs (thousandths of a person, scenarios that are"
            + " alternatives, not parts of a whole) and is not served by the query API; its description is at"
            + " /api/v1/cubes/population_projection; the projection is served, labelled and through disclosure control, at /api/v1/projections";

    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture.publish(data, "v1", "konray",
                new CubeFixture("population_stock")
                        .row("2025-12-31", "23485", "M", 30, "14", "PERMANENT", 10),
                new CubeFixture("population_projection")
                        .row("2025-12-31", "23485", "2025", "MEDIUM", "M", 30, 10_000L, 0L, 0L, 0L)
                        .row("2025-12-31", "23485", "2025", "LOW", "M", 30, 10_000L, 0L, 0L, 0L)
                        .row("2026-12-31", "23485", "2025", "MEDIUM", "M", 31, 9_812L, 0L, 38L, -150L)
                        .row("2026-12-31", "23485", "2025", "LOW", "M", 31, 9_812L, 0L, 38L, -150L));
        server = TestServer.start(data, Area.konray(), "population_stock", "population_projection");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    /** Every caller: anonymous, each role, and an account limited to one commune. */
    private static Map<String, String[]> callers()
    {
        Map<String, String[]> callers = new LinkedHashMap<>();
        callers.put("anonymous", new String[0]);
        for (Role role : Role.values()) {
            callers.put(role.code(), new String[] {"Authorization", "Bearer " + server.token(role)});
        }
        callers.put("xa-dakkoi", new String[] {"Authorization", "Bearer " + server.scopedToken(Role.VIEWER, Set.of("23485"))});
        return callers;
    }

    @Test
    void GET_cubes_listsTheProjectionAsNotAvailable()
    {
        for (Map.Entry<String, String[]> caller : callers().entrySet()) {
            HttpResponse<String> response = server.get("/api/v1/cubes", caller.getValue());
            assertEquals(200, response.statusCode(), caller.getKey());
            Map<String, Boolean> available = new LinkedHashMap<>();
            json(response).get("cubes").forEach(cube -> available.put(cube.get("name").asText(), cube.get("available").asBoolean()));
            assertEquals(Map.of("population_stock", true, "population_projection", false), available, caller.getKey());
        }
    }

    @Test
    void GET_cube_describesTheScaleAndTheScenarioThatIsNeverSummed()
    {
        HttpResponse<String> response = server.get("/api/v1/cubes/population_projection?lang=en");
        assertEquals(200, response.statusCode());
        JsonNode body = json(response);
        assertEquals("PROJECTION_YEAR", body.get("time").asText());
        List<String> measures = new ArrayList<>();
        body.get("measures").forEach(measure -> measures.add(measure.get("name").asText() + "/" + measure.get("scale").asInt()));
        assertEquals(List.of("population/1000", "births/1000", "deaths/1000", "netMigration/1000"), measures);
        JsonNode geography = body.get("dimensions").get(1);
        assertEquals("geography", geography.get("name").asText());
        assertEquals(false, geography.get("additive").asBoolean());
        assertEquals("2025", geography.get("defaultCode").asText());
        JsonNode scenario = body.get("dimensions").get(2);
        assertEquals("scenario", scenario.get("name").asText());
        assertEquals(false, scenario.get("additive").asBoolean());
        assertEquals("MEDIUM", scenario.get("defaultCode").asText());
        assertEquals(false, body.get("available").asBoolean());
        assertEquals(List.of("2025-12-31", "2026-12-31"), List.of(body.get("refDates").get(0).asText(), body.get("refDates").get(1).asText()));
    }

    @Test
    void everyRouteThatReadsTheProjection_returns403ForEveryCaller()
    {
        List<String> paths = List.of(
                "/api/v1/cubes/population_projection/query?dims=unit,sex",
                "/api/v1/cubes/population_projection/query",
                "/api/v1/cubes/population_projection/query?dims=unit&filter=scenario:MEDIUM&date=2026-12-31",
                "/api/v1/cubes/population_projection/export?dims=unit,sex&format=csv",
                "/api/v1/cubes/population_projection/export?dims=unit&format=xlsx",
                "/api/v1/cubes/population_projection/series?dims=unit",
                "/api/v1/cubes/population_projection/series/export?dims=unit&format=csv");
        for (Map.Entry<String, String[]> caller : callers().entrySet()) {
            for (String path : paths) {
                HttpResponse<String> response = server.get(path, caller.getValue());
                assertEquals(403, response.statusCode(), caller.getKey() + " " + path + ": " + response.body());
                assertEquals(REFUSED, json(response).get("title").asText(), caller.getKey() + " " + path);
                assertEquals("forbidden", json(response).get("type").asText());
            }
        }
    }

    @Test
    void theOtherCubesOfTheSameVersionAreStillServed()
    {
        HttpResponse<String> response = server.get("/api/v1/cubes/population_stock/query?dims=unit&date=2025-12-31", Role.STATISTICIAN);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(10, json(response).get("rows").get(0).get("population").asLong());
    }
}
