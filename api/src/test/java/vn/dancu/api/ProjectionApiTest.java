package vn.dancu.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.Role;
import vn.dancu.datasets.geo.Area;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dancu.api.TestServer.json;

/**
 * The projection as planners read it (issue 17, point 3): one unit, scenarios never summed, whole persons for the
 * roles that see exact counts, age groups rounded to 10 with small figures withheld for the others, every answer
 * labelled as a projection with its jump-off date and scenario. Values in the fixture are thousandths of a person, as
 * the engine writes them.
 */
class ProjectionApiTest
{
    private static final String KOI = "23485";
    private static final String RVE = "23479";

    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture projection = new CubeFixture("population_projection");
        for (String scenario : List.of("MEDIUM", "LOW", "HIGH", "ZERO_MIGRATION")) {
            // Jump-off: the register's own population, the same in every scenario.
            projection.row("2025-12-31", KOI, scenario, "M", 4, 123_400L, 0L, 0L, 0L)
                    .row("2025-12-31", KOI, scenario, "F", 4, 118_600L, 0L, 0L, 0L)
                    .row("2025-12-31", KOI, scenario, "M", 7, 3_200L, 0L, 0L, 0L)
                    .row("2025-12-31", KOI, scenario, "F", 7, 40_000L, 0L, 0L, 0L)
                    .row("2025-12-31", KOI, scenario, "F", 30, 200_000L, 0L, 0L, 0L)
                    .row("2025-12-31", RVE, scenario, "M", 4, 55_500L, 0L, 0L, 0L)
                    .row("2025-12-31", RVE, scenario, "F", 4, 60_000L, 0L, 0L, 0L)
                    .row("2026-12-31", KOI, scenario, "M", 5, 121_049L, 0L, 2_351L, 0L)
                    .row("2026-12-31", KOI, scenario, "F", 5, 117_251L, 0L, 1_349L, 0L)
                    .row("2026-12-31", KOI, scenario, "F", 31, 200_000L, 0L, 0L, 0L);
        }
        // Births of 2026 differ by scenario (fertility), and so the age-0 population.
        projection.row("2026-12-31", KOI, "MEDIUM", "M", 0, 20_000L, 20_500L, 500L, 0L)
                .row("2026-12-31", KOI, "LOW", "M", 0, 15_000L, 15_400L, 400L, 0L)
                .row("2026-12-31", KOI, "HIGH", "M", 0, 25_000L, 25_600L, 600L, 0L)
                .row("2026-12-31", KOI, "ZERO_MIGRATION", "M", 0, 19_000L, 19_400L, 400L, 0L);
        CubeFixture.publish(data, "v1", "konray", new CubeFixture("population_stock").row("2025-12-31", KOI, "M", 30, "14", "PERMANENT", 10), projection);
        server = TestServer.start(data, Area.konray(), "population_stock", "population_projection");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static Map<String, String[]> callers()
    {
        Map<String, String[]> callers = new LinkedHashMap<>();
        callers.put("anonymous", new String[0]);
        for (Role role : Role.values()) {
            callers.put(role.code(), new String[] {"Authorization", "Bearer " + server.token(role)});
        }
        callers.put("xa-dakkoi", new String[] {"Authorization", "Bearer " + server.scopedToken(Role.LEADER, Set.of(KOI))});
        return callers;
    }

    private static String[] as(Role role)
    {
        return new String[] {"Authorization", "Bearer " + server.token(role)};
    }

    /** year/ageGroup/sex=value (x when withheld) of every row, in order. */
    private static List<String> cells(JsonNode body)
    {
        List<String> cells = new ArrayList<>();
        body.get("rows").forEach(row -> cells.add(row.get("year").asInt() + "/" + row.get("scenario").asText() + "/" + row.get("ageGroup").asText()
                + "/" + row.get("sex").asText() + "=" + (row.get("withheld").asBoolean() ? "x" : row.get("value").asText())));
        return cells;
    }

    @Test
    void statistician_getsWholePersonsOfOneScenarioWithTheJumpOffYearMarkedObserved()
    {
        HttpResponse<String> response = server.get("/api/v1/projections?unit=" + KOI, as(Role.STATISTICIAN));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        List<String> cells = cells(body);
        // total 2025 = 123.4 + 118.6 + 3.2 + 40 + 200 = 485.2; 2026 = 121.049 + 117.251 + 200 + 20 (age 0) = 458.3
        assertEquals(List.of("2025/MEDIUM/total/total=485", "2025/MEDIUM/0-2/total=0", "2025/MEDIUM/3-5/total=242", "2025/MEDIUM/6-10/total=43",
                "2025/MEDIUM/11-14/total=0", "2025/MEDIUM/15-17/total=0", "2025/MEDIUM/15-64/total=200", "2025/MEDIUM/60+/total=0",
                "2025/MEDIUM/80+/total=0"), cells.subList(0, 9));
        assertEquals(List.of("2026/MEDIUM/total/total=458", "2026/MEDIUM/0-2/total=20", "2026/MEDIUM/3-5/total=238", "2026/MEDIUM/6-10/total=0"),
                cells.subList(9, 13));
        assertEquals(true, body.get("rows").get(0).get("observed").asBoolean());
        assertEquals(false, body.get("rows").get(9).get("observed").asBoolean());
        JsonNode header = body.get("projection");
        assertEquals("2025-12-31", header.get("jumpOff").asText());
        assertEquals(2026, header.get("lastYear").asInt());
        assertEquals("Xã Đăk Kôi", header.get("unitName").asText());
        assertEquals("Dự báo (kết quả mô hình, không phải số người đếm được): phương án trung bình, năm gốc 31/12/2025", header.get("label").asText());
        assertEquals(false, header.get("controlled").asBoolean());
        assertEquals(1, header.get("rounding").asInt());
    }

    @Test
    void everyRoleWithoutExactCounts_getsGroupsRoundedToTensAndSmallFiguresWithheldWithTheirPair()
    {
        for (String caller : List.of("anonymous", "viewer", "planner", "leader", "xa-dakkoi")) {
            HttpResponse<String> response = server.get("/api/v1/projections?unit=" + KOI + "&sex=split&year=2025", callers().get(caller));
            assertEquals(200, response.statusCode(), caller + ": " + response.body());
            List<String> cells = cells(json(response));
            // 3–5: 123.4 → 120, 118.6 → 120, 242 → 240; 6–10: 3.2 males are withheld, the 40 females with them; the total 43.2 → 40.
            assertEquals(List.of("2025/MEDIUM/3-5/M=120", "2025/MEDIUM/3-5/F=120", "2025/MEDIUM/3-5/total=240",
                    "2025/MEDIUM/6-10/M=x", "2025/MEDIUM/6-10/F=x", "2025/MEDIUM/6-10/total=40"), cells.subList(6, 12), caller);
            JsonNode header = json(response).get("projection");
            assertEquals(true, header.get("controlled").asBoolean(), caller);
            assertEquals(10, header.get("rounding").asInt(), caller);
            assertEquals("Số liệu được làm tròn đến 10 người; số từ 1 đến 4 người được ẩn (x), cùng với giới tính còn lại của cặp.",
                    header.get("notes").get(2).asText(), caller);
        }
    }

    @Test
    void singleYearsOfAge_areForTheRolesThatSeeExactCounts()
    {
        String path = "/api/v1/projections?unit=" + KOI + "&ages=single&sex=split&year=2025";
        for (Map.Entry<String, String[]> caller : callers().entrySet()) {
            HttpResponse<String> response = server.get(path, caller.getValue());
            boolean exact = caller.getKey().equals("statistician") || caller.getKey().equals("admin");
            assertEquals(exact ? 200 : 403, response.statusCode(), caller.getKey() + ": " + response.body());
            if (exact) {
                List<String> cells = cells(json(response));
                assertEquals(101 * 3, cells.size());
                assertEquals(List.of("2025/MEDIUM/7/M=3", "2025/MEDIUM/7/F=40", "2025/MEDIUM/7/total=43"), cells.subList(21, 24));
                continue;
            }
            String role = caller.getKey().equals("anonymous") ? "viewer" : caller.getKey().equals("xa-dakkoi") ? "leader" : caller.getKey();
            assertEquals("projected single years of age are as disclosive as the counts they are projected from: they are shown to the"
                    + " statistician and admin roles; your role (" + role + ") sees age groups (ages=groups or ages=bands)"
                    + (caller.getKey().equals("anonymous") ? "; log in with an account that has it" : ""), TestServer.title(response));
        }
    }

    @Test
    void scenariosAreAlternatives_neverSummed_andTheAreaIsTheSumOfItsCommunes()
    {
        HttpResponse<String> response = server.get("/api/v1/projections?scenario=all&ages=bands&year=2026", as(Role.ADMIN));
        assertEquals(200, response.statusCode(), response.body());
        List<String> cells = cells(json(response));
        assertEquals(4 * 21, cells.size());
        assertEquals(List.of("2026/MEDIUM/0-4/total=20", "2026/MEDIUM/5-9/total=238"), cells.subList(0, 2));
        assertEquals(List.of("2026/LOW/0-4/total=15", "2026/HIGH/0-4/total=25", "2026/ZERO_MIGRATION/0-4/total=19"),
                List.of(cells.get(21), cells.get(42), cells.get(63)));
        assertEquals("Dự báo (kết quả mô hình, không phải số người đếm được): bốn phương án, năm gốc 31/12/2025",
                json(response).get("projection").get("label").asText());
        // The area: Đăk Kôi 242 and Đăk Rve 115.5 children aged 3–5 on the jump-off date = 357.5 → 358.
        HttpResponse<String> area = server.get("/api/v1/projections?year=2025", as(Role.STATISTICIAN));
        assertEquals("2025/MEDIUM/3-5/total=358", cells(json(area)).get(2));
        assertEquals("AREA", json(area).get("projection").get("unit").asText());
    }

    @Test
    void anAccountLimitedToOneCommune_seesItByDefaultAndNothingElse()
    {
        String[] dakkoi = callers().get("xa-dakkoi");
        HttpResponse<String> own = server.get("/api/v1/projections?year=2025", dakkoi);
        assertEquals(200, own.statusCode(), own.body());
        assertEquals(KOI, json(own).get("projection").get("unit").asText());
        for (String unit : List.of("AREA", RVE, "23497")) {
            for (String route : List.of("/api/v1/projections", "/api/v1/projections/indicators", "/api/v1/projections/export?format=csv&")) {
                String path = route + (route.endsWith("&") ? "" : "?") + "unit=" + unit;
                HttpResponse<String> response = server.get(path, dakkoi);
                assertEquals(403, response.statusCode(), path);
                assertEquals("your account is limited to the communes " + KOI + "; unit " + unit + " is outside it", TestServer.title(response));
            }
        }
    }

    @Test
    void badParameters_answer400NamingThem()
    {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("unit=99999", "invalid parameter 'unit': '99999' is not a commune of the 1 July 2025 units of the area, nor AREA; allowed: AREA, 23479,"
                + " 23485, 23497");
        expected.put("scenario=SUM", "invalid parameter 'scenario': 'SUM' is not allowed; allowed: MEDIUM, LOW, HIGH, ZERO_MIGRATION, all");
        expected.put("year=2041", "invalid parameter 'year': 2041 is outside the projection; it holds 2025 (the jump-off) to 2026");
        expected.put("year=20x6", "invalid parameter 'year': '20x6' is not a year (yyyy); the projection holds 2025 (the jump-off) to 2026");
        expected.put("ages=decades", "invalid parameter 'ages': 'decades' is not allowed; allowed: groups, bands, single");
        for (Map.Entry<String, String> bad : expected.entrySet()) {
            HttpResponse<String> response = server.get("/api/v1/projections?" + bad.getKey(), as(Role.ADMIN));
            assertEquals(400, response.statusCode(), bad.getKey());
            assertEquals(bad.getValue(), TestServer.title(response));
        }
    }

    @Test
    void indicators_giveEveryScenarioAndTheirRange_ratiosFromUnroundedFigures()
    {
        HttpResponse<String> exact = server.get("/api/v1/projections/indicators?unit=" + KOI + "&year=2026", as(Role.PLANNER));
        assertEquals(200, exact.statusCode(), exact.body());
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        json(exact).get("indicators").forEach(indicator -> byId.put(indicator.get("id").asText(), indicator.get("values").get(0)));
        assertEquals(List.of("population", "births", "under1", "age0to2", "age3to5", "age6to10", "age11to14", "age15to17", "women15to49",
                "workingAge", "age60plus", "age80plus", "youngDependency", "oldDependency", "totalDependency"), List.copyOf(byId.keySet()));
        // Births 20.5, 15.4, 25.6, 19.4: whole persons 21, 15, 26, 19; a planner sees them rounded to tens.
        JsonNode births = byId.get("births");
        assertEquals(List.of(20.0, 20.0, 30.0, 20.0, 20.0, 30.0), List.of(births.get("MEDIUM").asDouble(), births.get("LOW").asDouble(),
                births.get("HIGH").asDouble(), births.get("ZERO_MIGRATION").asDouble(), births.get("low").asDouble(), births.get("high").asDouble()));
        // Young-age dependency, MEDIUM: (20 + 121.049 + 117.251) / 200 × 100 = 129.15 → 129.2 (not 260 / 200).
        assertEquals(129.2, byId.get("youngDependency").get("MEDIUM").asDouble());
        assertEquals(0.0, byId.get("oldDependency").get("MEDIUM").asDouble());
        HttpResponse<String> statistician = server.get("/api/v1/projections/indicators?unit=" + KOI + "&year=2026&lang=en", as(Role.STATISTICIAN));
        JsonNode first = json(statistician).get("indicators").get(1);
        assertEquals("Births in the year", first.get("label").asText());
        assertEquals(List.of(21.0, 15.0, 26.0, 19.0, 15.0, 26.0), List.of(first.get("values").get(0).get("MEDIUM").asDouble(),
                first.get("values").get(0).get("LOW").asDouble(), first.get("values").get(0).get("HIGH").asDouble(),
                first.get("values").get(0).get("ZERO_MIGRATION").asDouble(), first.get("values").get(0).get("low").asDouble(),
                first.get("values").get(0).get("high").asDouble()));
        assertEquals("Projection (model output, not a count of people): four scenarios, jump-off 31/12/2025",
                json(statistician).get("projection").get("label").asText());
    }

    @Test
    void export_isAFileLabelledAsAProjection_withTheSameControlAsTheJson() throws Exception
    {
        HttpResponse<byte[]> csv = server.getBytes("/api/v1/projections/export?format=csv&unit=" + KOI + "&sex=split&year=2025");
        assertEquals(200, csv.statusCode());
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertEquals("attachment; filename=\"population_projection_2025-12-31.csv\"", csv.headers().firstValue("Content-Disposition").orElseThrow());
        List<String> lines = List.of(text.substring(1).split("\r\n"));
        assertEquals("year,Năm (ngày 31/12),unit,Đơn vị hành chính,scenario,Phương án,ageGroup,Nhóm tuổi,sex,Giới tính,projectedPopulation,"
                + "projectedPopulation_status", lines.get(0));
        // The anonymous caller: 3.2 boys aged 6–10 withheld, the 40 girls with them, the total rounded to tens.
        assertEquals(List.of("2025,2025 (sổ đăng ký: năm gốc 31/12/2025)," + KOI + ",Xã Đăk Kôi,MEDIUM,Phương án trung bình,6-10,6–10 tuổi (tiểu học),M,Nam,,suppressed",
                "2025,2025 (sổ đăng ký: năm gốc 31/12/2025)," + KOI + ",Xã Đăk Kôi,MEDIUM,Phương án trung bình,6-10,6–10 tuổi (tiểu học),F,Nữ,,suppressed",
                "2025,2025 (sổ đăng ký: năm gốc 31/12/2025)," + KOI + ",Xã Đăk Kôi,MEDIUM,Phương án trung bình,6-10,6–10 tuổi (tiểu học),total,Chung,40,ok"),
                lines.subList(10, 13));
        HttpResponse<byte[]> xlsx = server.getBytes("/api/v1/projections/export?format=xlsx&unit=" + KOI + "&year=2026", "Authorization",
                "Bearer " + server.token(Role.STATISTICIAN));
        assertEquals(200, xlsx.statusCode());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            StringBuilder all = new StringBuilder();
            sheet.forEach(row -> row.forEach(cell -> all.append(cell.toString()).append('|')));
            assertTrue(all.toString().startsWith("Dự báo dân số (kết quả mô hình, không phải số đếm)|Thời điểm: năm gốc 31/12/2025, 2025–2026|"), all.toString());
            assertTrue(all.toString().contains("|2026 (dự báo từ năm gốc 31/12/2025)|Xã Đăk Kôi|Phương án trung bình|Tổng số|Chung|458.0|"), all.toString());
            assertTrue(all.toString().contains("|Dự báo (kết quả mô hình, không phải số người đếm được): phương án trung bình, năm gốc 31/12/2025|"), all.toString());
        }
    }
}
