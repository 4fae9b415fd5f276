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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.dancu.api.TestServer.json;
import static vn.dancu.api.TestServer.rows;

/**
 * A cube question through real HTTP, as its stages shape it: the edge's typed validation (Javalin validators, the one
 * JSON error shape), and the policy each cube's descriptor declares (moves within one unit, audience, query names).
 */
class QueryPipelineApiTest
{
    private static final String RVE = "23479";
    private static final String KOI = "23485";

    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture migration = new CubeFixture("migration")
                .row("2025-10-31", RVE, "IN", "OUTSIDE", "M", "20-24", 6)
                .row("2025-10-31", KOI, "OUT", "OUTSIDE", "F", "25-29", 7)
                .row("2025-10-31", RVE, "BETWEEN_IN", KOI, "M", "30-34", 8)
                .row("2025-10-31", KOI, "BETWEEN_OUT", RVE, "M", "30-34", 8);
        CubeFixture.publish(data, "v1", "konray", migration);
        server = TestServer.start(data, Area.konray(), "migration");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static HttpResponse<String> get(String path)
    {
        return server.get(path, Role.STATISTICIAN);
    }

    @Test
    void GET_query_badParameters_answerTheOneErrorShapeNamingTheParameter()
    {
        Map<String, String> expected = new TreeMap<>();
        expected.put("lang=fr", "{\"title\":\"invalid parameter 'lang': 'fr' is not allowed; allowed: vi, en\",\"status\":400,\"type\":\"bad-parameter\","
                + "\"details\":[\"allowed: vi, en\"]}");
        expected.put("geo=1999", "{\"title\":\"invalid parameter 'geo': '1999' is not allowed; allowed: 2025, asof\",\"status\":400,"
                + "\"type\":\"bad-parameter\",\"details\":[\"allowed: 2025, asof\"]}");
        expected.put("level=village", "{\"title\":\"invalid parameter 'level': 'village' is not allowed; allowed: commune, district, province, area\","
                + "\"status\":400,\"type\":\"bad-parameter\",\"details\":[\"allowed: commune, district, province, area\"]}");
        expected.put("date=2025-10-32", "{\"title\":\"invalid parameter 'date': '2025-10-32' is not a date (yyyy-MM-dd), e.g. 2026-10-31\","
                + "\"status\":400,\"type\":\"bad-parameter\",\"details\":[]}");
        expected.put("period=2025-Q5", "{\"title\":\"invalid parameter 'period': '2025-Q5' is not a period; give a year yyyy (2026), a half-year"
                + " yyyy-Sn (2026-S1), a quarter yyyy-Qn (2026-Q3), a month yyyy-Mmm (2026-M07) or a range of months yyyy-MM/yyyy-MM (2026-01/2026-09);"
                + " or relative to the data: LATEST_MONTH, LATEST_QUARTER, LATEST_HALF, LATEST_YEAR, YEAR_TO_DATE, LAST_12_MONTHS (each may end in -1Y"
                + " for the same period a year earlier), or several periods LAST_n_YEARS, LAST_n_QUARTERS, LAST_n_HALVES, LAST_n_MONTHS_EACH\","
                + "\"status\":400,\"type\":\"bad-parameter\",\"details\":[]}");
        expected.put("dims=unit,,flow", "{\"title\":\"invalid parameter 'dims': 'unit,,flow' has an empty item; give names separated by commas\","
                + "\"status\":400,\"type\":\"bad-parameter\",\"details\":[]}");
        expected.put("filter=flow", "{\"title\":\"invalid parameter 'filter': 'flow' is not of the form dimension:code[,code…]\",\"status\":400,"
                + "\"type\":\"bad-parameter\",\"details\":[]}");
        Map<String, String> answered = new TreeMap<>();
        for (String query : expected.keySet()) {
            for (String route : List.of("query?", "export?format=csv&")) {
                HttpResponse<String> response = get("/api/v1/cubes/migration/" + route + query);
                answered.put(query, response.statusCode() + " " + response.body());
                assertEquals(400 + " " + expected.get(query), answered.get(query), route + query);
            }
        }
        assertEquals(expected.size(), answered.size());
    }

    @Test
    void GET_query_movesBetweenTwoCommunesAreMigrationOfEachButNotOfTheArea()
    {
        assertEquals(List.of("IN | 6", "OUT | 7", "BETWEEN_IN | 8", "BETWEEN_OUT | 8"),
                rows(json(get("/api/v1/cubes/migration/query?dims=flow&period=2025")), "flow", "moves"));
        assertEquals(List.of("IN | 6", "OUT | 7"), rows(json(get("/api/v1/cubes/migration/query?dims=flow&level=area&period=2025")), "flow", "moves"));
        assertEquals(List.of("AREA | IN | 6", "AREA | OUT | 7"),
                rows(json(get("/api/v1/cubes/migration/query?dims=unit,flow&level=area&period=2025")), "unit", "flow", "moves"));
    }

    @Test
    void GET_cube_namesTheGeographiesByTheirQueryNames()
    {
        JsonNode cube = json(get("/api/v1/cubes/migration"));
        List<String> names = new ArrayList<>();
        cube.path("dimensions").forEach(dimension -> names.add(dimension.get("name").asText()));
        assertEquals(List.of("unit", "flow", "otherUnit", "sex", "ageGroup"), names);
        List<String> queryDimensions = new ArrayList<>();
        cube.path("queryDimensions").forEach(name -> queryDimensions.add(name.asText()));
        assertEquals(List.of("unit", "flow", "otherUnit", "sex", "ageGroup"), queryDimensions);
    }

    @Test
    void GET_query_theOtherEndOfAMoveIsShownToExactCountsOnly()
    {
        HttpResponse<String> response = server.get("/api/v1/cubes/migration/query?dims=otherUnit&period=2025", Role.LEADER);
        assertEquals(403, response.statusCode());
        assertEquals("moves between pairs of units (otherUnit) are shown to the statistician and admin roles; your role is leader",
                TestServer.title(response));
    }
}
