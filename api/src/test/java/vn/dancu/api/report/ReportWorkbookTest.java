package vn.dancu.api.report;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.javalin.Javalin;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Role;
import vn.dancu.api.query.QueryResult;
import vn.dancu.api.query.QueryService;
import vn.dancu.model.publish.DataLayout;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reports over a hand-made version of every cube, read back with POI (and OpenPDF) and checked cell by cell. */
class ReportWorkbookTest
{
    @TempDir
    static Path data;
    private static Javalin server;
    private static QueryService queries;
    private static vn.dancu.api.sql.SqlTestServer test;
    private static String plannerToken;
    private static String leaderToken;
    private static final Caller LEADER = new Caller("test-leader", Role.LEADER, java.util.Set.of(), "token");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception
    {
        AllCubesFixture.publish(data);
        test = new vn.dancu.api.sql.SqlTestServer(new DataLayout(data.toString()), data.resolve("server"), AllCubesFixture.catalog(), 1, null,
                Clock.fixed(Instant.parse("2026-11-02T03:00:00Z"), ZoneOffset.UTC));
        server = test.server;
        queries = test.queries;
        plannerToken = test.token(Role.PLANNER);
        leaderToken = test.token(Role.LEADER);
    }

    @AfterAll
    static void stop()
    {
        test.close();
    }

    private static HttpResponse<byte[]> get(String query) throws Exception
    {
        return get(leaderToken, query);
    }

    private static HttpResponse<byte[]> get(String token, String query) throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/reports?" + query));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static XSSFWorkbook workbook(String query) throws Exception
    {
        HttpResponse<byte[]> response = get(query);
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("attachment; filename=\"dancu-report-monthly-2026-10-2025.xlsx\"", response.headers().firstValue("Content-Disposition").orElseThrow());
        return new XSSFWorkbook(new ByteArrayInputStream(response.body()));
    }

    /** The sheet's table as lines of cells joined by " | ", from the header row to the last data row. */
    static List<String> table(Sheet sheet)
    {
        List<String> lines = new ArrayList<>();
        for (int r = 5; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                break;
            }
            List<String> cells = new ArrayList<>();
            for (Cell cell : row) {
                cells.add(cell.getCellType() == CellType.NUMERIC ? format(cell.getNumericCellValue()) : cell.getStringCellValue());
            }
            lines.add(String.join(" | ", cells));
        }
        return lines;
    }

    static List<String> footnotes(Sheet sheet)
    {
        List<String> notes = new ArrayList<>();
        boolean afterTable = false;
        for (int r = 5; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                afterTable = true;
                continue;
            }
            if (afterTable) {
                notes.add(row.getCell(0).getStringCellValue());
            }
        }
        return notes;
    }

    private static String format(double value)
    {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    @Test
    void monthlyWorkbookHasTheStandardTablesTitledDatedAndSourced() throws Exception
    {
        try (XSSFWorkbook workbook = workbook("kind=monthly&period=2026-10&geo=2025&format=xlsx&lang=en")) {
            List<String> sheets = new ArrayList<>();
            workbook.forEach(sheet -> sheets.add(sheet.getSheetName()));
            assertEquals(List.of("Contents", "1 unit_sex", "2 age_sex", "3 ethnicity", "4 households", "5 vital_events", "6 identity_coverage",
                    "7 data_quality"), sheets);
            Sheet sheet = workbook.getSheet("1 unit_sex");
            assertEquals("Population by administrative unit and sex", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals("Former Kon Rẫy district (now Đăk Rve, Đăk Kôi, Kon Braih communes) — October 2026", sheet.getRow(1).getCell(0).getStringCellValue());
            assertEquals("Reference date: 31/10/2026", sheet.getRow(2).getCell(0).getStringCellValue());
            assertEquals("Source: dancu, cube population_stock, version v1, population register extract of 2026-10-31", sheet.getRow(3).getCell(0).getStringCellValue());
            assertEquals("Monthly population report, October 2026", workbook.getSheet("Contents").getRow(0).getCell(0).getStringCellValue());
        }
    }

    @Test
    void populationTablesEqualTheApisAnswers() throws Exception
    {
        try (XSSFWorkbook workbook = workbook("kind=monthly&period=2026-10&lang=en")) {
            assertEquals(List.of("Administrative unit | Male | Female | Total",
                    "Đăk Rve commune | 100 | 120 | 220",
                    "Đăk Kôi commune | 50 | 30 | 80",
                    "Total | 150 | 150 | 300"), table(workbook.getSheet("1 unit_sex")));
            assertEquals(apiTwoWay("unit"), table(workbook.getSheet("1 unit_sex")).subList(1, 3));
            assertEquals(List.of("Age group | Male | Female | Total",
                    "5–9 | 50 | 0 | 50",
                    "30–34 | 100 | 120 | 220",
                    "70–74 | 0 | 30 | 30",
                    "Total | 150 | 150 | 300"), table(workbook.getSheet("2 age_sex")));
            assertEquals(List.of("Ethnic group | Male | Female | Total | Share (%)",
                    "Kinh (Viet) | 50 | 0 | 50 | 16.67",
                    "Bahnar | 0 | 30 | 30 | 10",
                    "Xo Dang (Sedang) | 100 | 120 | 220 | 73.33",
                    "Total | 150 | 150 | 300 | 100"), table(workbook.getSheet("3 ethnicity")));
        }
    }

    /** The API's rows of dims=DIM,sex as "label | male | female | total". */
    private static List<String> apiTwoWay(String dimension)
    {
        QueryResult cells = queries.result(queries.table(LEADER, queries.parse("population_stock", Map.of("dims", List.of(dimension + ",sex"), "lang", List.of("en")))));
        Map<String, long[]> lines = new LinkedHashMap<>();
        for (Map<String, Object> row : cells.rows()) {
            long[] line = lines.computeIfAbsent(row.get(dimension + "Label").toString(), key -> new long[3]);
            int sex = row.get("sex").equals("M") ? 0 : 1;
            line[sex] = ((Number) row.get("population")).longValue();
            line[2] += line[sex];
        }
        List<String> text = new ArrayList<>();
        lines.forEach((label, line) -> text.add(label + " | " + line[0] + " | " + line[1] + " | " + line[2]));
        return text;
    }

    @Test
    void householdsIdentityAndQualityTablesHoldTheCubesFigures() throws Exception
    {
        try (XSSFWorkbook workbook = workbook("kind=monthly&period=2026-10&lang=en")) {
            assertEquals(List.of("Administrative unit | Households | Members | Average size (persons per household)",
                    "Đăk Rve commune | 20 | 60 | 3",
                    "Đăk Kôi commune | 10 | 50 | 5",
                    "Total | 30 | 110 | 3.67"), table(workbook.getSheet("4 households")));
            assertEquals(List.of("Administrative unit | Persons aged 14+ | With a chip ID card | Share (%) | VNeID level 2 | Share (%)",
                    "Đăk Rve commune | 50 | 40 | 80 | 40 | 80",
                    "Đăk Kôi commune | 20 | 20 | 100 | 0 | 0",
                    "Total | 70 | 60 | 85.71 | 40 | 57.14"), table(workbook.getSheet("6 identity_coverage")));
            assertEquals(List.of("Indicator | Records", "Records read | 800", "Records quarantined | 5"), table(workbook.getSheet("7 data_quality")));
        }
    }

    @Test
    void aMonthlyReportGivesTheFlowsOfTheQuarterAndTheYearToDateNeverOfTheMonth() throws Exception
    {
        try (XSSFWorkbook workbook = workbook("kind=monthly&period=2026-10&lang=en")) {
            Sheet sheet = workbook.getSheet("5 vital_events");
            // The data end in October 2026: Q4 2026 holds October only, and the year to date January to October. The same months
            // a year before are not whole quarters (October 2025) or not all in the data (January–October 2025): withheld. (This
            // server's suppression threshold is 1: no count is small.)
            assertEquals(List.of("Indicator | Q4 2026 (Oct 2026) | A year before (Oct 2025) | Change | Jan–Oct 2026 | A year before (Jan–Oct 2025) | Change",
                    "Births | 5 | x |  | 5 | x | ",
                    "Deaths | 1 | x |  | 1 | x | ",
                    "Natural increase (births − deaths) | 4 | x |  | 4 | x | ",
                    "Moves in (from outside the area) | 4 | x |  | 4 | x | ",
                    "Moves out (to outside the area) | 1 | x |  | 1 | x | ",
                    "Net migration (in − out) | 3 | x |  | 3 | x | ",
                    "Moves between communes of the area | 2 | x |  | 2 | x | ",
                    "Population at the start | 296 | x |  | x | x | ",
                    "Population at the end | 300 | x |  | 300 | x | ",
                    // Per year: 5 births over a mean population of 298 in one month, × 12.
                    "Crude birth rate (‰) | 201.34 | x |  | x | x | ",
                    "Crude death rate (‰) | 40.27 | x |  | x | x | ",
                    "Crude rate of natural increase (‰) | 161.07 | x |  | x | x | "), table(sheet));
            List<String> notes = footnotes(sheet);
            assertTrue(notes.get(0).startsWith("Reports are for publication: births, deaths and moves of single months are not published"), notes.get(0));
            assertTrue(notes.contains("Q4 2026 (Oct 2026): a partial period; the data cover Oct 2026 only."), notes.toString());
            assertTrue(notes.contains("x: figure withheld (Oct 2025 is not made of whole quarters: flows of single months are not published)"), notes.toString());
            assertTrue(notes.contains("x: figure withheld (no data for the whole of Jan–Oct 2025)"), notes.toString());
            assertTrue(notes.contains("x: figure withheld (no data for 31 December 2025)"), notes.toString());
        }
    }

    @Test
    void anAnnualReportOfTheRunningYearIsMadeForEveryRoleAndSaysItIsPartial() throws Exception
    {
        for (String token : List.of(plannerToken, leaderToken, test.token(Role.STATISTICIAN))) {
            HttpResponse<byte[]> response = get(token, "kind=annual&period=2026&lang=en");
            assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
                assertEquals("Annual population report, 2026 (partial year: Jan–Oct 2026)", workbook.getSheet("Contents").getRow(0).getCell(0).getStringCellValue());
                assertEquals("Reference date: 31/10/2026", workbook.getSheet("1 unit_sex").getRow(2).getCell(0).getStringCellValue());
                List<String> vital = table(workbook.getSheet("5 vital_events"));
                assertEquals("Indicator | Year 2026 (Jan–Oct 2026) | A year before (Jan–Oct 2025) | Change", vital.get(0));
                assertEquals("Births | 5 | x | ", vital.get(1));
            }
        }
    }

    @Test
    void cellsTheApiWithholdsAreMarkedWithAFootnote() throws Exception
    {
        ReportQueries withholding = (caller, cube, parameters) -> {
            QueryResult result = ReportQueries.of(queries).query(caller, cube, parameters);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : result.rows()) {
                Map<String, Object> copy = new LinkedHashMap<>(row);
                if (cube.equals("population_stock") && "23485".equals(row.get("unit")) && "F".equals(row.get("sex"))) {
                    copy.put("status", Map.of("population", "suppressed: fewer than 50 persons"));
                }
                rows.add(copy);
            }
            return new QueryResult(result.cube(), result.title(), result.version(), result.refDate(), result.period(), result.geography(),
                    result.level(), result.cuboid(), result.columns(), rows, null, result.source()); // the reason above, without the rule text
        };
        ReportService reports = new ReportService(queries, withholding, Clock.systemUTC());
        Report report = reports.build(LEADER, ReportRequest.parse(Map.of("kind", List.of("monthly"), "period", List.of("2026-10"), "lang", List.of("en"))));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(ReportFiles.write(report, ReportRequest.Format.XLSX)))) {
            Sheet sheet = workbook.getSheet("1 unit_sex");
            assertEquals("Đăk Kôi commune | 50 | x | 80", table(sheet).get(2));
            assertEquals(List.of("Population: persons resident at the end of 31 October 2026.",
                    "x: figure withheld (suppressed: fewer than 50 persons)"), footnotes(sheet));
        }
    }

    @Test
    void pdfReportCarriesTheVietnameseTitlesAndFigures() throws Exception
    {
        HttpResponse<byte[]> response = get("kind=monthly&period=2026-10&format=pdf");
        assertEquals(200, response.statusCode());
        assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElseThrow());
        PdfReader reader = new PdfReader(response.body());
        String firstPage = new PdfTextExtractor(reader).getTextFromPage(1);
        reader.close();
        assertTrue(firstPage.contains("Báo cáo dân số tháng 10/2026"), firstPage);
        assertTrue(firstPage.contains("Dân số theo đơn vị hành chính và giới tính"), firstPage);
        assertTrue(firstPage.replaceAll("\\s", "").contains("XãĐăkRve100120220"), firstPage);
    }

    @Test
    void csvReportHasOneSectionPerTable() throws Exception
    {
        HttpResponse<byte[]> response = get("kind=monthly&period=2026-10&format=csv&lang=en");
        String csv = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(csv.contains("\r\n\r\nHouseholds and average household size\r\nOctober 2026\r\nReference date: 2026-10-31\r\n"
                + "\"Source: dancu, cube households, version v1, population register extract of 2026-10-31\"\r\n"
                + "Administrative unit,Households,Members,Average size (persons per household)\r\n"
                + "Đăk Rve commune,20,60,3.00\r\nĐăk Kôi commune,10,50,5.00\r\nTotal,30,110,3.67\r\n"), csv);
    }

    @Test
    void GET_reports_isForPlannersAndAbove() throws Exception
    {
        assertEquals(401, get(null, "kind=monthly&period=2026-10").statusCode());
        HttpResponse<byte[]> viewer = get(test.token(Role.VIEWER), "kind=monthly&period=2026-10");
        assertEquals(403, viewer.statusCode());
        assertEquals("reports are for planners, leaders and statisticians; the role of test-viewer is viewer", title(viewer));
    }

    @Test
    void plannersReportLeavesOutTheDataQualityTable() throws Exception
    {
        HttpResponse<byte[]> response = get(plannerToken, "kind=monthly&period=2026-10&lang=en");
        assertEquals(200, response.statusCode());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            assertEquals("Not shown to the planner role: the data-quality indicators are for leaders and statisticians.",
                    workbook.getSheet("7 data_quality").getRow(5).getCell(0).getStringCellValue());
            assertEquals("Total | 150 | 150 | 300", table(workbook.getSheet("1 unit_sex")).get(3));
        }
    }

    @Test
    void GET_reports_badParameters_return400NamingThem() throws Exception
    {
        assertEquals("{\"title\":\"invalid parameter 'kind': 'weekly' is not allowed; allowed: monthly, annual\",\"status\":400,\"type\":\"bad-parameter\","
                + "\"details\":[\"allowed: monthly, annual\"]}", new String(get("kind=weekly&period=2026-10").body(), StandardCharsets.UTF_8));
        assertEquals("invalid parameter 'period': '2026-13' is not a month yyyy-MM, e.g. 2026-10",
                title(get("kind=monthly&period=2026-13")));
        assertEquals("invalid parameter 'period': no population figures for 2024-01 (2024-01-31); reports can be made for month ends from 2025-09-30 to 2026-10-31",
                title(get("kind=monthly&period=2024-01")));
        assertEquals("invalid parameter 'format': 'docx' is not allowed; allowed: xlsx, pdf, csv", title(get("kind=annual&period=2025&format=docx")));
    }

    private static String title(HttpResponse<byte[]> response) throws Exception
    {
        assertTrue(response.statusCode() >= 400, "status " + response.statusCode());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("title").asText();
    }
}
