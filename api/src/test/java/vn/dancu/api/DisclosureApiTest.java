package vn.dancu.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.Role;
import vn.dancu.api.bench.DisclosureAttackBenchmark;
import vn.dancu.api.disclosure.EnumeratingAttacker;
import vn.dancu.datasets.geo.Area;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dancu.api.TestServer.json;
import static vn.dancu.api.TestServer.rows;
import static vn.dancu.api.TestServer.title;

/** Disclosure control as each role sees it, on every output path (JSON, CSV, XLSX, JSON-stat, SDMX-CSV). */
class DisclosureApiTest
{
    private static final String RAVE = "23479";
    private static final String KOI = "23485";
    private static final String BRAIH = "23497";

    @TempDir
    static Path data;
    private static TestServer server;
    /** Exact counts of the generated table by (commune, sex, broad age group), for the end-to-end attack. */
    private static final Map<String, Long> GENERATED = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture stock = new CubeFixture("population_stock")
                // 31/10/2026 by commune and sex: Đăk Rve holds only 3 women.
                .row("2026-10-31", RAVE, "M", 30, "14", "PERMANENT", 40)
                .row("2026-10-31", RAVE, "F", 30, "14", "PERMANENT", 3)
                .row("2026-10-31", KOI, "M", 30, "14", "PERMANENT", 30)
                .row("2026-10-31", KOI, "F", 30, "01", "PERMANENT", 25)
                .row("2026-10-31", BRAIH, "M", 30, "14", "PERMANENT", 20)
                .row("2026-10-31", BRAIH, "F", 30, "14", "PERMANENT", 22);
        // 30/09/2026: a generated table by commune, sex and age with many small cells.
        Random random = new Random(42);
        for (String commune : List.of(RAVE, KOI, BRAIH)) {
            for (String sex : List.of("M", "F")) {
                for (int age : List.of(3, 20, 50, 62, 70, 85)) {
                    int draw = random.nextInt(10);
                    long count = draw < 2 ? 0 : draw < 6 ? 1 + random.nextInt(4) : 5 + random.nextInt(30);
                    if (count > 0) {
                        stock.row("2026-09-30", commune, sex, age, "14", "PERMANENT", count);
                    }
                    GENERATED.merge(commune + "|" + sex + "|" + broad(age), count, Long::sum);
                }
            }
        }
        stock.publish(data, "v1", "konray");
        server = TestServer.start(data, Area.konray(), "population_stock");
    }

    private static String broad(int age)
    {
        return age < 15 ? "0-14" : age < 60 ? "15-59" : age < 65 ? "60-64" : "65+";
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static final String BY_UNIT_AND_SEX = "/api/v1/cubes/population_stock/query?dims=unit,sex&date=2026-10-31";

    @Test
    void GET_query_anonymousViewerGetsSmallCountsAndTheirComplementsWithheld()
    {
        HttpResponse<String> response = server.get(BY_UNIT_AND_SEX);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        // 3 women in Đăk Rve are withheld, and with them the cheapest rectangle that keeps the totals from revealing them.
        assertEquals(List.of(
                RAVE + " | M | null | suppressed", RAVE + " | F | null | suppressed",
                KOI + " | M | 30 | ok", KOI + " | F | 25 | ok",
                BRAIH + " | M | null | suppressed", BRAIH + " | F | null | suppressed"),
                statusRows(body));
        assertEquals(5, body.get("disclosure").get("threshold").asInt());
        assertEquals(4, body.get("disclosure").get("suppressedRows").asInt());
    }

    @Test
    void GET_query_totalsStayPublishedSoThatTheWithheldCellsCannotBeSolved()
    {
        assertEquals(List.of(RAVE + " | 43", KOI + " | 55", BRAIH + " | 42"),
                rows(json(server.get("/api/v1/cubes/population_stock/query?dims=unit&date=2026-10-31")), "unit", "population"));
        assertEquals(List.of("M | 90", "F | 50"), rows(json(server.get("/api/v1/cubes/population_stock/query?dims=sex&date=2026-10-31")), "sex", "population"));
    }

    @Test
    void GET_query_statisticianSeesExactCounts()
    {
        JsonNode body = json(server.get(BY_UNIT_AND_SEX, Role.STATISTICIAN));
        assertEquals(List.of(RAVE + " | M | 40 | ok", RAVE + " | F | 3 | ok", KOI + " | M | 30 | ok", KOI + " | F | 25 | ok",
                BRAIH + " | M | 20 | ok", BRAIH + " | F | 22 | ok"), statusRows(body));
        assertTrue(body.get("disclosure").get("threshold").isNull());
    }

    @Test
    void anIntruderWhoDownloadsEveryTableAndFilterRecoversNoWithheldCount()
    {
        // Every question of both dates as anonymous, leader and the Đăk Kôi account (and every download of the latest
        // date), solved together: nothing withheld can be computed. (Filters are enumerated by EnumeratingAttackerTest.)
        EnumeratingAttacker.Figures figures = DisclosureAttackBenchmark.attack(server, Area.konray(), true, false, 2, line -> {});
        assertEquals(List.of(), figures.inconsistencies());
        assertEquals(List.of(), figures.exportMismatches());
        assertTrue(figures.suppressedSmall() >= 4, "the generated table has small counts: " + figures.summary());
        assertEquals(0, figures.recovered(), figures.summary() + "; " + figures.recoveredExamples());
        // The small counts of the generated date are withheld.
        JsonNode body = json(server.get("/api/v1/cubes/population_stock/query?date=2026-09-30&dims=unit,sex,ageBroad"));
        for (JsonNode row : body.get("rows")) {
            long exact = GENERATED.getOrDefault(row.get("unit").asText() + "|" + row.get("sex").asText() + "|" + row.get("ageBroad").asText(), 0L);
            if (exact >= 1 && exact < 5) {
                assertTrue(row.get("population").isNull(), "small count " + exact + " published in " + row);
            }
            else if (!row.get("population").isNull()) {
                assertEquals(exact, row.get("population").asLong(), "published value of " + row);
            }
        }
    }

    @Test
    void GET_query_ethnicityForAnonymousViewer_returns403NamingTheRolesThatSeeIt()
    {
        HttpResponse<String> response = server.get("/api/v1/cubes/population_stock/query?dims=ethnicity");
        assertEquals(403, response.statusCode());
        assertEquals("ethnicity is sensitive personal data (Law 91/2025/QH15): it is shown to the planner, leader, statistician and admin"
                + " roles; your role is viewer; log in with an account that has it", title(response));
        assertEquals(200, server.get("/api/v1/cubes/population_stock/query?dims=ethnicity&date=2026-10-31", Role.PLANNER).statusCode());
    }

    @Test
    void GET_query_scopedLeaderSeesOnlyTheirCommune()
    {
        String token = server.scopedToken(Role.LEADER, Set.of(KOI));
        assertEquals(List.of(KOI + " | M | 30", KOI + " | F | 25"),
                rows(json(server.get(BY_UNIT_AND_SEX, "Authorization", "Bearer " + token)), "unit", "sex", "population"));
        assertEquals(List.of("M | 30", "F | 25"),
                rows(json(server.get("/api/v1/cubes/population_stock/query?dims=sex&date=2026-10-31", "Authorization", "Bearer " + token)),
                        "sex", "population"));
        HttpResponse<String> outside = server.get("/api/v1/cubes/population_stock/query?dims=sex&filter=unit:" + RAVE, "Authorization", "Bearer " + token);
        assertEquals(403, outside.statusCode());
        assertEquals("your account is limited to the communes 23485; unit 23479 is outside it", title(outside));
    }

    @Test
    void GET_export_csvCarriesTheSameWithholdingWithAByteOrderMark()
    {
        HttpResponse<byte[]> response = server.getBytes("/api/v1/cubes/population_stock/export?format=csv&dims=unit,sex&date=2026-10-31&lang=en");
        assertEquals(200, response.statusCode());
        byte[] body = response.body();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(body[0], body[1], body[2]));
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertEquals(List.of(
                "unit,Administrative unit,sex,Sex,population,population_status",
                "23479,Đăk Rve commune,M,Male,,suppressed",
                "23479,Đăk Rve commune,F,Female,,suppressed",
                "23485,Đăk Kôi commune,M,Male,30,ok",
                "23485,Đăk Kôi commune,F,Female,25,ok",
                "23497,Kon Braih commune,M,Male,,suppressed",
                "23497,Kon Braih commune,F,Female,,suppressed"), List.of(text.split("\r\n")));
        assertEquals("attachment; filename=\"population_stock_2026-10-31.csv\"", response.headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void GET_export_xlsxHasTitleSourceWithheldMarksAndTheirNote() throws Exception
    {
        HttpResponse<byte[]> response = server.getBytes("/api/v1/cubes/population_stock/export?format=xlsx&dims=unit,sex&date=2026-10-31");
        assertEquals(200, response.statusCode());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals("Dân số cuối tháng", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals("Thời điểm: 31/10/2026", sheet.getRow(1).getCell(0).getStringCellValue());
            assertTrue(sheet.getRow(2).getCell(0).getStringCellValue().startsWith("Nguồn: dancu, khối population_stock, phiên bản v1"));
            assertEquals(List.of("Đơn vị hành chính", "Giới tính", "Dân số (người)"), texts(sheet.getRow(4), 3));
            assertEquals(List.of("Xã Đăk Rve", "Nam", "x"), texts(sheet.getRow(5), 3));
            assertEquals(30.0, sheet.getRow(7).getCell(2).getNumericCellValue());
            assertEquals("x: ẩn để bảo vệ thông tin cá nhân", sheet.getRow(13).getCell(0).getStringCellValue());
        }
    }

    @Test
    void GET_export_jsonStatMarksWithheldValuesWithStatus()
    {
        JsonNode body = json(server.get("/api/v1/cubes/population_stock/export?format=json-stat&dims=unit,sex&date=2026-10-31"));
        assertEquals("2.0", body.get("version").asText());
        assertEquals("dataset", body.get("class").asText());
        assertEquals(List.of("unit", "sex", "measure"), strings(body.get("id")));
        assertEquals(List.of("3", "2", "1"), strings(body.get("size")));
        assertEquals(List.of("null", "null", "30", "25", "null", "null"), strings(body.get("value")));
        assertEquals(Map.of("0", "c", "1", "c", "4", "c", "5", "c"), TestServer.JSON.convertValue(body.get("status"), Map.class));
    }

    @Test
    void GET_export_sdmxCsvFlagsWithheldObservationsConfidential()
    {
        HttpResponse<String> response = server.get("/api/v1/cubes/population_stock/export?format=sdmx-csv&dims=unit,sex&date=2026-10-31");
        assertEquals(List.of(
                "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,CONF_STATUS",
                "dataflow,DANCU:POPULATION_STOCK(1.0),I,23479,M,2026-10-31,,người,C",
                "dataflow,DANCU:POPULATION_STOCK(1.0),I,23479,F,2026-10-31,,người,C",
                "dataflow,DANCU:POPULATION_STOCK(1.0),I,23485,M,2026-10-31,30,người,F",
                "dataflow,DANCU:POPULATION_STOCK(1.0),I,23485,F,2026-10-31,25,người,F",
                "dataflow,DANCU:POPULATION_STOCK(1.0),I,23497,M,2026-10-31,,người,C",
                "dataflow,DANCU:POPULATION_STOCK(1.0),I,23497,F,2026-10-31,,người,C"), List.of(response.body().split("\r\n")));
    }

    @Test
    void GET_export_unknownFormat_returns400WithTheFormats()
    {
        HttpResponse<String> response = server.get("/api/v1/cubes/population_stock/export?format=pdf");
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'format': 'pdf' is not allowed; allowed: csv, xlsx, json-stat, sdmx-csv", title(response));
    }

    @Test
    void PUT_settings_aLowerThresholdPublishesTheSmallCountAtOnce()
    {
        String admin = "Bearer " + server.token(Role.ADMIN);
        try {
            HttpResponse<String> put = server.send("PUT", "/api/v1/admin/settings", "{\"suppressionThreshold\": 3}", "Authorization", admin);
            assertEquals(200, put.statusCode(), put.body());
            assertEquals(List.of(RAVE + " | M | 40 | ok", RAVE + " | F | 3 | ok", KOI + " | M | 30 | ok", KOI + " | F | 25 | ok",
                    BRAIH + " | M | 20 | ok", BRAIH + " | F | 22 | ok"), statusRows(json(server.get(BY_UNIT_AND_SEX))));
        }
        finally {
            server.send("PUT", "/api/v1/admin/settings", "{\"suppressionThreshold\": 5}", "Authorization", admin);
        }
        assertEquals("null", statusRows(json(server.get(BY_UNIT_AND_SEX))).get(1).split(" \\| ")[2]);
    }

    private static List<String> statusRows(JsonNode body)
    {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : body.get("rows")) {
            rows.add(row.get("unit").asText() + " | " + row.get("sex").asText() + " | "
                    + (row.get("population").isNull() ? "null" : row.get("population").asText()) + " | " + row.get("status").get("population").asText());
        }
        return rows;
    }

    private static List<String> texts(Row row, int cells)
    {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            texts.add(row.getCell(i).getStringCellValue());
        }
        return texts;
    }

    private static List<String> strings(JsonNode array)
    {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.isNull() ? "null" : value.asText()));
        return values;
    }
}
