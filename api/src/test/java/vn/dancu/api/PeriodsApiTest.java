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
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.dancu.api.TestServer.json;

/**
 * Periods in SDMX notation and relative to the data, over births of every month from January 2025 to October 2026
 * (the data's last month): month m of the data has 100 + m births (January 2025 is month 1), so every sum is known.
 */
class PeriodsApiTest
{
    private static final String KOI = "23485";
    private static final YearMonth FIRST = YearMonth.of(2025, 1);
    private static final YearMonth LAST = YearMonth.of(2026, 10);

    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture births = new CubeFixture("births");
        for (YearMonth month = FIRST; !month.isAfter(LAST); month = month.plusMonths(1)) {
            births.row(month.atEndOfMonth().toString(), KOI, "M", "25-29", births(month));
        }
        CubeFixture stock = new CubeFixture("population_stock")
                .row("2024-12-31", KOI, "F", 25, "14", "PERMANENT", 90)
                .row("2025-06-30", KOI, "F", 25, "14", "PERMANENT", 95)
                .row("2025-10-31", KOI, "F", 25, "14", "PERMANENT", 100)
                .row("2025-12-31", KOI, "F", 26, "14", "PERMANENT", 110)
                .row("2026-09-30", KOI, "F", 26, "14", "PERMANENT", 120)
                .row("2026-10-31", KOI, "F", 26, "14", "PERMANENT", 130);
        CubeFixture.publish(data, "v1", "konray", stock, births);
        server = TestServer.start(data, Area.konray(), "population_stock", "births");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static int births(YearMonth month)
    {
        return 100 + (int) (month.getYear() * 12L + month.getMonthValue() - FIRST.getYear() * 12L - FIRST.getMonthValue()) + 1;
    }

    private static int sum(YearMonth from, YearMonth to)
    {
        int total = 0;
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            total += births(month);
        }
        return total;
    }

    /** "code from–to: births" of one births query. */
    private static String births(String period, Role role)
    {
        HttpResponse<String> response = server.get("/api/v1/cubes/births/query?period=" + period, role);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = json(response);
        JsonNode p = answer.get("period");
        return p.get("code").asText() + " " + p.get("from").asText() + "–" + p.get("to").asText() + ": " + answer.get("rows").get(0).get("births").asInt();
    }

    @Test
    void quartersHalvesAndYearsSumTheirMonths()
    {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("2025-M07", "2025-M07 2025-07-01–2025-07-31: " + births(YearMonth.of(2025, 7)));
        expected.put("2025-07", "2025-M07 2025-07-01–2025-07-31: " + births(YearMonth.of(2025, 7)));
        expected.put("2025-Q3", "2025-Q3 2025-07-01–2025-09-30: " + sum(YearMonth.of(2025, 7), YearMonth.of(2025, 9)));
        expected.put("2025-S1", "2025-S1 2025-01-01–2025-06-30: " + sum(YearMonth.of(2025, 1), YearMonth.of(2025, 6)));
        expected.put("2025-S2", "2025-S2 2025-07-01–2025-12-31: " + sum(YearMonth.of(2025, 7), YearMonth.of(2025, 12)));
        expected.put("2025", "2025 2025-01-01–2025-12-31: " + sum(YearMonth.of(2025, 1), YearMonth.of(2025, 12)));
        expected.put("2026-S2", "2026-S2 2026-07-01–2026-10-31: " + sum(YearMonth.of(2026, 7), YearMonth.of(2026, 10)));
        Map<String, String> answered = new LinkedHashMap<>();
        for (String period : expected.keySet()) {
            answered.put(period, births(period, Role.STATISTICIAN));
        }
        assertEquals(expected, answered);
        // Two halves make the year; four quarters make it; twelve months make it.
        int quarters = 0;
        for (int q = 1; q <= 4; q++) {
            quarters += json(server.get("/api/v1/cubes/births/query?period=2025-Q" + q, Role.STATISTICIAN)).get("rows").get(0).get("births").asInt();
        }
        assertEquals(sum(YearMonth.of(2025, 1), YearMonth.of(2025, 12)), quarters);
    }

    @Test
    void relativePeriodsResolveAgainstTheCubesDates()
    {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("LATEST_MONTH", "2026-M10 2026-10-01–2026-10-31: " + births(LAST));
        expected.put("LATEST_QUARTER", "2026-Q3 2026-07-01–2026-09-30: " + sum(YearMonth.of(2026, 7), YearMonth.of(2026, 9)));
        expected.put("LATEST_HALF", "2026-S1 2026-01-01–2026-06-30: " + sum(YearMonth.of(2026, 1), YearMonth.of(2026, 6)));
        expected.put("LATEST_YEAR", "2025 2025-01-01–2025-12-31: " + sum(YearMonth.of(2025, 1), YearMonth.of(2025, 12)));
        expected.put("YEAR_TO_DATE", "2026-01/2026-10 2026-01-01–2026-10-31: " + sum(YearMonth.of(2026, 1), LAST));
        expected.put("YEAR_TO_DATE-1Y", "2025-01/2025-10 2025-01-01–2025-10-31: " + sum(YearMonth.of(2025, 1), YearMonth.of(2025, 10)));
        expected.put("LAST_12_MONTHS", "2025-11/2026-10 2025-11-01–2026-10-31: " + sum(YearMonth.of(2025, 11), LAST));
        Map<String, String> answered = new LinkedHashMap<>();
        for (String period : expected.keySet()) {
            answered.put(period, births(period, Role.STATISTICIAN));
        }
        assertEquals(expected, answered);
    }

    @Test
    void rolesWithoutExactCountsGetPeriodsOfWholeQuartersOfOneYear()
    {
        for (String period : new String[] {"LATEST_QUARTER", "LATEST_HALF", "LATEST_YEAR", "YEAR_TO_DATE", "2025-S2"}) {
            assertEquals(200, server.get("/api/v1/cubes/births/query?period=" + period, Role.VIEWER).statusCode(), period);
        }
        HttpResponse<String> rolling = server.get("/api/v1/cubes/births/query?period=LAST_12_MONTHS", Role.PLANNER);
        assertEquals(403, rolling.statusCode());
        assertEquals("flows over months of two calendar years (2025-11/2026-10) are shown to the statistician and admin roles: the published"
                + " periods are quarters of one year; your role (planner) sees a year (period=2026, LATEST_YEAR), a half-year, a quarter"
                + " (LATEST_QUARTER) or the year to date (YEAR_TO_DATE)", json(rolling).get("title").asText());
        assertEquals(403, server.get("/api/v1/cubes/births/query?period=LATEST_MONTH-1Y", Role.LEADER).statusCode(), "a single month");
        // October 2026 is the data's last month and so the whole of the published (partial) fourth quarter.
        assertEquals(200, server.get("/api/v1/cubes/births/query?period=LATEST_MONTH", Role.LEADER).statusCode());
        // January–October 2025 ends within a quarter that the data cover whole: with January–September it would give October alone.
        assertEquals(403, server.get("/api/v1/cubes/births/query?period=YEAR_TO_DATE-1Y", Role.VIEWER).statusCode());
    }

    @Test
    void stocksAreAskedAtAPeriodsEndOrRelativeToTheData()
    {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("LATEST", "2026-10-31 130");
        expected.put("LATEST-1Y", "2025-10-31 100");
        expected.put("LATEST_QUARTER_END", "2026-09-30 120");
        expected.put("LATEST_YEAR_END", "2025-12-31 110");
        expected.put("LATEST_YEAR_END-1Y", "2024-12-31 90");
        expected.put("2025", "2025-12-31 110");
        expected.put("2025-S1", "2025-06-30 95");
        expected.put("2026-Q3", "2026-09-30 120");
        expected.put("2025-M10", "2025-10-31 100");
        Map<String, String> answered = new LinkedHashMap<>();
        for (String date : expected.keySet()) {
            HttpResponse<String> response = server.get("/api/v1/cubes/population_stock/query?dims=unit&date=" + date, Role.STATISTICIAN);
            assertEquals(200, response.statusCode(), date + ": " + response.body());
            JsonNode answer = json(response);
            answered.put(date, answer.get("refDate").asText() + " " + answer.get("rows").get(0).get("population").asInt());
        }
        assertEquals(expected, answered);
        HttpResponse<String> running = server.get("/api/v1/cubes/population_stock/query?date=2026", Role.STATISTICIAN);
        assertEquals(400, running.statusCode());
        assertEquals("invalid parameter 'date': '2026' ends on 2026-12-31, after the data (newest reference date 2026-10-31); ask for date=LATEST"
                + " or a period that has ended", json(running).get("title").asText());
    }
}
