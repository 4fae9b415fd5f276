package vn.dancu.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.TestServer;
import vn.dancu.api.access.Role;
import vn.dancu.api.audit.AuditEntry;
import vn.dancu.datasets.geo.Area;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dancu.api.TestServer.json;
import static vn.dancu.api.TestServer.title;
import static vn.dancu.api.table.TableFixture.BRAIH;
import static vn.dancu.api.table.TableFixture.COMMUNES;
import static vn.dancu.api.table.TableFixture.KOI;
import static vn.dancu.api.table.TableFixture.RAVE;
import static vn.dancu.api.table.TableFixture.SEXES;
import static vn.dancu.api.table.TableFixture.YEAR_END;

/** The table builder through real HTTP: exact numbers, disclosure of bands and totals, the cell limit, every format, every role. */
class TableApiTest
{
    private static final int[][] SCHOOL = {{3, 5}, {6, 10}, {11, 14}, {15, 17}};
    private static final List<String> BANDS = List.of("3-5", "6-10", "11-14", "15-17");
    /** Communes × school-age bands × sex at the latest year end. */
    static final String SCHOOL_TABLE = "/api/v1/tables?cube=population_stock&rows=unit,ageCustom&cols=sex&ageBands=3-5,6-10,11-14,15-17&period=2025";

    @TempDir
    static Path data;
    private static TestServer server;
    private static final TableFixture FIXTURE = new TableFixture();

    @BeforeAll
    static void start() throws Exception
    {
        FIXTURE.publish(data);
        server = TestServer.start(data, Area.konray(), "population_stock");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void statisticianGetsCommunesBySchoolAgeBandsAndSexAsTheSumsOfTheQueryApisSingleAges()
    {
        JsonNode table = ok(server.get(SCHOOL_TABLE, Role.STATISTICIAN));
        JsonNode single = ok(server.get("/api/v1/cubes/population_stock/query?dims=unit,age,sex&date=" + YEAR_END, Role.STATISTICIAN));
        Map<String, Long> byCell = new LinkedHashMap<>();
        for (JsonNode row : single.get("rows")) {
            byCell.put(row.get("unit").asText() + "|" + row.get("age").asText() + "|" + row.get("sex").asText(), row.get("population").asLong());
        }
        assertEquals("2025-12-31", table.get("refDate").asText());
        assertEquals("năm 2025 (31/12/2025)", table.get("periods").get(0).get("label").asText());
        assertFalse(table.get("partial").asBoolean());
        assertEquals(List.of("M", "F"), codes(table.get("columns").get("headers"), 0));
        List<String> rowHeaders = new ArrayList<>();
        long grand = 0;
        for (int r = 0; r < 12; r++) {
            String commune = COMMUNES.get(r / 4);
            int[] band = SCHOOL[r % 4];
            rowHeaders.add(commune + "|" + BANDS.get(r % 4));
            long rowTotal = 0;
            for (int c = 0; c < 2; c++) {
                long expected = FIXTURE.count(YEAR_END, commune, SEXES.get(c), band[0], band[1]);
                long fromQuery = 0;
                for (int age = band[0]; age <= band[1]; age++) {
                    fromQuery += byCell.getOrDefault(commune + "|" + age + "|" + SEXES.get(c), 0L);
                }
                assertEquals(expected, fromQuery, "the query API's single ages");
                assertEquals(expected + " ok", cell(table.get("cells").get(r).get(c)), commune + " " + BANDS.get(r % 4) + " " + SEXES.get(c));
                rowTotal += expected;
            }
            assertEquals(rowTotal + " ok", cell(table.get("rowTotals").get(r)));
            grand += rowTotal;
        }
        assertEquals(rowHeaders, joined(table.get("rows").get("headers")));
        assertEquals(List.of("Xã Đăk Rve", "3–5 tuổi"), texts(table.get("rows").get("headers").get(0).get("labels")));
        for (int c = 0; c < 2; c++) {
            long column = 0;
            for (String commune : COMMUNES) {
                column += FIXTURE.count(YEAR_END, commune, SEXES.get(c), 3, 17);
            }
            assertEquals(column + " ok", cell(table.get("columnTotals").get(c)));
        }
        assertEquals(grand + " ok", cell(table.get("grandTotal")));
        assertTrue(table.get("disclosure").get("threshold").isNull());
        assertEquals(0, table.get("disclosure").get("withheldCells").asInt());
        assertEquals(24, table.get("cellCount").asInt());
        assertEquals(5000, table.get("cellLimit").asInt());
        assertEquals("cube=population_stock&rows=unit,ageCustom&cols=sex&ageBands=3-5,6-10,11-14,15-17&period=2025", table.get("query").asText());
        assertTrue(table.get("source").get("text").asText().startsWith("dancu, khối population_stock, phiên bản v1"));
    }

    @Test
    void plannerGetsABandWithheldWhenOneOfItsSingleAgesIsAndTheExactSumOtherwise()
    {
        JsonNode table = ok(server.get(SCHOOL_TABLE, Role.PLANNER));
        JsonNode single = ok(server.get("/api/v1/cubes/population_stock/query?dims=unit,age,sex&date=" + YEAR_END, Role.PLANNER));
        Map<String, JsonNode> byCell = new LinkedHashMap<>();
        for (JsonNode row : single.get("rows")) {
            byCell.put(row.get("unit").asText() + "|" + row.get("age").asText() + "|" + row.get("sex").asText(), row);
        }
        int withheld = 0;
        int published = 0;
        for (int r = 0; r < 12; r++) {
            String commune = COMMUNES.get(r / 4);
            int[] band = SCHOOL[r % 4];
            for (int c = 0; c < 2; c++) {
                boolean hidden = false;
                for (int age = band[0]; age <= band[1]; age++) {
                    JsonNode row = byCell.get(commune + "|" + age + "|" + SEXES.get(c));
                    hidden |= row != null && row.get("population").isNull();
                }
                String expected = hidden ? "null suppressed" : FIXTURE.count(YEAR_END, commune, SEXES.get(c), band[0], band[1]) + " ok";
                assertEquals(expected, cell(table.get("cells").get(r).get(c)), commune + " " + BANDS.get(r % 4) + " " + SEXES.get(c));
                withheld += hidden ? 1 : 0;
                published += hidden ? 0 : 1;
            }
            // The row's total is the query API's own answer for the commune and the band's ages (a protected margin).
            String ages = String.join(",", ages(band[0], band[1]));
            JsonNode margin = ok(server.get("/api/v1/cubes/population_stock/query?dims=unit&filter=age:" + ages + "&filter=unit:" + commune
                    + "&date=" + YEAR_END, Role.PLANNER)).get("rows").get(0);
            assertEquals(margin.get("population").isNull() ? "null suppressed" : margin.get("population").asLong() + " ok",
                    cell(table.get("rowTotals").get(r)));
        }
        assertTrue(withheld >= 4, "the fixture has small single ages: " + withheld);
        assertTrue(published >= 4, "most bands hold no small count: " + published);
        for (int c = 0; c < 2; c++) {
            JsonNode margin = ok(server.get("/api/v1/cubes/population_stock/query?dims=sex&filter=age:" + String.join(",", ages(3, 17)) + "&filter=sex:"
                    + SEXES.get(c) + "&date=" + YEAR_END, Role.PLANNER)).get("rows").get(0);
            assertEquals(margin.get("population").isNull() ? "null suppressed" : margin.get("population").asLong() + " ok",
                    cell(table.get("columnTotals").get(c)));
        }
        assertEquals(5, table.get("disclosure").get("threshold").asInt());
        assertTrue(table.get("notes").toString().contains("một nhóm tuổi tự chọn là tổng các tuổi đơn của nhóm và bị ẩn khi có một tuổi bị ẩn"));
    }

    @Test
    void aTableOfMoreThan5000CellsIsRefusedWithHowToNarrowIt()
    {
        HttpResponse<String> response = server.get("/api/v1/tables?cube=population_stock&rows=unit,age&cols=sex,ethnicity", Role.STATISTICIAN);
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'rows': the table would have 32,724 cells (303 rows × 108 columns; limit 5,000): choose fewer units,"
                + " ages or periods (filter=), or use age bands", title(response));
        assertEquals("bad-parameter", json(response).get("type").asText());
        HttpResponse<String> wide = server.get("/api/v1/tables?cube=population_stock&cols=age,ethnicity", Role.STATISTICIAN);
        assertEquals("invalid parameter 'cols': the table would have 5,454 cells (1 rows × 5,454 columns; limit 5,000): choose fewer units,"
                + " ages or periods (filter=), or use age bands", title(wide));
        // Narrowed with filters, the same variables are answered.
        assertEquals(200, server.get("/api/v1/tables?cube=population_stock&rows=unit,age&cols=sex,ethnicity&filter=age:0,1,2", Role.STATISTICIAN)
                .statusCode());
    }

    @Test
    void periodsAsAVariableGiveOneColumnEachAndNoTotalAcrossThem()
    {
        JsonNode table = ok(server.get("/api/v1/tables?cube=population_stock&rows=unit&cols=period&period=2024,2025,2026&lang=en", Role.STATISTICIAN));
        assertEquals(List.of("2024", "2025", "2026"), codes(table.get("columns").get("headers"), 0));
        assertEquals(List.of("year 2024 (31/12/2024)", "year 2025 (31/12/2025)", "year 2026 (31/10/2026, not yet ended)"),
                labels(table.get("columns").get("headers"), 0));
        assertTrue(table.get("partial").asBoolean());
        long koi2024 = 0;
        for (String sex : SEXES) {
            koi2024 += FIXTURE.count("2024-12-31", KOI, sex, 0, 100);
        }
        assertEquals(koi2024 + " ok", cell(table.get("cells").get(1).get(0)));
        assertEquals("null not-applicable", cell(table.get("rowTotals").get(1)));
        assertEquals("null not-applicable", cell(table.get("grandTotal")));
        assertEquals(koi2024 + FIXTURE.count("2024-12-31", RAVE, "M", 0, 100) + FIXTURE.count("2024-12-31", RAVE, "F", 0, 100)
                + FIXTURE.count("2024-12-31", BRAIH, "M", 0, 100) + FIXTURE.count("2024-12-31", BRAIH, "F", 0, 100) + " ok",
                cell(table.get("columnTotals").get(0)));
        assertTrue(table.get("notes").toString().contains("Partial period: 2026 is shown at the last month end with data, 31/10/2026"));
        HttpResponse<String> twoWithoutVariable = server.get("/api/v1/tables?cube=population_stock&rows=unit&date=2024-12-31,2025-12-31", Role.PLANNER);
        assertEquals("invalid parameter 'date': 2 dates are given: put period in rows or cols (e.g. cols=period)", title(twoWithoutVariable));
    }

    @Test
    void everyRoleSeesWhatItMayAndAnonymousCallersMustLogIn()
    {
        HttpResponse<String> anonymous = server.get(SCHOOL_TABLE);
        assertEquals(401, anonymous.statusCode());
        assertEquals("tables need an account: log in (POST /api/v1/auth/login) or send an API token", title(anonymous));
        String ethnicity = "/api/v1/tables?cube=population_stock&rows=ethnicity&cols=sex&date=" + YEAR_END;
        HttpResponse<String> viewer = server.get(ethnicity, Role.VIEWER);
        assertEquals(403, viewer.statusCode());
        assertEquals("ethnicity is sensitive personal data (Law 91/2025/QH15): it is shown to the planner, leader, statistician and admin roles;"
                + " your role is viewer", title(viewer));
        assertEquals(200, server.get(SCHOOL_TABLE, Role.VIEWER).statusCode());
        for (Role role : List.of(Role.PLANNER, Role.LEADER)) {
            JsonNode table = ok(server.get(ethnicity, role));
            assertEquals(5, table.get("disclosure").get("threshold").asInt(), role.code());
            // Ethnicity by single year of age is too detailed for roles with disclosure control, custom bands included.
            HttpResponse<String> fine = server.get("/api/v1/tables?cube=population_stock&rows=ethnicity&cols=ageCustom&ageBands=0-4,5-9", role);
            assertEquals(403, fine.statusCode(), role.code());
        }
        for (Role role : List.of(Role.STATISTICIAN, Role.ADMIN)) {
            JsonNode table = ok(server.get(ethnicity, role));
            assertTrue(table.get("disclosure").get("threshold").isNull(), role.code());
            assertEquals(FIXTURE.count(YEAR_END, RAVE, "M", 0, 100) + FIXTURE.count(YEAR_END, KOI, "M", 0, 100) + FIXTURE.count(YEAR_END, BRAIH, "M", 0, 100)
                    + " ok", cell(table.get("columnTotals").get(0)));
        }
        String koi = "Bearer " + server.scopedToken(Role.LEADER, Set.of(KOI));
        JsonNode scoped = json(server.get(SCHOOL_TABLE, "Authorization", koi));
        assertEquals(List.of(KOI, KOI, KOI, KOI), codes(scoped.get("rows").get("headers"), 0));
        long koiSchool = FIXTURE.count(YEAR_END, KOI, "M", 3, 17) + FIXTURE.count(YEAR_END, KOI, "F", 3, 17);
        assertEquals(koiSchool + " ok", cell(scoped.get("grandTotal")), "the total of its commune, not of the area");
        HttpResponse<String> other = server.get(SCHOOL_TABLE + "&filter=unit:" + RAVE, "Authorization", koi);
        assertEquals(403, other.statusCode());
        assertEquals("your account is limited to the communes 23485; unit 23479 is outside it", title(other));
        HttpResponse<String> area = server.get("/api/v1/tables?cube=population_stock&rows=sex&level=area", "Authorization", koi);
        assertEquals(403, area.statusCode());
    }

    @Test
    void everyTableRequestIsAuditedLikeAQuery()
    {
        ok(server.get(SCHOOL_TABLE + "&lang=en", Role.PLANNER));
        server.audit.flush();
        List<AuditEntry> entries = server.audit.read(1, 10_000, entry -> "/api/v1/tables".equals(entry.path()) && entry.query() != null
                && entry.query().endsWith("lang=en") && "test-planner".equals(entry.user()));
        assertEquals(1, entries.size());
        assertEquals("planner | population_stock | 24 | 200", entries.get(0).role() + " | " + entries.get(0).cube() + " | " + entries.get(0).cells() + " | "
                + entries.get(0).status());
    }

    @Test
    void everyFormatOpensWithTitleSourceVersionReferenceAndTheWithheldNote() throws Exception
    {
        // CSV: byte-order mark, one row per cell and per total (code _T), the description as # lines after the data.
        HttpResponse<byte[]> csv = server.getBytes(SCHOOL_TABLE + "&format=csv", "Authorization", "Bearer " + server.token(Role.PLANNER));
        assertEquals(200, csv.statusCode());
        assertEquals("attachment; filename=\"dancu-table_population_stock_2025-12-31.csv\"", csv.headers().firstValue("Content-Disposition").orElseThrow());
        byte[] body = csv.body();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(body[0], body[1], body[2]));
        List<String> lines = List.of(new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertEquals("unit,Đơn vị hành chính,ageCustom,Nhóm tuổi (tự chọn),sex,Giới tính,population,population_status", lines.get(0));
        JsonNode table = ok(server.get(SCHOOL_TABLE, Role.PLANNER));
        JsonNode koiFirst = table.get("cells").get(4).get(0);
        assertEquals("23485,Xã Đăk Kôi,3-5,3–5 tuổi,M,Nam," + (koiFirst.get("value").isNull() ? ",suppressed" : koiFirst.get("value").asLong() + ",ok"),
                lines.get(9));
        assertEquals(1 + 24 + 12 + 2 + 1, lines.stream().filter(line -> !line.startsWith("#")).count());
        assertTrue(lines.contains("_T,Tổng,_T,Tổng,_T,Tổng," + (table.get("grandTotal").get("value").isNull() ? ",suppressed" : table.get("grandTotal").get("value").asLong() + ",ok")));
        assertEquals("# Dân số cuối tháng — Dân số", lines.get(40));
        assertEquals("# Thời điểm: năm 2025 (31/12/2025)", lines.get(41));
        assertTrue(lines.get(42).startsWith("# Nguồn: dancu, khối population_stock, phiên bản v1"));
        assertEquals("# Phiên bản: v1", lines.get(43));
        assertEquals("# x: ẩn để bảo vệ thông tin cá nhân", lines.get(44));
        List<String> withheldRows = lines.stream().filter(line -> line.endsWith(",suppressed")).toList();
        assertEquals(table.get("disclosure").get("withheldCells").asInt(), withheldRows.size());

        // XLSX: the pivot as the page shows it.
        HttpResponse<byte[]> xlsx = server.getBytes(SCHOOL_TABLE + "&format=xlsx", "Authorization", "Bearer " + server.token(Role.PLANNER));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter format = new DataFormatter();
            assertEquals("Dân số cuối tháng — Dân số", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals("Thời điểm: năm 2025 (31/12/2025)", sheet.getRow(1).getCell(0).getStringCellValue());
            assertTrue(sheet.getRow(2).getCell(0).getStringCellValue().startsWith("Nguồn: dancu, khối population_stock, phiên bản v1"));
            assertEquals(List.of("Đơn vị hành chính", "Nhóm tuổi (tự chọn)", "Nam", "Nữ", "Tổng"), row(sheet.getRow(4), 5, format));
            for (int r = 0; r < 12; r++) {
                List<String> expected = new ArrayList<>(texts(table.get("rows").get("headers").get(r).get("labels")));
                for (JsonNode value : table.get("cells").get(r)) {
                    expected.add(value.get("value").isNull() ? "x" : Long.toString(value.get("value").asLong()));
                }
                JsonNode total = table.get("rowTotals").get(r);
                expected.add(total.get("value").isNull() ? "x" : Long.toString(total.get("value").asLong()));
                List<String> read = new ArrayList<>();
                for (int c = 0; c < 5; c++) {
                    var value = sheet.getRow(5 + r).getCell(c);
                    read.add(value.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC ? Long.toString((long) value.getNumericCellValue())
                            : value.getStringCellValue());
                }
                assertEquals(expected, read, "row " + r);
            }
            assertEquals("Tổng", sheet.getRow(17).getCell(0).getStringCellValue());
            List<String> notes = new ArrayList<>();
            for (int r = 19; r <= sheet.getLastRowNum(); r++) {
                notes.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            assertTrue(notes.contains("x: ẩn để bảo vệ thông tin cá nhân"), notes.toString());
            assertTrue(notes.contains("Phiên bản: v1"), notes.toString());
        }

        // JSON-stat 2.0: the cells, withheld ones null with status c.
        JsonNode stat = TestServer.JSON.readTree(server.getBytes(SCHOOL_TABLE + "&format=json-stat", "Authorization", "Bearer "
                + server.token(Role.PLANNER)).body());
        assertEquals("2.0", stat.get("version").asText());
        assertEquals("dataset", stat.get("class").asText());
        assertEquals(List.of("unit", "ageCustom", "sex", "measure"), texts(stat.get("id")));
        assertEquals("[3,4,2,1]", stat.get("size").toString());
        assertEquals(24, stat.get("value").size());
        int nulls = 0;
        for (JsonNode value : stat.get("value")) {
            nulls += value.isNull() ? 1 : 0;
        }
        int withheldCells = 0;
        for (JsonNode line : table.get("cells")) {
            for (JsonNode value : line) {
                withheldCells += value.get("value").isNull() ? 1 : 0;
            }
        }
        assertEquals(withheldCells, nulls);
        assertEquals(nulls, stat.path("status").size());
        assertTrue(stat.get("source").asText().startsWith("dancu, khối population_stock, phiên bản v1"));
        assertEquals("v1", stat.get("extension").get("version").asText());
        assertEquals("năm 2025 (31/12/2025)", stat.get("extension").get("reference").asText());

        // SDMX-CSV 2.0: cells and totals, TIME_PERIOD the reference date.
        String sdmx = new String(server.getBytes(SCHOOL_TABLE + "&format=sdmx-csv", "Authorization", "Bearer " + server.token(Role.PLANNER)).body(),
                StandardCharsets.UTF_8);
        List<String> records = List.of(sdmx.split("\r\n"));
        assertEquals("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,AGE,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,CONF_STATUS", records.get(0));
        assertEquals(1 + 24 + 12 + 2 + 1, records.size());
        assertTrue(records.get(1).startsWith("dataflow,DANCU:TABLE_POPULATION_STOCK(1.0),I,23479,3-5,M,2025-12-31,"), records.get(1));
        assertTrue(records.get(records.size() - 1).startsWith("dataflow,DANCU:TABLE_POPULATION_STOCK(1.0),I,_T,_T,_T,2025-12-31,"));

        // PDF: the text is there.
        HttpResponse<byte[]> pdf = server.getBytes(SCHOOL_TABLE + "&format=pdf", "Authorization", "Bearer " + server.token(Role.PLANNER));
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
        PdfReader reader = new PdfReader(pdf.body());
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertTrue(text.contains("Dân số cuối tháng — Dân số"), text);
        assertTrue(text.contains("Xã Đăk Kôi"), text);
        assertTrue(text.contains("x: ẩn để bảo vệ thông tin cá nhân"), text);
        assertTrue(text.contains("Phiên bản: v1"), text);
        JsonNode grand = table.get("grandTotal");
        assertTrue(text.contains(grand.get("value").isNull() ? "x" : String.format(java.util.Locale.ROOT, "%,d", grand.get("value").asLong())
                .replace(',', '.')), text);
    }

    @Test
    void garbageInEveryParameterGetsA4xxInTheErrorShapeNeverA5xx()
    {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("cube", "population_stock");
        valid.put("rows", "unit,ageCustom");
        valid.put("cols", "sex");
        valid.put("ageBands", "3-5,6-10");
        valid.put("filter", "sex:M");
        valid.put("measure", "population");
        valid.put("period", "2025");
        valid.put("geo", "2025");
        valid.put("level", "commune");
        valid.put("lang", "vi");
        valid.put("format", "csv");
        List<String> garbage = List.of("x", "unit,,sex", ",", "%ZZ", "-1", "0", "99999999999999999999", "2026-Q5", "2026-13-45", "2025-01/2024-01",
                "a:b:c", ":", "sex:", "ageCustom:9-99", "period:2025", "3-5,4-6", "5-3", "0-200", "101", "100+", "1+2", "null", "../../etc/passwd",
                "<script>", "💥", "unit,unit", "age,ageBand", "period", "date", "ageCustom", "x".repeat(3000), "2025,2025", "2016,2017,2018,2019,2020,"
                        + "2021,2022,2023,2024,2025,2026,2015,2014,2013,2012,2011,2010,2009,2008,2007,2006,2005,2004,2003,2002");
        int requests = 0;
        for (String parameter : List.of("cube", "rows", "cols", "filter", "ageBands", "measure", "date", "period", "geo", "level", "lang", "format",
                "colour")) {
            for (String value : garbage) {
                Map<String, String> query = new LinkedHashMap<>(valid);
                if (parameter.equals("date")) {
                    query.remove("period");
                }
                query.put(parameter, value);
                StringBuilder url = new StringBuilder("/api/v1/tables?");
                query.forEach((name, text) -> url.append(name).append('=')
                        .append(URLEncoder.encode(text, StandardCharsets.UTF_8)).append('&'));
                HttpResponse<String> response = server.get(url.toString(), Role.STATISTICIAN);
                requests++;
                int status = response.statusCode();
                assertTrue(status < 500, parameter + "=" + value + " → " + status + " " + response.body());
                if (status >= 400) {
                    JsonNode error = json(response);
                    assertEquals(status, error.get("status").asInt(), response.body());
                    assertTrue(error.has("type") && error.has("details"), response.body());
                    if (status == 400) {
                        assertTrue(error.get("title").asText().startsWith("invalid parameter '"), parameter + "=" + value + " → " + response.body());
                    }
                }
            }
        }
        assertTrue(requests > 400);
    }

    private static JsonNode ok(HttpResponse<String> response)
    {
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    static String cell(JsonNode cell)
    {
        return (cell.get("value").isNull() ? "null" : cell.get("value").asText()) + " " + cell.get("status").asText();
    }

    private static List<String> ages(int from, int to)
    {
        List<String> ages = new ArrayList<>();
        for (int age = from; age <= to; age++) {
            ages.add(Integer.toString(age));
        }
        return ages;
    }

    private static List<String> texts(JsonNode array)
    {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> codes(JsonNode headers, int variable)
    {
        List<String> codes = new ArrayList<>();
        headers.forEach(header -> codes.add(header.get("codes").get(variable).asText()));
        return codes;
    }

    private static List<String> labels(JsonNode headers, int variable)
    {
        List<String> labels = new ArrayList<>();
        headers.forEach(header -> labels.add(header.get("labels").get(variable).asText()));
        return labels;
    }

    private static List<String> joined(JsonNode headers)
    {
        List<String> joined = new ArrayList<>();
        headers.forEach(header -> joined.add(String.join("|", texts(header.get("codes")))));
        return joined;
    }

    private static List<String> row(Row row, int cells, DataFormatter format)
    {
        List<String> texts = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            texts.add(format.formatCellValue(row.getCell(c)));
        }
        return texts;
    }
}
