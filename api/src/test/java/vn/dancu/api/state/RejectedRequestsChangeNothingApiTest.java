package vn.dancu.api.state;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.TestServer;
import vn.dancu.api.access.Role;
import vn.dancu.api.settings.ServerSettings;
import vn.dancu.api.settings.Target;
import vn.dancu.datasets.geo.Area;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static vn.dancu.api.TestServer.json;

/**
 * Every change of the server's state is one transaction: each request the admin and access API refuse leaves every row
 * of the state database as it was (compared row by row before and after).
 */
class RejectedRequestsChangeNothingApiTest
{
    @TempDir
    static Path data;
    private static TestServer server;
    private static String admin;

    private record Rejected(String method, String path, String body, int status) {}

    @BeforeAll
    static void start() throws Exception
    {
        new CubeFixture("population_stock")
                .row("2026-10-31", "23485", "M", 31, "14", "PERMANENT", 12)
                .row("2026-10-31", "23479", "F", 4, "14", "PERMANENT", 8)
                .publish(data, "v1", "konray");
        server = TestServer.start(data, Area.konray(), "population_stock");
        admin = "Bearer " + server.token(Role.ADMIN);
        server.accounts.create("lan", "Nguyễn Thị Lan", Role.LEADER, Set.of("23485"), "mat-khau-cua-lan");
        server.tokens.issue("lan", "script", java.time.Duration.ofDays(30));
        server.settings.replace(new ServerSettings(7, 90.0, null,
                List.of(new Target("chipCardShareEligible", Target.AREA, 95, LocalDate.of(2027, 12, 31), false)), Instant.parse("2026-12-01T00:00:00Z"), "test"));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void everyRefusedAdminRequestLeavesTheStateDatabaseAsItWas()
    {
        String validTarget = "{\"indicator\": \"vneidLevel2ShareEligible\", \"unit\": \"AREA\", \"value\": 85, \"deadline\": \"2027-12-31\"}";
        List<Rejected> requests = List.of(
                // an account whose name exists, whatever else the request says
                new Rejected("POST", "/api/v1/admin/accounts", "{\"username\":\"lan\",\"role\":\"admin\",\"password\":\"another-good-password\"}", 409),
                new Rejected("POST", "/api/v1/admin/accounts", "{\"username\":\"lan\",\"role\":\"viewer\",\"scope\":[\"23479\"],\"password\":\"another-good-password\"}", 409),
                // a new account with one bad part
                new Rejected("POST", "/api/v1/admin/accounts", "{\"username\":\"new.one\",\"role\":\"leader\",\"password\":\"short\"}", 400),
                new Rejected("POST", "/api/v1/admin/accounts", "{\"username\":\"new.one\",\"role\":\"chief\",\"password\":\"a-good-password-1\"}", 400),
                new Rejected("POST", "/api/v1/admin/accounts", "{\"username\":\"new.one\",\"role\":\"leader\",\"scope\":[\"23485\",\"99999\"],\"password\":\"a-good-password-1\"}", 400),
                new Rejected("POST", "/api/v1/admin/accounts", "{\"username\":\"NO SPACES\",\"role\":\"leader\",\"password\":\"a-good-password-1\"}", 400),
                // a change whose first parts are valid and a later part is not
                new Rejected("PATCH", "/api/v1/admin/accounts/lan", "{\"displayName\":\"Lan 2\",\"role\":\"planner\",\"password\":\"short\"}", 400),
                new Rejected("PATCH", "/api/v1/admin/accounts/lan", "{\"displayName\":\"Lan 2\",\"role\":\"planner\",\"scope\":[\"23479\",\"99999\"]}", 400),
                new Rejected("PATCH", "/api/v1/admin/accounts/lan", "{\"displayName\":\"Lan 2\",\"role\":\"planner\",\"disabled\":\"yes\"}", 400),
                new Rejected("PATCH", "/api/v1/admin/accounts/lan", "{\"displayName\":\"Lan 2\",\"role\":\"planner\",\"colour\":\"red\"}", 400),
                new Rejected("PATCH", "/api/v1/admin/accounts/lan", "{\"displayName\":\"Lan 2\",\"role\":\"emperor\"}", 400),
                new Rejected("PATCH", "/api/v1/admin/accounts/test-admin", "{\"displayName\":\"Me\",\"role\":\"viewer\"}", 409),
                new Rejected("PATCH", "/api/v1/admin/accounts/test-admin", "{\"disabled\":true}", 409),
                new Rejected("PATCH", "/api/v1/admin/accounts/nobody-here", "{\"role\":\"viewer\"}", 404),
                new Rejected("DELETE", "/api/v1/admin/accounts/test-admin", null, 409),
                new Rejected("DELETE", "/api/v1/admin/accounts/nobody-here", null, 404),
                new Rejected("DELETE", "/api/v1/admin/tokens/000000000000", null, 404),
                // settings: a valid threshold with an invalid target, and each other kind of invalid value
                new Rejected("PUT", "/api/v1/admin/settings", "{\"suppressionThreshold\": 10, \"targets\": [" + validTarget
                        + ", {\"indicator\": \"chipCardShareEligible\", \"unit\": \"99999\", \"value\": 90, \"deadline\": \"2027-12-31\"}]}", 400),
                new Rejected("PUT", "/api/v1/admin/settings", "{\"suppressionThreshold\": 10, \"targets\": [" + validTarget + ", " + validTarget + "]}", 400),
                new Rejected("PUT", "/api/v1/admin/settings", "{\"suppressionThreshold\": 10, \"targets\": [" + validTarget
                        + ", {\"indicator\": \"chipCardShareEligible\", \"unit\": \"AREA\", \"value\": 101, \"deadline\": \"2027-12-31\"}]}", 400),
                new Rejected("PUT", "/api/v1/admin/settings", "{\"suppressionThreshold\": 10, \"targets\": [" + validTarget
                        + ", {\"indicator\": \"chipCardShareEligible\", \"unit\": \"AREA\", \"value\": 90, \"deadline\": \"31/12/2027\"}]}", 400),
                new Rejected("PUT", "/api/v1/admin/settings", "{\"suppressionThreshold\": 10, \"targets\": [" + validTarget
                        + ", {\"indicator\": \"births\", \"unit\": \"AREA\", \"value\": 90, \"deadline\": \"2027-12-31\"}]}", 400),
                new Rejected("PUT", "/api/v1/admin/settings", "{\"chipCardTarget\": 99, \"suppressionThreshold\": 1}", 400),
                new Rejected("PUT", "/api/v1/admin/settings", "{\"suppressionThreshold\": 10, \"chipCardTarget\": 150}", 400),
                new Rejected("PUT", "/api/v1/admin/settings", "{\"suppressionThreshold\": 10, \"vneidLevel2Target\": \"high\"}", 400),
                new Rejected("PUT", "/api/v1/admin/settings", "{\"suppressionThreshold\": 10, \"targets\": {\"not\": \"a list\"}}", 400),
                // a token too long-lived
                new Rejected("POST", "/api/v1/auth/tokens", "{\"name\":\"forever\",\"days\":400}", 400));
        for (Rejected request : requests) {
            List<String> before = StateSnapshot.of(server.state);
            long revision = server.settings.revision();
            HttpResponse<String> answer = server.send(request.method(), request.path(), request.body(), "Authorization", admin);
            String described = request.method() + " " + request.path() + " " + request.body();
            assertEquals(request.status(), answer.statusCode(), described + " → " + answer.body());
            assertEquals(request.status(), json(answer).get("status").asInt(), described);
            assertEquals(before, StateSnapshot.of(server.state), described);
            assertEquals(revision, server.settings.revision(), described);
        }
        assertEquals(7, server.settings.current().suppressionThreshold());
    }

    @Test
    void anAcceptedRequestDoesChangeTheSnapshot()
    {
        List<String> before = StateSnapshot.of(server.state);
        HttpResponse<String> created = server.send("POST", "/api/v1/admin/accounts", "{\"username\":\"minh\",\"role\":\"viewer\",\"password\":\"a-good-password-1\"}",
                "Authorization", admin);
        assertEquals(201, created.statusCode(), created.body());
        List<String> after = StateSnapshot.of(server.state);
        assertNotEquals(before, after);
        assertEquals(1, after.stream().filter(line -> line.startsWith("account | ") && line.contains("minh")).count(), after.toString());
        assertEquals(204, server.send("DELETE", "/api/v1/admin/accounts/minh", null, "Authorization", admin).statusCode());
        assertEquals(before, StateSnapshot.of(server.state));
    }
}
