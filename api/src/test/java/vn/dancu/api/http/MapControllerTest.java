package vn.dancu.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import vn.dancu.datasets.ReferenceFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapControllerTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDistrictMapIsSimplifiedWithinAThirdOfAPixelAndKeepsUnderAThirdOfItsPoints() throws IOException
    {
        byte[] compact = MapController.compact(JSON, MapController.DISTRICTS_FILE);
        JsonNode simplified = JSON.readTree(compact);
        JsonNode original;
        try (InputStream in = ReferenceFiles.open(MapController.DISTRICTS_FILE)) {
            original = JSON.readTree(in);
        }
        assertEquals(10, simplified.get("features").size());
        int before = 0;
        int after = 0;
        for (int i = 0; i < 10; i++) {
            Geometry from = withoutSlivers(geometry(original.get("features").get(i).get("geometry")));
            Geometry to = geometry(simplified.get("features").get(i).get("geometry"));
            String name = simplified.get("features").get(i).get("properties").get("name").asText();
            assertEquals(original.get("features").get(i).get("properties").get("name").asText(), name);
            assertTrue(to.isValid() || !from.isValid(), name + " stays a valid polygon (source valid: " + from.isValid() + ")");
            // No point of either outline is farther from the other than twice the tolerance: 0.001°, about 110 m, a third
            // of a pixel of the map as drawn (the simplifier works per ring, and coordinates are rounded afterwards).
            double distance = DiscreteHausdorffDistance.distance(from, to);
            assertTrue(distance <= 2 * MapController.TOLERANCE, name + " moved by " + distance + "°");
            assertEquals(from.getArea(), to.getArea(), from.getArea() * 0.005, name + ": area kept within 0.5 %");
            before += from.getNumPoints();
            after += to.getNumPoints();
        }
        assertTrue(after * 3 < before, "points: " + before + " → " + after);
        assertTrue(gzipped(compact) < 16_000, "compressed: " + gzipped(compact) + " bytes");
    }

    private static Geometry geometry(JsonNode geometry)
    {
        // GeoJSON's nested arrays as WKT: [[x,y],…] → (x y, …).
        String coordinates = geometry.get("coordinates").toString()
                .replaceAll("\\[(-?[0-9.Ee-]+),(-?[0-9.Ee-]+)]", "$1 $2").replace('[', '(').replace(']', ')');
        try {
            return new WKTReader().read(geometry.get("type").asText().toUpperCase(java.util.Locale.ROOT) + " " + coordinates);
        }
        catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** The source without components smaller than one cell of the 4-decimal grid (Sa Thầy has one: an artefact). */
    private static Geometry withoutSlivers(Geometry geometry)
    {
        java.util.List<org.locationtech.jts.geom.Polygon> kept = new java.util.ArrayList<>();
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            if (geometry.getGeometryN(i).getArea() >= 1e-8) {
                kept.add((org.locationtech.jts.geom.Polygon) geometry.getGeometryN(i));
            }
        }
        return geometry.getFactory().createMultiPolygon(kept.toArray(org.locationtech.jts.geom.Polygon[]::new));
    }

    private static int gzipped(byte[] bytes) throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }
}
