package vn.dancu.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.Role;
import vn.dancu.datasets.geo.Area;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.dancu.api.TestServer.json;
import static vn.dancu.api.TestServer.rows;
import static vn.dancu.api.TestServer.title;

/** Queries as a statistician (exact counts): recasting, levels, derived age groups, validation. */
class CubeQueryApiTest
{
    @TempDir
    static Path data;
    private static TestServer server;

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
        server = TestServer.start(data, Area.konray(), "population_stock");
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
                List.of("0-4 | 0–4 tuổi | F | Nữ | 7", "100+ | 100 tuổi trở lên | F | Nữ | 2"), "ageBand", "ageBandLabel", "sex", "sexLabel", "population");
    }

    @Test
    void GET_query_answersTheLatestDateByDefaultFromTheSmallestStoredCuboid()
    {
        JsonNode body = json(get("/api/v1/cubes/population_stock/query?dims=sex&lang=en"));
        assertEquals("2026-10-31", body.get("refDate").asText());
        // commune.sex is not stored (only twice smaller): summed from the smallest stored cuboid with the sex
        assertEquals("commune.sex.residenceStatus", body.get("cuboid").asText());
        assertEquals(List.of("M | Male | 12", "F | Female | 11"), rows(body, "sex", "sexLabel", "population"));
        assertEquals("v1", body.get("version").asText());
    }

    @Test
    void GET_query_unknownDimension_returns400NamingTheAllowedOnes()
    {
        HttpResponse<String> response = get("/api/v1/cubes/population_stock/query?dims=religion");
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'dims': unknown dimension 'religion' of cube population_stock; allowed: unit, sex, age, ageBand, ageBroad,"
                + " ethnicity, residenceStatus, commune, district, province, area", title(response));
    }

    @Test
    void GET_query_unknownCode_returns400WithTheCodes()
    {
        HttpResponse<String> response = get("/api/v1/cubes/population_stock/query?dims=unit&filter=sex:X");
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'filter': unknown code 'X' of dimension sex; allowed: M, F", title(response));
    }

    @Test
    void GET_query_dateWithoutData_returns400WithTheRange()
    {
        HttpResponse<String> response = get("/api/v1/cubes/population_stock/query?dims=unit&date=2020-01-31");
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'date': no data for 2020-01-31; reference dates from 2025-06-30 to 2026-10-31; allowed: 2025-06-30, 2026-10-31",
                title(response));
    }

    @Test
    void GET_query_districtLevelOnThe2025Units_returns400()
    {
        HttpResponse<String> response = get("/api/v1/cubes/population_stock/query?dims=unit&level=district&geo=2025");
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'level': the district level does not exist on the units of 01/07/2025 (geo=2025); allowed: commune, province, area",
                title(response));
    }

    @Test
    void GET_unknownCube_returns404()
    {
        HttpResponse<String> response = get("/api/v1/cubes/nope/query");
        assertEquals(404, response.statusCode());
        assertEquals("cube 'nope' not found; available: population_stock", title(response));
    }

    private static void assertRows(String path, List<String> expected, String... fields)
    {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(expected, rows(json(response), fields));
    }

    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
