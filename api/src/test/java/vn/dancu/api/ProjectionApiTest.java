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
    /** Old communes (before 01/07/2025): Đắk Kôi and Đắk Tơ Lung (whose code the new Đăk Kôi reuses), Đắk Pne. */
    private static final String DAK_KOI_OLD = "23482";
    private static final String TO_LUNG = "23485";
    private static final String PNE = "23491";

    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture projection = new CubeFixture("population_projection");
        for (String scenario : List.of("MEDIUM", "LOW", "HIGH", "ZERO_MIGRATION")) {
            // Jump-off: the register's own population, the same in every scenario.
            projection.row("2025-12-31", KOI, "2025", scenario, "M", 4, 123_400L, 0L, 0L, 0L)
                    .row("2025-12-31", KOI, "2025", scenario, "F", 4, 118_600L, 0L, 0L, 0L)
                    .row("2025-12-31", KOI, "2025", scenario, "M", 7, 3_200L, 0L, 0L, 0L)
                    .row("2025-12-31", KOI, "2025", scenario, "F", 7, 40_000L, 0L, 0L, 0L)
                    .row("2025-12-31", KOI, "2025", scenario, "F", 30, 200_000L, 0L, 0L, 0L)
                    .row("2025-12-31", RVE, "2025", scenario, "M", 4, 55_500L, 0L, 0L, 0L)
                    .row("2025-12-31", RVE, "2025", scenario, "F", 4, 60_000L, 0L, 0L, 0L)
                    .row("2026-12-31", KOI, "2025", scenario, "M", 5, 121_049L, 0L, 2_351L, 0L)
                    .row("2026-12-31", KOI, "2025", scenario, "F", 5, 117_251L, 0L, 1_349L, 0L)
                    .row("2026-12-31", KOI, "2025", scenario, "F", 31, 200_000L, 0L, 0L, 0L);
        }
        // Births of 2026 differ by scenario (fertility), and so the age-0 population.
        projection.row("2026-12-31", KOI, "2025", "MEDIUM", "M", 0, 20_000L, 20_500L, 500L, 0L)
                .row("2026-12-31", KOI, "2025", "LOW", "M", 0, 15_000L, 15_400L, 400L, 0L)
                .row("2026-12-31", KOI, "2025", "HIGH", "M", 0, 25_000L, 25_600L, 600L, 0L)
                .row("2026-12-31", KOI, "2025", "ZERO_MIGRATION", "M", 0, 19_000L, 19_400L, 400L, 0L);
        // The old communes (geography PRE2025), shared from their 2025 commune as the engine does: Đăk Kôi (23485) was Đắk Kôi
        // (23482) and Đắk Tơ Lung (23485, the same code); Đăk Rve (23479) was Đắk Rve (23479) and Đắk Pne (23491). Each cell of
        // the old communes adds up to its 2025 commune's.
        for (String scenario : List.of("MEDIUM", "LOW", "HIGH", "ZERO_MIGRATION")) {
            projection.row("2025-12-31", DAK_KOI_OLD, "PRE2025", scenario, "M", 4, 80_000L, 0L, 0L, 0L)
                    .row("2025-12-31", TO_LUNG, "PRE2025", scenario, "M", 4, 43_400L, 0L, 0L, 0L)
                    .row("2025-12-31", DAK_KOI_OLD, "PRE2025", scenario, "F", 4, 100_000L, 0L, 0L, 0L)
                    .row("2025-12-31", TO_LUNG, "PRE2025", scenario, "F", 4, 18_600L, 0L, 0L, 0L)
                    .row("2025-12-31", DAK_KOI_OLD, "PRE2025", scenario, "M", 7, 3_200L, 0L, 0L, 0L)
                    .row("2025-12-31", DAK_KOI_OLD, "PRE2025", scenario, "F", 7, 38_000L, 0L, 0L, 0L)
                    .row("2025-12-31", TO_LUNG, "PRE2025", scenario, "F", 7, 2_000L, 0L, 0L, 0L)
                    .row("2025-12-31", DAK_KOI_OLD, "PRE2025", scenario, "F", 30, 150_000L, 0L, 0L, 0L)
                    .row("2025-12-31", TO_LUNG, "PRE2025", scenario, "F", 30, 50_000L, 0L, 0L, 0L)
                    .row("2025-12-31", RVE, "PRE2025", scenario, "M", 4, 40_000L, 0L, 0L, 0L)
                    .row("2025-12-31", PNE, "PRE2025", scenario, "M", 4, 15_500L, 0L, 0L, 0L)
                    .row("2025-12-31", RVE, "PRE2025", scenario, "F", 4, 60_000L, 0L, 0L, 0L)
                    .row("2026-12-31", DAK_KOI_OLD, "PRE2025", scenario, "M", 5, 78_500L, 0L, 1_500L, 0L)
                    .row("2026-12-31", TO_LUNG, "PRE2025", scenario, "M", 5, 42_549L, 0L, 851L, 0L)
                    .row("2026-12-31", DAK_KOI_OLD, "PRE2025", scenario, "F", 5, 99_000L, 0L, 1_000L, 0L)
                    .row("2026-12-31", TO_LUNG, "PRE2025", scenario, "F", 5, 18_251L, 0L, 349L, 0L)
                    .row("2026-12-31", DAK_KOI_OLD, "PRE2025", scenario, "F", 31, 150_000L, 0L, 0L, 0L)
                    .row("2026-12-31", TO_LUNG, "PRE2025", scenario, "F", 31, 50_000L, 0L, 0L, 0L);
        }
        long[][] born = {{20_000L, 20_500L, 500L}, {15_000L, 15_400L, 400L}, {25_000L, 25_600L, 600L}, {19_000L, 19_400L, 400L}};
        List<String> scenarios = List.of("MEDIUM", "LOW", "HIGH", "ZERO_MIGRATION");
        for (int s = 0; s < 4; s++) {
            // A quarter to Đắk Kôi, the rest to Đắk Tơ Lung.
            long[] b = born[s];
            projection.row("2026-12-31", DAK_KOI_OLD, "PRE2025", scenarios.get(s), "M", 0, b[0] / 4, b[1] / 4, b[2] / 4, 0L)
                    .row("2026-12-31", TO_LUNG, "PRE2025", scenarios.get(s), "M", 0, b[0] - b[0] / 4, b[1] - b[1] / 4, b[2] - b[2] / 4, 0L);
        }
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
    @Test
    void theOldCommunes_areServedWithGeoAsof_andAddUpToTheir2025Commune()
    {
        // Đắk Kôi 2025: 80 + 100 + 3.2 + 38 + 150 = 371.2; Đắk Tơ Lung: 43.4 + 18.6 + 2 + 50 = 114; together Đăk Kôi's 485.2.
        HttpResponse<String> koi = server.get("/api/v1/projections?geo=asof&unit=" + DAK_KOI_OLD, as(Role.STATISTICIAN));
        assertEquals(200, koi.statusCode(), koi.body());
        assertEquals(List.of("2025/MEDIUM/total/total=371", "2025/MEDIUM/0-2/total=0", "2025/MEDIUM/3-5/total=180", "2025/MEDIUM/6-10/total=41"),
                cells(json(koi)).subList(0, 4));
        HttpResponse<String> toLung = server.get("/api/v1/projections?geo=asof&unit=" + TO_LUNG, as(Role.STATISTICIAN));
        List<String> toLungCells = cells(json(toLung));
        assertEquals(List.of("2025/MEDIUM/total/total=114", "2025/MEDIUM/0-2/total=0", "2025/MEDIUM/3-5/total=62", "2025/MEDIUM/6-10/total=2"),
                toLungCells.subList(0, 4));
        // 2026: 121.049 + 117.251 + 200 + 20 = 458.3 for Đăk Kôi; Đắk Tơ Lung 42.549 + 18.251 + 50 + 15 = 125.8.
        assertEquals("2026/MEDIUM/total/total=126", toLungCells.get(9));
        JsonNode header = json(toLung).get("projection");
        assertEquals("asof", header.get("geography").asText());
        assertEquals(TO_LUNG, header.get("unit").asText());
        assertEquals("Xã Đắk Tơ Lung (đơn vị trước 01/07/2025)", header.get("unitName").asText());
        assertEquals("Dự báo theo phương pháp thành phần đoàn hệ từ sổ đăng ký (phương pháp: xem trang dự báo trong tài liệu). Năm 2025 là dân số"
                + " của xã mới theo sổ đăng ký ngày 31/12/2025, phân bổ cho các xã cũ như dưới đây; các năm sau là dự báo. Tuổi tính theo tuổi tròn"
                + " ngày 31/12.", header.get("notes").get(0).asText());
        assertEquals("Xã trước 01/07/2025: sau sắp xếp sổ đăng ký không còn ghi nhận ai theo xã cũ, nên xã cũ không được dự báo riêng; mỗi xã cũ nhận"
                + " phần dự báo của xã mới theo tỷ trọng của mình trong từng đoàn hệ (giới tính, năm sinh) ngày 30/06/2025 (số sinh: tỷ trọng"
                + " phụ nữ 15–49). Tổng các xã cũ bằng đúng xã mới.", header.get("notes").get(2).asText());
        // The same code on the 2025 units is Đăk Kôi.
        assertEquals("2025/MEDIUM/total/total=485", cells(json(server.get("/api/v1/projections?unit=" + TO_LUNG, as(Role.STATISTICIAN)))).get(0));
        // The area is the same on both geographies: 485.2 + 115.5 = 600.7 in 2025.
        for (String geo : List.of("2025", "asof")) {
            HttpResponse<String> area = server.get("/api/v1/projections?year=2025&geo=" + geo, as(Role.ADMIN));
            assertEquals("2025/MEDIUM/total/total=601", cells(json(area)).get(0), geo);
            assertEquals("Toàn địa bàn" + (geo.equals("asof") ? " (đơn vị trước 01/07/2025)" : ""), json(area).get("projection").get("unitName").asText());
        }
    }

    @Test
    void theOldCommunes_haveTheSameDisclosureControlAndIndicators()
    {
        HttpResponse<String> planner = server.get("/api/v1/projections?geo=asof&unit=" + TO_LUNG + "&sex=split&year=2025", as(Role.PLANNER));
        assertEquals(200, planner.statusCode(), planner.body());
        // 3–5: 43.4 → 40, 18.6 → 20, 62 → 60; 6–10: 2 girls withheld with the (empty) boys, the total of 2 withheld too.
        assertEquals(List.of("2025/MEDIUM/3-5/M=40", "2025/MEDIUM/3-5/F=20", "2025/MEDIUM/3-5/total=60",
                "2025/MEDIUM/6-10/M=x", "2025/MEDIUM/6-10/F=x", "2025/MEDIUM/6-10/total=x"), cells(json(planner)).subList(6, 12));
        HttpResponse<String> single = server.get("/api/v1/projections?geo=asof&unit=" + TO_LUNG + "&ages=single", as(Role.PLANNER));
        assertEquals(403, single.statusCode());
        HttpResponse<String> indicators = server.get("/api/v1/projections/indicators?geo=asof&unit=" + TO_LUNG + "&year=2026", as(Role.STATISTICIAN));
        assertEquals(200, indicators.statusCode(), indicators.body());
        JsonNode births = json(indicators).get("indicators").get(1).get("values").get(0);
        // Three quarters of Đăk Kôi's births: 20.5 − 5.125 = 15.375 → 15; LOW 15.4 − 3.85 = 11.55 → 12; HIGH 19.2; ZERO 14.55 → 15.
        assertEquals(List.of(15.0, 12.0, 19.0, 15.0), List.of(births.get("MEDIUM").asDouble(), births.get("LOW").asDouble(),
                births.get("HIGH").asDouble(), births.get("ZERO_MIGRATION").asDouble()));
    }

    @Test
    void anAccountLimitedToOneCommune_seesTheOldCommunesThatMergedIntoItAndNoOther()
    {
        String[] dakkoi = callers().get("xa-dakkoi");
        HttpResponse<String> first = server.get("/api/v1/projections?geo=asof&year=2025", dakkoi);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(DAK_KOI_OLD, json(first).get("projection").get("unit").asText());
        assertEquals(200, server.get("/api/v1/projections?geo=asof&unit=" + TO_LUNG, dakkoi).statusCode());
        // An account whose communes are all outside the area gets nothing, not the area.
        String[] elsewhere = {"Authorization", "Bearer " + server.scopedToken(Role.LEADER, Set.of("23293"))};
        for (String geo : List.of("2025", "asof")) {
            HttpResponse<String> none = server.get("/api/v1/projections?geo=" + geo, elsewhere);
            assertEquals(403, none.statusCode(), none.body());
            assertEquals("your account is limited to the communes 23293, none of which is a commune of the area", TestServer.title(none));
        }
        for (String unit : List.of("AREA", RVE, PNE, "23497")) {
            HttpResponse<String> response = server.get("/api/v1/projections/indicators?geo=asof&unit=" + unit, dakkoi);
            assertEquals(403, response.statusCode(), unit);
            assertEquals("your account is limited to the communes " + KOI + " (and the old communes that merged into them); unit " + unit
                    + " is outside it", TestServer.title(response));
        }
    }

    @Test
    void aBadGeographyOrAnOldCommuneOnTheWrongGeography_answers400()
    {
        HttpResponse<String> geo = server.get("/api/v1/projections?geo=1999", as(Role.ADMIN));
        assertEquals(400, geo.statusCode());
        assertEquals("invalid parameter 'geo': '1999' is not allowed; allowed: 2025, asof", TestServer.title(geo));
        HttpResponse<String> old = server.get("/api/v1/projections?unit=" + DAK_KOI_OLD, as(Role.ADMIN));
        assertEquals(400, old.statusCode());
        assertEquals("invalid parameter 'unit': '23482' is not a commune of the 1 July 2025 units of the area, nor AREA; allowed: AREA, 23479, 23485, 23497",
                TestServer.title(old));
        HttpResponse<String> unknown = server.get("/api/v1/projections?geo=asof&unit=99999", as(Role.ADMIN));
        assertEquals("invalid parameter 'unit': '99999' is not a commune of the units before 1 July 2025 (geo=asof) of the area, nor AREA; allowed:"
                + " AREA, 23479, 23482, 23485, 23488, 23491, 23494, 23497", TestServer.title(unknown));
    }

    @Test
    void export_ofAnOldCommune_namesItsGeography() throws Exception
    {
        HttpResponse<byte[]> csv = server.getBytes("/api/v1/projections/export?format=csv&geo=asof&unit=" + TO_LUNG + "&year=2025");
        assertEquals(200, csv.statusCode());
        List<String> lines = List.of(new String(csv.body(), StandardCharsets.UTF_8).substring(1).split("\r\n"));
        assertEquals("2025,\"2025 (năm gốc 31/12/2025, sổ đăng ký phân bổ theo đoàn hệ)\"," + TO_LUNG + ",Xã Đắk Tơ Lung (đơn vị trước 01/07/2025),"
                + "MEDIUM,Phương án trung bình,3-5,3–5 tuổi (mẫu giáo),total,Chung,60,ok", lines.get(3));
        HttpResponse<byte[]> xlsx = server.getBytes("/api/v1/projections/export?format=xlsx&geo=asof&unit=" + TO_LUNG + "&year=2026");
        assertEquals(200, xlsx.statusCode());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            StringBuilder all = new StringBuilder();
            workbook.getSheetAt(0).forEach(row -> row.forEach(cell -> all.append(cell.toString()).append('|')));
            // 2026 total: 125.8 → 130 for an anonymous caller.
            assertTrue(all.toString().contains("|2026 (dự báo từ năm gốc 31/12/2025)|Xã Đắk Tơ Lung (đơn vị trước 01/07/2025)|Phương án trung bình|Tổng số|Chung|130.0|"),
                    all.toString());
            assertTrue(all.toString().contains("Tổng các xã cũ bằng đúng xã mới."), all.toString());
        }
    }
}
