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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.dancu.api.TestServer.json;
import static vn.dancu.api.TestServer.title;

/**
 * Every indicator against a small example worked by hand (docs/indicators.md shows the same numbers), for the commune
 * Đăk Kôi (23485) of the Kon Rẫy area. Values are read as a statistician (exact counts) unless said otherwise.
 */
class IndicatorApiTest
{
    private static final String KOI = "23485";
    private static final String RAVE = "23479";

    @TempDir
    static Path data;
    private static TestServer server;

    /** person-days for n person-years (n a multiple of 4, so that n × 365.25 is whole). */
    private static long years(int n)
    {
        return n * 1461L / 4;
    }

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture stock = new CubeFixture("population_stock");
        // 31/10/2026: 150 residents of Đăk Kôi, as many men as women.
        for (int[] ageAndCount : new int[][] {{2, 10}, {4, 5}, {8, 10}, {30, 30}, {62, 10}, {70, 10}}) {
            stock.row("2026-10-31", KOI, "M", ageAndCount[0], "14", "PERMANENT", ageAndCount[1]);
            stock.row("2026-10-31", KOI, "F", ageAndCount[0], "14", "PERMANENT", ageAndCount[1]);
        }
        // 31/12/2025: children by single year of age (born in 2025 − age).
        for (int[] ageAndCount : new int[][] {{3, 7}, {5, 8}, {6, 9}, {10, 11}, {11, 12}, {14, 13}, {15, 14}, {17, 15}, {18, 16}}) {
            stock.row("2025-12-31", KOI, "M", ageAndCount[0], "14", "PERMANENT", ageAndCount[1]);
        }
        CubeFixture births = new CubeFixture("births")
                .row("2026-03-31", KOI, "M", "20-24", 6)
                .row("2026-03-31", KOI, "F", "25-29", 4)
                .row("2026-07-31", KOI, "M", "10-14", 1)
                .row("2026-07-31", KOI, "F", "50+", 1)
                .row("2026-07-31", KOI, "F", "45-49", 2);
        CubeFixture deaths = new CubeFixture("deaths")
                .row("2026-05-31", KOI, "M", "70-74", 3);
        CubeFixture personYears = new CubeFixture("person_years");
        for (String band : List.of("15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49")) {
            personYears.row("2026-10-31", KOI, "F", band, years(8));
        }
        personYears.row("2026-10-31", KOI, "M", "25-29", years(40))
                .row("2026-10-31", KOI, "F", "60-64", years(36))
                .row("2026-10-31", KOI, "M", "0-4", years(8));
        CubeFixture migration = new CubeFixture("migration")
                .row("2026-04-30", KOI, "IN", null, "M", "20-24", 5)
                .row("2026-04-30", KOI, "OUT", null, "F", "25-29", 2)
                .row("2026-04-30", KOI, "BETWEEN_IN", RAVE, "M", "30-34", 3)
                .row("2026-04-30", RAVE, "BETWEEN_OUT", KOI, "M", "30-34", 3)
                // March 2025: a move between two old communes that merged into Đăk Kôi on 01/07/2025.
                .row("2025-03-31", "23482", "BETWEEN_OUT", "23485", "F", "20-24", 4)
                .row("2025-03-31", "23485", "BETWEEN_IN", "23482", "F", "20-24", 4);
        CubeFixture households = new CubeFixture("households")
                .row("2026-10-31", KOI, 1, 10, 10)
                .row("2026-10-31", KOI, 4, 20, 80)
                .row("2026-10-31", KOI, 12, 1, 12);
        CubeFixture identity = new CubeFixture("identity_coverage")
                .row("2026-10-31", KOI, "M", "0-13", "NO", "0", 40)
                .row("2026-10-31", KOI, "M", "18-24", "YES", "2", 30)
                .row("2026-10-31", KOI, "F", "25-39", "YES", "1", 20)
                .row("2026-10-31", KOI, "F", "40-59", "NO", "0", 10)
                .row("2026-10-31", KOI, "M", "60+", "YES", "0", 10);
        CubeFixture.publish(data, "v1", "konray", stock, births, deaths, personYears, migration, households, identity);
        server = TestServer.start(data, Area.konray(), "population_stock", "births", "deaths", "person_years", "migration", "households",
                "identity_coverage");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    /** "value | numerator | denominator | status" of one indicator for Đăk Kôi. */
    private static String of(String ids, String parameters, Role role)
    {
        HttpResponse<String> response = server.get("/api/v1/indicators?ids=" + ids + "&filter=unit:" + KOI + parameters, role);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode values = json(response).get("values");
        assertEquals(1, values.size(), response.body());
        JsonNode value = values.get(0);
        return text(value.get("value")) + " | " + text(value.get("numerator")) + " | " + text(value.get("denominator")) + " | " + value.get("status").asText();
    }

    private static String text(JsonNode node)
    {
        return node == null || node.isNull() ? "null" : node.asText();
    }

    @Test
    void stockIndicatorsFollowTheirFormulas()
    {
        assertEquals("150.0 | 150.0 | 150.0 | ok", of("population", "", Role.STATISTICIAN));
        assertEquals("100.0 | 75.0 | 75.0 | ok", of("sexRatio", "", Role.STATISTICIAN));
        assertEquals("62.5 | 50.0 | 80.0 | ok", of("childDependency", "", Role.STATISTICIAN));
        assertEquals("25.0 | 20.0 | 80.0 | ok", of("oldAgeDependency", "", Role.STATISTICIAN));
        assertEquals("87.5 | 70.0 | 80.0 | ok", of("totalDependency", "", Role.STATISTICIAN));
        assertEquals("83.3 | 50.0 | 60.0 | ok", of("childDependency60", "", Role.STATISTICIAN));
        assertEquals("66.7 | 40.0 | 60.0 | ok", of("oldAgeDependency60", "", Role.STATISTICIAN));
        assertEquals("150.0 | 90.0 | 60.0 | ok", of("totalDependency60", "", Role.STATISTICIAN));
        assertEquals("80.0 | 40.0 | 50.0 | ok", of("ageingIndex", "", Role.STATISTICIAN));
        assertEquals("80.0 | 80.0 | 150.0 | ok", of("workingAge", "", Role.STATISTICIAN));
        assertEquals("40.0 | 40.0 | 150.0 | ok", of("elderly", "", Role.STATISTICIAN));
    }

    @Test
    void medianAgeInterpolatesWithinTheSingleYearOfAge()
    {
        // 150 people, half = 75; 50 are younger than 30 and 60 are aged 30: 30 + (75 − 50) / 60 = 30.42.
        assertEquals("30.4 | null | 150.0 | ok", of("medianAge", "", Role.STATISTICIAN));
    }

    @Test
    void schoolAgesCountCohortsByCalendarYearOfBirthAtTheLatestThirtyFirstOfDecember()
    {
        assertEquals("15.0 | 15.0 | 105.0 | ok", of("schoolAgePreschool", "&date=2026-10-31", Role.STATISTICIAN));
        assertEquals("20.0 | 20.0 | 105.0 | ok", of("schoolAgePrimary", "", Role.STATISTICIAN));
        assertEquals("25.0 | 25.0 | 105.0 | ok", of("schoolAgeLowerSecondary", "", Role.STATISTICIAN));
        assertEquals("29.0 | 29.0 | 105.0 | ok", of("schoolAgeUpperSecondary", "", Role.STATISTICIAN));
        JsonNode value = json(server.get("/api/v1/indicators?ids=schoolAgePrimary&filter=unit:" + KOI, Role.STATISTICIAN)).get("values").get(0);
        assertEquals("2025-12-31", value.get("refDate").asText());
        assertEquals("school year 2025–2026: ages completed at 2025-12-31 = calendar year of birth", value.get("note").asText());
    }

    @Test
    void densityUsesTheCatalogueAreaWhereTheUnitHasOne()
    {
        // The area (former Kon Rẫy district) has 913.9 km² in the 2022 yearbook: 150 / 913.9 = 0.16.
        JsonNode area = json(server.get("/api/v1/indicators?ids=density&level=area", Role.STATISTICIAN)).get("values").get(0);
        assertEquals("0.2 | 150.0 | 913.9 | ok", text(area.get("value")) + " | " + text(area.get("numerator")) + " | " + text(area.get("denominator"))
                + " | " + area.get("status").asText());
        assertEquals("null | 150.0 | null | unavailable", of("density", "", Role.STATISTICIAN));
    }

    @Test
    void ratesUsePersonYearsLivedInTheYear()
    {
        // 140 person-years; 14 births, 3 deaths; 56 person-years of women 15–49.
        assertEquals("100.0 | 14.0 | 140.0 | ok", of("crudeBirthRate", "&year=2026", Role.STATISTICIAN));
        assertEquals("21.4 | 3.0 | 140.0 | ok", of("crudeDeathRate", "&year=2026", Role.STATISTICIAN));
        assertEquals("78.6 | 11.0 | 140.0 | ok", of("naturalIncreaseRate", "&year=2026", Role.STATISTICIAN));
        assertEquals("100.0 | 7.0 | 7.0 | ok", of("sexRatioAtBirth", "&year=2026", Role.STATISTICIAN));
        assertEquals("250.0 | 14.0 | 56.0 | ok", of("generalFertilityRate", "&year=2026", Role.STATISTICIAN));
        // ASFR: 15–19 (with the mother under 15) 1/8, 20–24 6/8, 25–29 4/8, 45–49 (with the mother of 50+) 3/8: 5 × 14/8 = 8.75.
        assertEquals("8.75 | 14.0 | 56.0 | ok", of("totalFertilityRate", "&year=2026", Role.STATISTICIAN));
    }

    @Test
    void migrationRatesCountMovesBetweenUnitsButNotWithinOne()
    {
        // Into Đăk Kôi: 5 from outside and 3 from Đăk Rve; out: 2.
        assertEquals("57.1 | 8.0 | 140.0 | ok", of("inMigrationRate", "&year=2026", Role.STATISTICIAN));
        assertEquals("14.3 | 2.0 | 140.0 | ok", of("outMigrationRate", "&year=2026", Role.STATISTICIAN));
        assertEquals("42.9 | 6.0 | 140.0 | ok", of("netMigrationRate", "&year=2026", Role.STATISTICIAN));
        // For the whole area, the move from Đăk Rve is internal: in 5, out 2.
        JsonNode area = json(server.get("/api/v1/indicators?ids=inMigrationRate&level=area&year=2026", Role.STATISTICIAN)).get("values").get(0);
        assertEquals("35.7 | 5.0", text(area.get("value")) + " | " + text(area.get("numerator")));
    }

    @Test
    void movesWithinACommuneMergedIn2025DropOutOnTheUnitsOf2025()
    {
        assertEquals(List.of(), rows("/api/v1/cubes/migration/query?dims=unit,flow&period=2025&geo=2025"));
        // On the units in force, a period on one side of the reform: the first half of 2025, when the two communes still existed.
        assertEquals(List.of("23482 | BETWEEN_OUT | 4", "23485 | BETWEEN_IN | 4"),
                rows("/api/v1/cubes/migration/query?dims=unit,flow&period=2025-01/2025-06&geo=asof"));
    }

    private static List<String> rows(String path)
    {
        HttpResponse<String> response = server.get(path, Role.STATISTICIAN);
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.rows(json(response), "unit", "flow", "moves");
    }

    @Test
    void householdSizeIsMembersOverHouseholds()
    {
        // 31 households, 102 members (a household of 12 counts in the 10+ group).
        assertEquals("3.29 | 102.0 | 31.0 | ok", of("householdSize", "", Role.STATISTICIAN));
    }

    @Test
    void decision06SharesAreOfAllResidentsAndOfThoseAged14AndOver()
    {
        assertEquals("60.0 | 60.0 | 110.0 | ok", of("chipCardHolders", "", Role.STATISTICIAN));
        assertEquals("54.5 | 60.0 | 110.0 | ok", of("chipCardShare", "", Role.STATISTICIAN));
        assertEquals("85.7 | 60.0 | 70.0 | ok", of("chipCardShareEligible", "", Role.STATISTICIAN));
        assertEquals("18.2 | 20.0 | 110.0 | ok", of("vneidLevel1Share", "", Role.STATISTICIAN));
        assertEquals("28.6 | 20.0 | 70.0 | ok", of("vneidLevel1ShareEligible", "", Role.STATISTICIAN));
        assertEquals("27.3 | 30.0 | 110.0 | ok", of("vneidLevel2Share", "", Role.STATISTICIAN));
        assertEquals("42.9 | 30.0 | 70.0 | ok", of("vneidLevel2ShareEligible", "", Role.STATISTICIAN));
    }

    @Test
    void aRateWhoseNumeratorIsWithheldIsWithheldForViewers()
    {
        // 3 deaths: below the threshold, so the crude death rate is withheld; births (14) are not.
        assertEquals("null | null | null | suppressed", of("crudeDeathRate", "&year=2026", Role.VIEWER));
        assertEquals("100.0 | 14.0 | 140.0 | ok", of("crudeBirthRate", "&year=2026", Role.VIEWER));
    }

    @Test
    void seriesHoldTheGeographyFixedAcrossMonthEnds()
    {
        JsonNode body = json(server.get("/api/v1/indicators/series?ids=population&filter=unit:" + KOI + "&from=2025-01&to=2026-12", Role.STATISTICIAN));
        JsonNode series = body.get("series").get(0);
        assertEquals(KOI, series.get("unit").asText());
        List<String> points = new ArrayList<>();
        series.get("points").forEach(point -> points.add(point.get("refDate").asText() + " " + point.get("value").asText()));
        assertEquals(List.of("2025-12-31 105.0", "2026-10-31 150.0"), points);
    }

    @Test
    void GET_indicators_unknownId_returns400WithTheIds()
    {
        HttpResponse<String> response = server.get("/api/v1/indicators?ids=happiness");
        assertEquals(400, response.statusCode());
        assertEquals("invalid parameter 'ids': unknown indicator 'happiness'; allowed: " + String.join(", ", vn.dancu.api.indicator.Indicator.ids()),
                title(response));
    }

    @Test
    void GET_indicators_exportCsvHasOneRowPerIndicatorAndUnit()
    {
        HttpResponse<String> response = server.get("/api/v1/indicators/export?format=csv&ids=population,sexRatio&filter=unit:" + KOI + "&lang=en",
                Role.STATISTICIAN);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of("indicator,Indicator,unit,Administrative unit,value,value_status",
                "population,Total population (persons),23485,Đăk Kôi commune,150.00,ok",
                "sexRatio,Sex ratio (males per 100 females),23485,Đăk Kôi commune,100.00,ok"),
                List.of(response.body().replace("\uFEFF", "").split("\r\n")));
    }

    @Test
    void ratesFromFewEventsCarryTheirPoissonIntervalAndAreMarkedOfLowReliability()
    {
        // 14 births over 140 person-years: 100 ‰; the exact 95 % limits of 14 events are 7.654 and 23.490: 54.67–167.78 ‰.
        JsonNode value = json(server.get("/api/v1/indicators?ids=crudeBirthRate,sexRatioAtBirth,sexRatio&filter=unit:" + KOI + "&year=2026",
                Role.STATISTICIAN)).get("values");
        assertEquals("54.67 167.78 true", value.get(0).get("lower").asText() + " " + value.get(0).get("upper").asText() + " "
                + value.get(0).get("lowReliability").asText());
        // 7 boys and 7 girls: a sex ratio at birth of 100 that could be anything from about 35 to 285.
        assertEquals("100.0 true", value.get(1).get("value").asText() + " " + value.get(1).get("lowReliability").asText());
        // A ratio of a complete count (the stock) has no interval.
        assertEquals(true, value.get(2).path("lower").isNull() || value.get(2).path("lower").isMissingNode());
    }

    @Test
    void aOneCommuneAccountGetsTheAreasRatiosWithoutItsCounts()
    {
        String token = server.scopedToken(Role.LEADER, java.util.Set.of(KOI));
        HttpResponse<String> response = server.get("/api/v1/indicators?ids=population,sexRatio,crudeBirthRate&level=area&year=2026",
                "Authorization", "Bearer " + token);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode values = json(response).get("values");
        assertEquals("null unavailable", text(values.get(0).get("value")) + " " + values.get(0).get("status").asText());
        assertEquals("100.0 null null", text(values.get(1).get("value")) + " " + text(values.get(1).get("numerator")) + " " + text(values.get(1).get("denominator")));
        // The rate without its interval, whose width would give the number of births away.
        assertEquals("100.0 null null", text(values.get(2).get("value")) + " " + text(values.get(2).get("numerator")) + " " + text(values.get(2).get("lower")));
        // The counts of the area stay refused to it.
        assertEquals(403, server.get("/api/v1/cubes/population_stock/query?level=area", "Authorization", "Bearer " + token).statusCode());
    }
}
