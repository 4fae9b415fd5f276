package vn.dancu.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.Role;
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

/**
 * A partial period is never presented as a whole one. The data run from 01/12/2024 to 31/10/2026: 2024 has one month,
 * 2025 is whole, 2026 has ten months.
 */
class PartialPeriodApiTest
{
    private static final String KOI = "23485";

    @TempDir
    static Path data;
    @TempDir
    static Path withoutPersonYears;
    private static TestServer server;
    private static TestServer midYear;

    /** person-days for n person-years (n a multiple of 4, so that n × 365.25 is whole). */
    private static long years(int n)
    {
        return n * 1461L / 4;
    }

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture stock = new CubeFixture("population_stock")
                .row("2024-12-31", KOI, "F", 25, "14", "PERMANENT", 100)
                .row("2025-06-30", KOI, "F", 25, "14", "PERMANENT", 100)
                .row("2025-12-31", KOI, "F", 26, "14", "PERMANENT", 100)
                .row("2026-06-30", KOI, "F", 26, "14", "PERMANENT", 100)
                .row("2026-10-31", KOI, "F", 26, "14", "PERMANENT", 100);
        CubeFixture births = new CubeFixture("births")
                // December 2024, the data's only month of that year: 9 boys and 1 girl would be a sex ratio at birth of 900.
                .row("2024-12-31", KOI, "M", "25-29", 9)
                .row("2024-12-31", KOI, "F", "25-29", 1)
                .row("2025-05-31", KOI, "M", "25-29", 6)
                .row("2025-08-31", KOI, "F", "25-29", 6)
                .row("2026-03-31", KOI, "M", "25-29", 5)
                .row("2026-09-30", KOI, "F", "25-29", 5);
        CubeFixture personYears = new CubeFixture("person_years")
                .row("2024-12-31", KOI, "F", "25-29", years(8))
                .row("2025-12-31", KOI, "F", "25-29", years(100))
                .row("2026-10-31", KOI, "F", "25-29", years(80));
        CubeFixture.publish(data, "v1", "konray", stock, births, personYears);
        server = TestServer.start(data, Area.konray(), "population_stock", "births", "person_years");
        CubeFixture.publish(withoutPersonYears, "v1", "konray", stock, births);
        midYear = TestServer.start(withoutPersonYears, Area.konray(), "population_stock", "births");
    }

    @AfterAll
    static void stop()
    {
        server.close();
        midYear.close();
    }

    private static JsonNode answer(TestServer on, String path, Role role)
    {
        HttpResponse<String> response = on.get(path, role);
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /** "value | status | partial | coverage | note" of one indicator for Đăk Kôi. */
    private static String indicator(TestServer on, String id, int year)
    {
        JsonNode value = answer(on, "/api/v1/indicators?ids=" + id + "&filter=unit:" + KOI + "&year=" + year, Role.STATISTICIAN).get("values").get(0);
        return value.get("value").asText() + " | " + value.get("status").asText() + " | " + value.get("partial").asBoolean() + " | "
                + value.get("coverage").asText() + " | " + value.get("note").asText();
    }

    @Test
    void aQueryOfAPeriodSaysWhichMonthsTheDataCover()
    {
        JsonNode running = answer(server, "/api/v1/cubes/births/query?period=2026", Role.STATISTICIAN).get("period");
        assertEquals("2026 | 2026-01-01 | 2026-10-31 | 2 | year | true | 10 | T1–T10/2026", text(running, "code", "from", "to", "partitions", "kind",
                "partial", "months", "label"));
        JsonNode whole = answer(server, "/api/v1/cubes/births/query?period=2025&lang=en", Role.STATISTICIAN).get("period");
        assertEquals("2025 | 2025-01-01 | 2025-12-31 | year | false | 12 | Jan–Dec 2025", text(whole, "code", "from", "to", "kind", "partial", "months", "label"));
        JsonNode first = answer(server, "/api/v1/cubes/births/query?period=2024", Role.STATISTICIAN).get("period");
        assertEquals("2024-12-01 | 2024-12-31 | true | 1 | T12/2024", text(first, "from", "to", "partial", "months", "label"));
        JsonNode quarter = answer(server, "/api/v1/cubes/births/query?period=2026-Q4", Role.VIEWER).get("period");
        assertEquals("2026-Q4 | quarter | 2026-10-01 | 2026-10-31 | true | T10/2026", text(quarter, "code", "kind", "from", "to", "partial", "label"));
    }

    @Test
    void rolesWithoutExactCountsSeeWholeQuartersOnly()
    {
        assertEquals(200, server.get("/api/v1/cubes/births/query?period=2026-01/2026-09", Role.VIEWER).statusCode());
        assertEquals(200, server.get("/api/v1/cubes/births/query?period=2026-04/2026-10", Role.VIEWER).statusCode(), "to the data's last month");
        HttpResponse<String> month = server.get("/api/v1/cubes/births/query?period=2026-01/2026-08", Role.LEADER);
        assertEquals(403, month.statusCode());
        assertTrue(title(month).startsWith("monthly flows are shown to the statistician and admin roles; your role (leader) sees flows summed over"
                + " whole quarters"), title(month));
        assertEquals(200, server.get("/api/v1/cubes/births/query?period=2026-01/2026-08", Role.STATISTICIAN).statusCode());
    }

    @Test
    void yearlyIndicatorsOfAYearWithFewerThanSixMonthsAreNotShown()
    {
        assertEquals("null | unavailable | true | T12/2024 | 2024 has data for 1 month(s) only (T12/2024); yearly indicators are given for years"
                + " with at least 6 months of data", indicator(server, "sexRatioAtBirth", 2024));
        assertEquals("null | unavailable | true | T12/2024 | 2024 has data for 1 month(s) only (T12/2024); yearly indicators are given for years"
                + " with at least 6 months of data", indicator(server, "crudeBirthRate", 2024));
    }

    @Test
    void ratesOfAPartialYearAreAnnualisedByThePersonYearsOfItsMonthsAndMarkedPartial()
    {
        // 2026: 10 births over 80 person-years lived from January to October.
        assertEquals("125.0 | ok | true | T1–T10/2026 | denominator: person-years lived in Jan–Oct 2026 (person-days ÷ 365.25): a rate per year"
                + " of the months covered", indicator(server, "crudeBirthRate", 2026));
        assertEquals("100.0 | ok | true | T1–T10/2026 | null", indicator(server, "sexRatioAtBirth", 2026));
        assertEquals("120.0 | ok | false | null | denominator: person-years lived in 2025 (person-days ÷ 365.25)", indicator(server, "crudeBirthRate", 2025));
    }

    @Test
    void withoutPersonYearsAPartialYearsRatesAreNotShown()
    {
        // The 30 June stock stands for a whole year's exposure: over ten months of births it would not be a yearly rate.
        assertEquals("null | unavailable | true | T1–T10/2026 | 2026 has data for T1–T10/2026 only, and person_years is not published: a rate over the"
                + " 30 June population would not be a yearly rate", indicator(midYear, "crudeBirthRate", 2026));
        assertEquals("120.0 | ok | false | null | denominator: mid-year population (stock at 2025-06-30); person_years is not published",
                indicator(midYear, "crudeBirthRate", 2025));
    }

    @Test
    void aSeriesByYearMarksThePartialYearsWithTheirMonths()
    {
        JsonNode points = answer(server, "/api/v1/cubes/births/series?step=year", Role.VIEWER).get("points");
        List<String> marks = new ArrayList<>();
        points.forEach(point -> marks.add(point.get("period").get("year").asText() + " " + point.get("partial").asBoolean() + " " + point.get("label").asText()));
        assertEquals(List.of("2024 true T12/2024", "2025 false 2025", "2026 true T1–T10/2026"), marks);
        JsonNode rates = answer(server, "/api/v1/indicators/series?ids=crudeBirthRate&filter=unit:" + KOI, Role.STATISTICIAN)
                .get("series").get(0).get("points");
        List<String> years = new ArrayList<>();
        rates.forEach(point -> years.add(point.get("year").asText() + " " + point.get("status").asText() + " " + point.get("coverage").asText()));
        assertEquals(List.of("2024 unavailable T12/2024", "2025 ok null", "2026 ok T1–T10/2026"), years);
    }

    @Test
    void exportsOfAPartialPeriodSayWhichMonthsTheyHold()
    {
        String csv = csv("/api/v1/cubes/births/export?format=csv&period=2026&dims=sex");
        assertEquals(List.of("time,Kỳ,sex,Giới tính,births,births_status", "2026,\"năm 2026 (T1–T10/2026, chưa đủ năm)\",M,Nam,5,ok",
                "2026,\"năm 2026 (T1–T10/2026, chưa đủ năm)\",F,Nữ,5,ok"), csv.lines().toList());
        JsonNode jsonStat = answer(server, "/api/v1/cubes/births/export?format=json-stat&period=2026&lang=en", Role.STATISTICIAN);
        assertEquals("{\"2026\":\"Jan–Oct 2026\"}", jsonStat.get("extension").get("partialPeriods").toString());
        assertTrue(jsonStat.get("extension").get("partial").asBoolean());
        assertEquals("[\"time\"]", jsonStat.get("role").get("time").toString());
        assertEquals("Partial period: the data cover Jan–Oct 2026 only (01/01/2026 – 31/10/2026); do not compare these counts with whole periods.",
                jsonStat.get("note").get(0).asText());
        String sdmx = csv("/api/v1/cubes/births/export?format=sdmx-csv&period=2026");
        assertEquals("STRUCTURE,STRUCTURE_ID,ACTION,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,CONF_STATUS", sdmx.lines().findFirst().orElseThrow());
        assertEquals("dataflow,DANCU:BIRTHS(1.0),I,2026-01-01/P10M,10,trẻ,F", sdmx.lines().skip(1).findFirst().orElseThrow());
        assertEquals("dataflow,DANCU:BIRTHS(1.0),I,2025,12,trẻ,F", csv("/api/v1/cubes/births/export?format=sdmx-csv&period=2025").lines().skip(1)
                .findFirst().orElseThrow());
    }

    private static String csv(String path)
    {
        HttpResponse<byte[]> response = server.getBytes(path, "Authorization", "Bearer " + server.token(Role.STATISTICIAN));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        String text = new String(response.body(), StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String text(JsonNode node, String... fields)
    {
        List<String> values = new ArrayList<>();
        for (String field : fields) {
            values.add(node.get(field).asText());
        }
        return String.join(" | ", values);
    }
}
