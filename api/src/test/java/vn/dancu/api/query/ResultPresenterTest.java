package vn.dancu.api.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.dancu.api.http.Json;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.CubeManifest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Presenting a protected table, alone: labels in the asked language, a withheld value null and marked, the source. */
class ResultPresenterTest
{
    private static final CubeDescriptor STOCK = CubeCatalog.builtInFile("population_stock.json");
    private static final CubeManifest MANIFEST = new CubeManifest("v7", Instant.parse("2026-11-01T00:00:00Z"), "test", "s-7",
            LocalDate.of(2026, 10, 31), "konray", null, List.of());

    private static CubeTable table(String language)
    {
        CubeQuery query = new CubeQuery("population_stock", List.of("sex", "ageBroad"), List.of("population"), Map.of("sex", Set.of("F", "M")),
                List.of(LocalDate.of(2026, 10, 31)), (QueryPeriod) null, GeographyDimension.Geography.Y2025, GeographyDimension.Level.COMMUNE, language);
        List<QueryDimension> dimensions = List.of(new CategoryDimension(STOCK.dimension("sex").orElseThrow()),
                AgeDimension.of(AgeDimension.Grouping.BROAD, "age"));
        List<CubeTable.Row> rows = List.of(new CubeTable.Row(List.of("M", "0-14"), new long[] {12}, false),
                new CubeTable.Row(List.of("F", "65+"), new long[] {0}, true));
        return new CubeTable(STOCK, MANIFEST, query, dimensions, rows, List.of("commune.sex.age", "commune.sex.age"),
                new CubeTable.Disclosure(3L, "population", 1, "rule"));
    }

    @Test
    void presentsRowsWithLabelsAndAWithheldValueAsNull() throws Exception
    {
        QueryResult result = ResultPresenter.present(table("en"));
        ObjectMapper json = Json.mapper();
        assertEquals("[{\"sex\":\"M\",\"sexLabel\":\"Male\",\"ageBroad\":\"0-14\",\"ageBroadLabel\":\"0–14\",\"population\":12,"
                + "\"status\":{\"population\":\"ok\"}},{\"sex\":\"F\",\"sexLabel\":\"Female\",\"ageBroad\":\"65+\",\"ageBroadLabel\":\"65 and over\","
                + "\"population\":null,\"status\":{\"population\":\"suppressed\"}}]", json.writeValueAsString(result.rows()));
        assertEquals("[{\"name\":\"sex\",\"label\":\"Sex\",\"kind\":\"dimension\"},{\"name\":\"ageBroad\",\"label\":\"Broad age group\",\"kind\":\"dimension\"},"
                + "{\"name\":\"population\",\"label\":\"Population\",\"kind\":\"measure\"}]", json.writeValueAsString(result.columns()));
        assertEquals("commune.sex.age", result.cuboid());
        assertEquals(new QueryResult.Disclosure(3L, "population", 1, "rule"), result.disclosure());
        assertEquals("dancu, cube population_stock, version v7, population register extract of 2026-10-31", result.source().text());
    }

    @Test
    void writesTheSourceInVietnameseWithTheDateAsDdMmYyyy()
    {
        assertEquals("dancu, khối population_stock, phiên bản v7, trích xuất CSDL dân cư ngày 31/10/2026",
                ResultPresenter.present(table("vi")).source().text());
        assertEquals("Nữ", ResultPresenter.present(table("vi")).rows().get(1).get("sexLabel"));
    }
}
