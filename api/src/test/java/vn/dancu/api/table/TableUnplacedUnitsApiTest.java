package vn.dancu.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.TestServer;
import vn.dancu.api.access.Role;
import vn.dancu.datasets.geo.Area;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.dancu.api.TestServer.json;

/** A commune code the catalogue cannot place (a messy register) is a row of its own in a table by unit, and counted in the totals. */
class TableUnplacedUnitsApiTest
{
    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        new CubeFixture("population_stock")
                .row("2026-10-31", "23479", "M", 30, "14", "PERMANENT", 40)
                .row("2026-10-31", "23479", "F", 30, "14", "PERMANENT", 35)
                .row("2026-10-31", "23485", "F", 30, "14", "PERMANENT", 20)
                .row("2026-10-31", "99999", "M", 30, "14", "PERMANENT", 7)
                .publish(data, "v1", "konray");
        server = TestServer.start(data, Area.konray(), "population_stock");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void anUnplacedCommuneCodeIsARowOfItsOwnAndCountedInTheTotals()
    {
        JsonNode table = json(server.get("/api/v1/tables?cube=population_stock&rows=unit&cols=sex", Role.STATISTICIAN));
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < table.get("rows").get("headers").size(); r++) {
            JsonNode header = table.get("rows").get("headers").get(r);
            rows.add(header.get("codes").get(0).asText() + " | " + header.get("labels").get(0).asText() + " | "
                    + TableApiTest.cell(table.get("cells").get(r).get(0)) + " | " + TableApiTest.cell(table.get("cells").get(r).get(1)) + " | "
                    + TableApiTest.cell(table.get("rowTotals").get(r)));
        }
        assertEquals(List.of("23479 | Xã Đăk Rve | 40 ok | 35 ok | 75 ok", "23485 | Xã Đăk Kôi | 0 ok | 20 ok | 20 ok", "23497 | Xã Kon Braih | 0 ok | 0 ok | 0 ok",
                "UNKNOWN | Không xác định được đơn vị (mã xã không có trong danh mục) | 7 ok | 0 ok | 7 ok"), rows);
        assertEquals("47 ok", TableApiTest.cell(table.get("columnTotals").get(0)));
        assertEquals("102 ok", TableApiTest.cell(table.get("grandTotal")));
    }
}
