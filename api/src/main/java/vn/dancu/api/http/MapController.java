package vn.dancu.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vn.dancu.datasets.ReferenceFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The district boundaries of Kon Tum province (before 1 July 2025) as GeoJSON, for the dashboard's choropleth map.
 * Coordinates are rounded to 4 decimals (about 11 m: far finer than a district map is drawn) and the source's
 * {@code bbox_src} is dropped, which cuts the download from 331 KB to about 200 KB (48 KB compressed). Commune
 * boundaries are not public (see datasets' reference/SOURCES.md).
 */
public final class MapController
{
    public static final String DISTRICTS_FILE = "kon_tum_districts.geojson";
    private static final double SCALE = 10_000d;

    private final byte[] districts;
    private final String etag;

    public MapController(ObjectMapper json)
    {
        this.districts = compact(json, DISTRICTS_FILE);
        try {
            this.etag = "\"map-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(districts)).substring(0, 20) + "\"";
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }

    /** GET /api/v1/maps/kon-tum-districts */
    public void konTumDistricts(Context ctx)
    {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "public, max-age=86400");
        String asked = ctx.header("If-None-Match");
        if (asked != null && List.of(asked.split("\\s*,\\s*")).contains(etag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType("application/geo+json; charset=utf-8");
        ctx.result(districts);
    }

    static byte[] compact(ObjectMapper json, String fileName)
    {
        try (InputStream in = ReferenceFiles.open(fileName)) {
            JsonNode root = json.readTree(in);
            for (JsonNode feature : root.get("features")) {
                ((ObjectNode) feature.get("properties")).remove("bbox_src");
                round(feature.get("geometry").get("coordinates"));
            }
            return json.writeValueAsBytes(root);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName, e);
        }
    }

    private static void round(JsonNode coordinates)
    {
        ArrayNode array = (ArrayNode) coordinates;
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (item.isArray()) {
                round(item);
            }
            else {
                array.set(i, array.numberNode(Math.round(item.asDouble() * SCALE) / SCALE));
            }
        }
    }
}
