package vn.dancu.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
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
 * The map is drawn a few hundred pixels wide, one pixel being about 0.003° there: each polygon is simplified with
 * JTS's topology-preserving simplifier at {@value #TOLERANCE}° (about 55 m, a fifth of a pixel), coordinates are
 * rounded to 4 decimals (about 11 m) and the source's {@code bbox_src} is dropped. That cuts the download from 331 KB
 * (48 KB compressed after rounding alone) to under 16 KB compressed (MapControllerTest). Commune boundaries are not public
 * (see datasets' reference/SOURCES.md).
 */
public final class MapController
{
    public static final String DISTRICTS_FILE = "kon_tum_districts.geojson";
    private static final double SCALE = 10_000d;
    static final double TOLERANCE = 0.0005;
    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final PrecisionModel GRID = new PrecisionModel(SCALE);

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
                ObjectNode geometry = (ObjectNode) feature.get("geometry");
                geometry.set("coordinates", simplified(json, geometry.get("type").asText(), geometry.get("coordinates")));
            }
            return json.writeValueAsBytes(root);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName, e);
        }
    }

    /** A Polygon's or MultiPolygon's coordinates, simplified as one geometry (so that its rings stay valid). */
    private static JsonNode simplified(ObjectMapper json, String type, JsonNode coordinates)
    {
        Geometry geometry = switch (type) {
            case "Polygon" -> polygon(coordinates);
            case "MultiPolygon" -> {
                Polygon[] polygons = new Polygon[coordinates.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(coordinates.get(i));
                }
                yield GEOMETRY.createMultiPolygon(polygons);
            }
            default -> throw new IllegalStateException("unexpected geometry " + type + " in " + DISTRICTS_FILE);
        };
        // Rounded to the grid first, by JTS (which drops what rounding collapses, so the polygon stays valid); the
        // simplifier then keeps a subset of those vertices.
        Geometry simple = TopologyPreservingSimplifier.simplify(GeometryPrecisionReducer.reduce(geometry, GRID), TOLERANCE);
        if (type.equals("Polygon")) {
            return rings(json, (Polygon) simple);
        }
        // A MultiPolygon stays one, even if the simplifier hands back a single Polygon.
        ArrayNode out = json.createArrayNode();
        for (int i = 0; i < simple.getNumGeometries(); i++) {
            out.add(rings(json, (Polygon) simple.getGeometryN(i)));
        }
        return out;
    }

    private static Polygon polygon(JsonNode rings)
    {
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return GEOMETRY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode points)
    {
        Coordinate[] coordinates = new Coordinate[points.size()];
        for (int i = 0; i < coordinates.length; i++) {
            coordinates[i] = new Coordinate(points.get(i).get(0).asDouble(), points.get(i).get(1).asDouble());
        }
        return GEOMETRY.createLinearRing(coordinates);
    }

    private static ArrayNode rings(ObjectMapper json, Polygon polygon)
    {
        ArrayNode rings = json.createArrayNode();
        rings.add(points(json, polygon.getExteriorRing().getCoordinates()));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(points(json, polygon.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static ArrayNode points(ObjectMapper json, Coordinate[] coordinates)
    {
        ArrayNode points = json.createArrayNode();
        for (Coordinate coordinate : coordinates) {
            points.add(json.createArrayNode().add(coordinate.x).add(coordinate.y));
        }
        return points;
    }
}
