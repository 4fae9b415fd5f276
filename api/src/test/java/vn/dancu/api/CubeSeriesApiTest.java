package vn.dancu.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.Role;
import vn.dancu.api.query.FirstViewWarmUp;
import vn.dancu.datasets.geo.Area;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dancu.api.TestServer.json;
import static vn.dancu.api.TestServer.title;

/** {@code /cubes/{cube}/series}: each point is the answer {@code /query} gives for its date or year, under the same rules. */
class CubeSeriesApiTest
{
    private static final String RVE = "23479";
    private static final String KOI = "23485";
    private static final String BRAIH = "23497";

    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture stock = new CubeFixture("population_stock")
                .row("2025-11-30", KOI, "M", 30, "14", "PERMANENT", 40)
                .row("2025-11-30", KOI, "F", 31, "14", "PERMANENT", 38)
                .row("2025-12-31", KOI, "M", 30, "14", "PERMANENT", 41)
                .row("2025-12-31", KOI, "F", 31, "14", "PERMANENT", 39)
                .row("2025-12-31", RVE, "F", 2, "01", "PERMANENT", 2)
                .row("2026-10-31", KOI, "M", 31, "14", "PERMANENT", 43)
                .row("2026-10-31", KOI, "F", 32, "14", "PERMANENT", 40);
        CubeFixture births = new CubeFixture("births")
                .row("2025-12-31", KOI, "M", "20-24", 3)
                .row("2026-01-31", KOI, "F", "25-29", 6)
                .row("2026-01-31", RVE, "M", "20-24", 2)
                .row("2026-02-28", BRAIH, "M", "30-34", 7);
        CubeFixture households = new CubeFixture("households")
                .row("2026-10-31", KOI, 4, 20, 80);
        CubeFixture.publish(data, "v1", "konray", stock, births, households);
        server = TestServer.start(data, Area.konray(), "population_stock", "births", "households");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    /** "refDate | code | value" for every row of every point. */
    private static List<String> points(JsonNode body, String dimension, String measure)
    {
        List<String> lines = new ArrayList<>();
        for (JsonNode point : body.get("points")) {
            for (JsonNode row : point.get("rows")) {
                String code = dimension == null ? "" : row.get(dimension).asText() + " | ";
                JsonNode value = row.get(measure);
                lines.add(point.get("refDate").asText() + " | " + code + (value.isNull() ? "null " + row.get("status").get(measure).asText() : value.asText()));
            }
        }
        return lines;
    }

    @Test
    void GET_series_ofAStock_givesEveryMonthEndInTheRange()
    {
        JsonNode body = json(server.get("/api/v1/cubes/population_stock/series?dims=sex&from=2025-12&to=2026-10", Role.STATISTICIAN));
        assertEquals("month", body.get("step").asText());
        assertEquals(List.of("2025-12-31 | M | 41", "2025-12-31 | F | 41", "2026-10-31 | M | 43", "2026-10-31 | F | 40"),
                points(body, "sex", "population"));
        assertEquals("v1", body.get("version").asText());
        assertEquals("sex", body.get("columns").get(0).get("name").asText());
    }

    @Test
    void GET_series_pointsEqualTheQueryAnswersOfTheirDates()
    {
        JsonNode series = json(server.get("/api/v1/cubes/population_stock/series?dims=unit&filter=sex:F", Role.LEADER));
        for (JsonNode point : series.get("points")) {
            JsonNode query = json(server.get("/api/v1/cubes/population_stock/query?dims=unit&filter=sex:F&date=" + point.get("refDate").asText(),
                    Role.LEADER));
            assertEquals(query.get("rows"), point.get("rows"), point.get("refDate").asText());
        }
        assertEquals(3, series.get("points").size());
    }

    @Test
    void GET_series_ofAStockByYear_takesEachYearsLastMonthEnd()
    {
        JsonNode body = json(server.get("/api/v1/cubes/population_stock/series?step=year", Role.STATISTICIAN));
        assertEquals(List.of("2025-12-31 | 82", "2026-10-31 | 83"), points(body, null, "population"));
    }

    @Test
    void GET_series_ofFlowsByYear_sumsTheMonthsAndWithholdsSmallTotalsForAViewer()
    {
        JsonNode body = json(server.get("/api/v1/cubes/births/series?from=2025-01&to=2026-12"));
        assertEquals("year", body.get("step").asText());
        // Each year's point ends where its data end: 2026 runs to the extract date, 31/10/2026, not to its last birth.
        assertEquals(List.of("2025-12-31 | null suppressed", "2026-10-31 | 15"), points(body, null, "births"));
        assertEquals(2026, body.get("points").get(1).get("period").get("year").asInt());
        assertEquals("2026-01-01", body.get("points").get(1).get("period").get("from").asText());
        assertEquals(5, body.get("disclosure").get("threshold").asInt());
        assertEquals(1, body.get("disclosure").get("suppressedRows").asInt());
    }

    @Test
    void GET_series_ofFlowsByMonth_givesEachMonthToAStatistician()
    {
        JsonNode body = json(server.get("/api/v1/cubes/births/series?step=month", Role.STATISTICIAN));
        assertEquals(List.of("2025-12-31 | 3", "2026-01-31 | 8", "2026-02-28 | 7"), points(body, null, "births"));
    }

    @Test
    void GET_series_ofFlowsByMonthForAViewer_returns403AsTheQueryDoes()
    {
        HttpResponse<String> response = server.get("/api/v1/cubes/births/series?step=month");
        assertEquals(403, response.statusCode());
        assertEquals("monthly flows are shown to the statistician and admin roles; your role (viewer) sees flows summed over whole quarters:"
                + " a year (period=2026), a quarter (period=2026-Q3) or the year to a quarter's end (period=2026-01/2026-09), cut where the data"
                + " start and end (2025-11-01 to 2026-10-31)", title(response));
    }

    @Test
    void GET_series_ofASnapshotCube_returns400()
    {
        HttpResponse<String> response = server.get("/api/v1/cubes/households/series", Role.STATISTICIAN);
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'cube': cube households is a snapshot at the extract date; it has no series (use /query)", title(response));
    }

    @Test
    void GET_series_badStepOrRange_returns400NamingTheParameter()
    {
        assertEquals("invalid parameter 'step': 'week' is not allowed; allowed: month, year",
                title(server.get("/api/v1/cubes/population_stock/series?step=week")));
        assertEquals("invalid parameter 'from': '2025-13' is not a month (yyyy-MM)",
                title(server.get("/api/v1/cubes/population_stock/series?from=2025-13")));
        assertEquals("invalid parameter 'from': no data between 2020-01 and 2020-12; reference dates from 2025-11-30 to 2026-10-31",
                title(server.get("/api/v1/cubes/population_stock/series?from=2020-01&to=2020-12")));
        assertEquals("invalid parameter 'date': unknown parameter; allowed: dims, measures, filter, geo, level, lang, from, to, step",
                title(server.get("/api/v1/cubes/population_stock/series?date=2026-10-31")));
    }

    @Test
    void GET_seriesExport_csv_hasTheTimeAsItsFirstColumn()
    {
        HttpResponse<byte[]> response = server.getBytes("/api/v1/cubes/births/series/export?format=csv&step=month", "Authorization",
                "Bearer " + server.token(Role.STATISTICIAN));
        assertEquals(200, response.statusCode());
        assertEquals("attachment; filename=\"births_series_2026-02-28.csv\"", response.headers().firstValue("Content-Disposition").orElseThrow());
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), "byte-order mark");
        List<String> lines = text.substring(1).lines().toList();
        assertEquals("time,Thời điểm,births,births_status", lines.get(0));
        assertEquals(List.of("2025-12-31,31/12/2025,3,ok", "2026-01-31,31/01/2026,8,ok", "2026-02-28,28/02/2026,7,ok"), lines.subList(1, 4));
    }

    @Test
    void GET_seriesExport_sdmx_returns400WithTheFormatsOfASeries()
    {
        HttpResponse<String> response = server.get("/api/v1/cubes/births/series/export?format=sdmx-csv");
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'format': 'sdmx-csv' is not allowed; allowed: csv, xlsx, json-stat", title(response));
    }

    @Test
    void GET_indicatorSeriesExport_csv_listsEveryPointOfTheSeries()
    {
        HttpResponse<byte[]> response = server.getBytes("/api/v1/indicators/series/export?format=csv&ids=population&level=area&from=2025-11&to=2026-10",
                "Authorization", "Bearer " + server.token(Role.STATISTICIAN));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("attachment; filename=\"indicators_series_2026-10-31.csv\"", response.headers().firstValue("Content-Disposition").orElseThrow());
        List<String> lines = new String(response.body(), StandardCharsets.UTF_8).substring(1).lines().toList();
        assertEquals(List.of("time,Thời điểm hoặc năm,indicator,Chỉ tiêu,unit,Đơn vị hành chính,value,value_status",
                "2025-11-30,30/11/2025,population,Dân số (người),AREA,\"Huyện Kon Rẫy cũ (nay: xã Đăk Rve, Đăk Kôi, Kon Braih)\",78.00,ok",
                "2025-12-31,31/12/2025,population,Dân số (người),AREA,\"Huyện Kon Rẫy cũ (nay: xã Đăk Rve, Đăk Kôi, Kon Braih)\",82.00,ok",
                "2026-10-31,31/10/2026,population,Dân số (người),AREA,\"Huyện Kon Rẫy cũ (nay: xã Đăk Rve, Đăk Kôi, Kon Braih)\",83.00,ok"), lines);
    }

    @Test
    void theWarmUpAsksForTheMonthEndsOfTheDashboardsFirstView()
    {
        // The fixture has three month ends within the last 25 months (11/2025, 12/2025, 10/2026).
        assertEquals(3, new FirstViewWarmUp(server.queries).run());
    }

    @Test
    void GET_konTumDistricts_servesTheTenDistrictsWithRoundedCoordinates()
    {
        HttpResponse<String> response = server.get("/api/v1/maps/kon-tum-districts");
        assertEquals(200, response.statusCode());
        assertEquals("application/geo+json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode map = json(response);
        assertEquals(10, map.get("features").size());
        JsonNode konRay = null;
        for (JsonNode feature : map.get("features")) {
            if ("614".equals(feature.get("properties").get("district_code").asText())) {
                konRay = feature;
            }
        }
        assertEquals("Huyện Kon Rẫy", konRay.get("properties").get("name").asText());
        assertTrue(konRay.get("properties").get("bbox_src") == null, "bbox_src is dropped");
        JsonNode point = konRay.get("geometry").get("coordinates").get(0).get(0).get(0);
        for (JsonNode coordinate : point) {
            assertEquals(coordinate.asDouble(), Math.round(coordinate.asDouble() * 10_000d) / 10_000d, 0.0);
        }
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, server.get("/api/v1/maps/kon-tum-districts", "If-None-Match", etag).statusCode());
    }
}
