package vn.dancu.api.sql;

import io.javalin.Javalin;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.CubeFixture;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.sql.SqlLimits;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardWithoutSparkTest
{
    @TempDir
    Path data;

    @Test
    void cubeQueriesNeverStartSparkNorTheSqlEngine() throws Exception
    {
        new CubeFixture("population_stock").row("2026-10-31", "23485", "M", 31, "14", "PERMANENT", 12).publish(data, "v1", "konray");
        DataLayout layout = new DataLayout(data.toString());
        SqlService[] sql = new SqlService[1];
        SqlTestServer test = new SqlTestServer(layout, data.resolve("server"), CubeCatalog.builtIn(), 5, queries -> {
            sql[0] = new SqlService(SqlLimits.serverDefaults(), new SqlAuditLog(data.resolve("server/audit/sql-audit.jsonl"), Clock.systemUTC()),
                    TestEngines.process(layout, data.resolve("server/sql-engine.log"), "1g"));
            return sql[0];
        }, Clock.systemUTC());
        Javalin server = test.server;
        try {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : new String[] {"/api/v1/cubes", "/api/v1/cubes/population_stock/query?dims=sex", "/api/v1/units"}) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), path + ": " + response.body());
            }
        }
        finally {
            server.stop();
        }
        assertFalse(sql[0].started(), "a dashboard query must not start the SQL engine");
        assertTrue(ProcessHandle.current().children().noneMatch(child -> child.info().commandLine().orElse("").contains("SqlEngineMain")));
        assertTrue(SparkSession.getActiveSession().isEmpty());
        assertTrue(SparkSession.getDefaultSession().isEmpty());
    }
}
