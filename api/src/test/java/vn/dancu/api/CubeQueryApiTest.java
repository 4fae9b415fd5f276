package vn.dancu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.query.QueryService;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CubeQueryApiTest
{
    @TempDir
    static Path data;
    private static Javalin server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception
    {
        new CubeFixture("population_stock")
                // 30/06/2025, old units of Kon Rẫy
                .row("2025-06-30", "23482", "M", 30, "14", "PERMANENT", 10)
                .row("2025-06-30", "23485", "F", 3, "14", "PERMANENT", 7)
                .row("2025-06-30", "23479", "M", 67, "01", "TEMPORARY", 4)
                .row("2025-06-30", "23491", "F", 100, "13", "PERMANENT", 2)
                // 31/10/2026, units of 01/07/2025
                .row("2026-10-31", "23485", "M", 31, "14", "PERMANENT", 12)
                .row("2026-10-31", "23479", "F", 4, "14", "PERMANENT", 8)
                .row("2026-10-31", "23479", "F", 2, "01", "PERMANENT", 3)
                .publish(data, "v1", "konray");
        DataLayout layout = new DataLayout(data.toString());
        QueryService queries = new QueryService(new PublishedCubes(layout, CubeCatalog.builtIn(), 16 << 20), Area.konray());
        server = ApiServer.create(new ApiServer.Dependencies(queries), ApiConfig.defaults()).start(0);
    }

    @AfterAll
    static void stop()
    {
        server.stop();
    }

    private static HttpResponse<String> get(String path) throws Exception
    {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> rows(JsonNode body, String... fields)
    {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : body.get("rows")) {
            List<String> values = new ArrayList<>();
            for (String field : fields) {
                values.add(row.get(field).asText());
            }
            rows.add(String.join(" | ", values));
        }
        return rows;
    }

    @Test
    void GET_query_recastsOldCommunesOntoTheUnitsOf2025()
    {
        assertRows("/api/v1/cubes/population_stock/query?dims=unit&date=2025-06-30&geo=2025",
                List.of("23479 | Xã Đăk Rve | 6", "23485 | Xã Đăk Kôi | 17"), "unit", "unitLabel", "population");
    }

    @Test
    void GET_query_showsTheHistoricalUnitsAndTheirDistrict()
    {
        assertRows("/api/v1/cubes/population_stock/query?dims=unit&date=2025-06-30&geo=asof",
                List.of("23479 | Thị trấn Đắk Rve | 4", "23482 | Xã Đắk Kôi | 10", "23485 | Xã Đắk Tơ Lung | 7", "23491 | Xã Đắk Pne | 2"),
                "unit", "unitLabel", "population");
        assertRows("/api/v1/cubes/population_stock/query?dims=district&date=2025-06-30&geo=asof",
                List.of("614 | Huyện Kon Rẫy | 23"), "unit", "unitLabel", "population");
    }

    @Test
    void GET_query_derivesFiveYearAgeBandsAndFiltersOnThem()
    {
        assertRows("/api/v1/cubes/population_stock/query?dims=ageBand,sex&filter=sex:F&filter=" + encode("ageBand:0-4,100+") + "&date=2025-06-30",
                List.of("0-4 | 0–4 tuổi | F | Nữ | 7", "100+ | 100+ tuổi | F | Nữ | 2"), "ageBand", "ageBandLabel", "sex", "sexLabel", "population");
    }

    @Test
    void GET_query_answersTheLatestDateByDefaultFromTheSmallestCuboid() throws Exception
    {
        JsonNode body = JSON.readTree(get("/api/v1/cubes/population_stock/query?dims=sex&lang=en").body());
        assertEquals("2026-10-31", body.get("refDate").asText());
        assertEquals("commune.sex", body.get("cuboid").asText());
        assertEquals(List.of("M | Male | 12", "F | Female | 11"), rows(body, "sex", "sexLabel", "population"));
        assertEquals("v1", body.get("version").asText());
    }

    @Test
    void GET_query_unknownDimension_returns400NamingTheAllowedOnes() throws Exception
    {
        HttpResponse<String> response = get("/api/v1/cubes/population_stock/query?dims=religion");
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'dims': unknown dimension 'religion' of cube population_stock; allowed: unit, sex, age, ageBand,"
                + " ethnicity, residenceStatus, commune, district, province, area", JSON.readTree(response.body()).get("title").asText());
    }

    @Test
    void GET_query_unknownCode_returns400WithTheCodes() throws Exception
    {
        HttpResponse<String> response = get("/api/v1/cubes/population_stock/query?dims=unit&filter=sex:X");
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'filter': unknown code 'X' of dimension sex; allowed: M, F", JSON.readTree(response.body()).get("title").asText());
    }

    @Test
    void GET_query_dateWithoutData_returns400WithTheRange() throws Exception
    {
        HttpResponse<String> response = get("/api/v1/cubes/population_stock/query?dims=unit&date=2020-01-31");
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'date': no data for 2020-01-31; reference dates from 2025-06-30 to 2026-10-31; allowed: 2025-06-30, 2026-10-31",
                JSON.readTree(response.body()).get("title").asText());
    }

    @Test
    void GET_query_districtLevelOnThe2025Units_returns400() throws Exception
    {
        HttpResponse<String> response = get("/api/v1/cubes/population_stock/query?dims=unit&level=district&geo=2025");
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'level': the district level does not exist on the units of 01/07/2025 (geo=2025); allowed: commune, province, area",
                JSON.readTree(response.body()).get("title").asText());
    }

    @Test
    void GET_unknownCube_returns404() throws Exception
    {
        HttpResponse<String> response = get("/api/v1/cubes/nope/query");
        assertEquals(404, response.statusCode());
        assertEquals("cube 'nope' not found; available: population_stock", JSON.readTree(response.body()).get("title").asText());
    }

    private static void assertRows(String path, List<String> expected, String... fields)
    {
        try {
            HttpResponse<String> response = get(path);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(expected, rows(JSON.readTree(response.body()), fields));
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
