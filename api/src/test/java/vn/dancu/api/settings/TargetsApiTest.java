package vn.dancu.api.settings;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.TestServer;
import vn.dancu.api.access.Role;
import vn.dancu.datasets.geo.Area;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.dancu.api.TestServer.json;

/** Decision 06 targets with deadlines, set by an admin in the server settings and given with the indicators. */
class TargetsApiTest
{
    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture identity = new CubeFixture("identity_coverage")
                .row("2026-10-31", "23485", "M", "25-39", "YES", "2", 30)
                .row("2026-10-31", "23485", "F", "25-39", "NO", "0", 10);
        CubeFixture.publish(data, "v1", "konray", identity);
        server = TestServer.start(data, Area.konray(), "identity_coverage");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private HttpResponse<String> put(String body)
    {
        return server.send("PUT", "/api/v1/admin/settings", body, "Authorization", "Bearer " + server.token(Role.ADMIN), "Content-Type", "application/json");
    }

    @Test
    void anAdminSetsTargetsWithDeadlinesAndTheIndicatorsGiveThem()
    {
        ServerSettings before = server.settings.current();
        try {
            HttpResponse<String> saved = put("{\"targets\": [{\"indicator\": \"chipCardShareEligible\", \"unit\": \"AREA\", \"value\": 95, \"deadline\": \"2027-12-31\"},"
                    + " {\"indicator\": \"vneidLevel2ShareEligible\", \"unit\": \"23485\", \"value\": 80, \"deadline\": \"2027-06-30\", \"example\": true}]}");
            assertEquals(200, saved.statusCode(), saved.body());
            JsonNode answer = json(server.get("/api/v1/indicators?ids=chipCardShareEligible&level=area", Role.VIEWER));
            assertEquals(95.0, answer.get("targets").get("chipCardShareEligible").asDouble());
            assertEquals("chipCardShareEligible AREA 95.0 2027-12-31 false | vneidLevel2ShareEligible 23485 80.0 2027-06-30 true",
                    String.join(" | ", answer.get("targetList").findParents("indicator").stream().map(t -> t.get("indicator").asText() + " " + t.get("unit").asText() + " "
                            + t.get("value").asDouble() + " " + t.get("deadline").asText() + " " + t.get("example").asBoolean()).toList()));
            // Kept in the state database: a new store reads them back; a unit without its own target has the area's.
            ServerSettings reread = new SettingsStore(server.state).current();
            assertEquals(2, reread.targets().size());
            assertEquals(95.0, reread.target("chipCardShareEligible", "23479").orElseThrow().value());
            assertEquals(LocalDate.parse("2027-06-30"), reread.target("vneidLevel2ShareEligible", "23485").orElseThrow().deadline());
        }
        finally {
            server.settings.replace(before);
        }
    }

    @Test
    void aBadTargetIsRefusedNamingTheField()
    {
        for (String[] bad : new String[][] {
                {"{\"targets\": [{\"indicator\": \"population\", \"unit\": \"AREA\", \"value\": 95, \"deadline\": \"2027-12-31\"}]}", "is not one of"},
                {"{\"targets\": [{\"indicator\": \"chipCardShareEligible\", \"unit\": \"99999\", \"value\": 95, \"deadline\": \"2027-12-31\"}]}", "is not AREA nor a commune"},
                {"{\"targets\": [{\"indicator\": \"chipCardShareEligible\", \"unit\": \"AREA\", \"value\": 120, \"deadline\": \"2027-12-31\"}]}", "between 0 and 100"},
                {"{\"targets\": [{\"indicator\": \"chipCardShareEligible\", \"unit\": \"AREA\", \"value\": 95, \"deadline\": \"end of 2027\"}]}", "is not a date"},
                {"{\"targets\": [{\"indicator\": \"chipCardShareEligible\", \"unit\": \"AREA\", \"value\": 95, \"deadline\": \"2027-12-31\"},"
                        + " {\"indicator\": \"chipCardShareEligible\", \"unit\": \"AREA\", \"value\": 90, \"deadline\": \"2027-06-30\"}]}", "two targets"}}) {
            HttpResponse<String> response = put(bad[0]);
            assertEquals(400, response.statusCode(), response.body());
            String title = json(response).get("title").asText();
            assertEquals(true, title.startsWith("invalid parameter 'targets'") && title.contains(bad[1]), title);
        }
        assertEquals(List.of(), server.settings.current().targets(), "nothing was saved");
    }
}
