package vn.dancu.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.bench.DisclosureAttackBenchmark;
import vn.dancu.api.disclosure.EnumeratingAttacker;
import vn.dancu.datasets.geo.Area;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dancu.api.TestServer.json;

/**
 * The cells issue 13 found computable, on a hand-made version: moves between communes (which cancel at area level)
 * and households with their members (two measures). An intruder downloading every table must recover nothing.
 */
class LinkedCubesDisclosureApiTest
{
    private static final String RAVE = "23479";
    private static final String KOI = "23485";
    private static final String BRAIH = "23497";

    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        String month = "2026-10-31";
        CubeFixture migration = new CubeFixture("migration")
                // Women aged 0-4: 65 arrived from outside, 4 left the area, 11 moved from Đăk Rve to Đăk Kôi.
                .row(month, RAVE, "IN", "OUTSIDE", "F", "0-4", 40)
                .row(month, KOI, "IN", "OUTSIDE", "F", "0-4", 25)
                .row(month, RAVE, "OUT", "OUTSIDE", "F", "0-4", 4)
                .row(month, KOI, "BETWEEN_IN", RAVE, "F", "0-4", 11)
                .row(month, RAVE, "BETWEEN_OUT", KOI, "F", "0-4", 11)
                .row(month, RAVE, "IN", "OUTSIDE", "M", "0-4", 30)
                .row(month, BRAIH, "IN", "OUTSIDE", "M", "0-4", 12)
                .row(month, BRAIH, "OUT", "OUTSIDE", "M", "5-9", 9)
                .row(month, KOI, "OUT", "OUTSIDE", "M", "5-9", 2)
                .row(month, BRAIH, "BETWEEN_IN", KOI, "M", "5-9", 3)
                .row(month, KOI, "BETWEEN_OUT", BRAIH, "M", "5-9", 3)
                .row(month, BRAIH, "IN", "OUTSIDE", "F", "5-9", 21);
        CubeFixture households = new CubeFixture("households")
                // Households of 2 and 3 in Đăk Rve are few: their members (2 × and 3 × the count) must not give them away.
                .row(month, RAVE, 1, 30, 30).row(month, RAVE, 2, 2, 4).row(month, RAVE, 3, 1, 3).row(month, RAVE, 4, 20, 80)
                .row(month, RAVE, 10, 3, 36)
                .row(month, KOI, 1, 25, 25).row(month, KOI, 2, 18, 36).row(month, KOI, 3, 2, 6).row(month, KOI, 4, 15, 60)
                .row(month, BRAIH, 1, 10, 10).row(month, BRAIH, 2, 12, 24).row(month, BRAIH, 3, 9, 27).row(month, BRAIH, 4, 1, 4)
                .row(month, BRAIH, 10, 6, 70);
        CubeFixture.publish(data, "v1", "konray", migration, households);
        server = TestServer.start(data, Area.konray(), "migration", "households");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void anIntruderWhoDownloadsEveryTableOfMovesAndHouseholdsRecoversNothing()
    {
        EnumeratingAttacker.Figures figures = DisclosureAttackBenchmark.attack(server, Area.konray(), true, true, 2, line -> {});
        assertEquals(List.of(), figures.serverErrors());
        assertEquals(List.of(), figures.inconsistencies());
        assertEquals(List.of(), figures.exportMismatches());
        assertTrue(figures.suppressedSmall() >= 4, figures.summary());
        assertEquals(0, figures.recovered(), figures.summary() + "; " + figures.recoveredExamples());
    }

    @Test
    void theOutflowOfIssue13CannotBeComputedFromTheAreaTotal()
    {
        // At area level moves within the area cancel: area = IN + OUT. With OUT = 4 withheld, the area total and the
        // inflow of the same women may not both be published.
        JsonNode flows = json(server.get("/api/v1/cubes/migration/query?period=2026&dims=flow,sex,ageGroup&filter=sex:F&filter=ageGroup:0-4"));
        JsonNode area = json(server.get("/api/v1/cubes/migration/query?period=2026&level=area&dims=sex,ageGroup&filter=sex:F&filter=ageGroup:0-4"));
        JsonNode in = null;
        JsonNode out = null;
        for (JsonNode row : flows.get("rows")) {
            if (row.get("flow").asText().equals("IN")) {
                in = row.get("moves");
            }
            if (row.get("flow").asText().equals("OUT")) {
                out = row.get("moves");
            }
        }
        assertTrue(out != null && out.isNull(), "4 women who left are withheld: " + flows.get("rows"));
        JsonNode total = area.get("rows").get(0).get("moves");
        assertTrue(in == null || in.isNull() || total.isNull(), "inflow " + in + " and area total " + total + " published together give the outflow");
    }

    @Test
    void householdsAndTheirMembersAreWithheldTogether()
    {
        JsonNode body = json(server.get("/api/v1/cubes/households/query?dims=unit,householdSize"));
        for (JsonNode row : body.get("rows")) {
            boolean withheld = row.get("households").isNull();
            assertEquals(withheld, row.get("members").isNull(), "both measures of " + row);
            if (row.get("unit").asText().equals(RAVE) && List.of("2", "3").contains(row.get("householdSize").asText())) {
                assertTrue(withheld, "2 and 1 households of Đăk Rve are withheld: " + row);
            }
        }
    }
}
