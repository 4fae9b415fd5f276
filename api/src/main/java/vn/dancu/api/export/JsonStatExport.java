package vn.dancu.api.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-stat 2.0, one {@code dataset}: the table's dimensions plus a {@code measure} dimension (role metric), the
 * values dense in row-major order (combinations absent from the table are 0, as the table omits only zeros), and
 * {@code status} {@code "c"} (confidential) for every withheld value, whose value is null. The note and extension
 * explain the status.
 */
public final class JsonStatExport
{
    public static final String WITHHELD = "c";

    private JsonStatExport() {}

    public static byte[] write(ExportTable table, ObjectMapper json)
    {
        ObjectNode root = json.createObjectNode();
        root.put("version", "2.0");
        root.put("class", "dataset");
        root.put("label", table.title() + " — " + table.reference());
        root.put("source", table.source());
        ArrayNode ids = root.putArray("id");
        ArrayNode sizes = root.putArray("size");
        ObjectNode dimensions = root.putObject("dimension");

        List<List<String>> categories = new ArrayList<>();
        List<String> times = new ArrayList<>();
        List<Map<String, Integer>> positions = new ArrayList<>();
        for (int d = 0; d < table.dimensions().size(); d++) {
            ExportTable.Dimension dimension = table.dimensions().get(d);
            Map<String, String> labels = new LinkedHashMap<>();
            for (ExportTable.Row row : table.rows()) {
                labels.putIfAbsent(row.codes().get(d), row.labels().get(d));
            }
            List<String> codes = new ArrayList<>(labels.keySet());
            categories.add(codes);
            Map<String, Integer> position = new LinkedHashMap<>();
            codes.forEach(code -> position.put(code, position.size()));
            positions.add(position);
            ids.add(dimension.name());
            sizes.add(codes.size());
            if (Exports.TIME.equals(dimension.sdmxId())) {
                times.add(dimension.name());
            }
            ObjectNode node = dimensions.putObject(dimension.name());
            node.put("label", dimension.title());
            ObjectNode category = node.putObject("category");
            ArrayNode index = category.putArray("index");
            codes.forEach(index::add);
            ObjectNode label = category.putObject("label");
            labels.forEach(label::put);
        }
        ids.add("measure");
        sizes.add(table.measures().size());
        ObjectNode measureNode = dimensions.putObject("measure");
        measureNode.put("label", table.english() ? "Measure" : "Chỉ tiêu");
        ObjectNode measureCategory = measureNode.putObject("category");
        ArrayNode measureIndex = measureCategory.putArray("index");
        ObjectNode measureLabel = measureCategory.putObject("label");
        ObjectNode unit = measureCategory.putObject("unit");
        for (ExportTable.Measure measure : table.measures()) {
            measureIndex.add(measure.name());
            measureLabel.put(measure.name(), measure.title());
            ObjectNode unitNode = unit.putObject(measure.name());
            unitNode.put("label", measure.unit());
            unitNode.put("decimals", measure.decimals());
        }
        ObjectNode role = root.putObject("role");
        if (!times.isEmpty()) {
            ArrayNode time = role.putArray("time");
            times.forEach(time::add);
        }
        role.putArray("metric").add("measure");

        int measures = table.measures().size();
        long total = measures;
        for (List<String> codes : categories) {
            total *= codes.size();
        }
        if (total > 5_000_000) {
            throw new IllegalArgumentException("a JSON-stat table is limited to 5000000 values, this one has " + total);
        }
        Double[] values = new Double[(int) total];
        java.util.Arrays.fill(values, 0.0);
        Map<Integer, String> status = new java.util.TreeMap<>();
        for (ExportTable.Row row : table.rows()) {
            int index = 0;
            for (int d = 0; d < categories.size(); d++) {
                index = index * categories.get(d).size() + positions.get(d).get(row.codes().get(d));
            }
            for (int m = 0; m < measures; m++) {
                int at = index * measures + m;
                if (row.suppressed().get(m) || row.values().get(m) == null) {
                    values[at] = null;
                    status.put(at, WITHHELD);
                }
                else {
                    values[at] = row.values().get(m);
                }
            }
        }
        ArrayNode value = root.putArray("value");
        for (Double v : values) {
            if (v == null) {
                value.addNull();
            }
            else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                value.add(v.longValue());
            }
            else {
                value.add(v);
            }
        }
        if (!status.isEmpty()) {
            ObjectNode statusNode = root.putObject("status");
            status.forEach((at, code) -> statusNode.put(Integer.toString(at), code));
        }
        ArrayNode note = root.putArray("note");
        table.notes().forEach(note::add);
        ObjectNode extension = root.putObject("extension");
        extension.put("version", table.version());
        extension.put("reference", table.reference());
        // Periods the data cover only in part, with the months they cover: never to be read as whole periods.
        extension.put("partial", !table.partial().isEmpty());
        if (!table.partial().isEmpty()) {
            ObjectNode partial = extension.putObject("partialPeriods");
            table.partial().forEach(partial::put);
        }
        extension.putObject("status").put(WITHHELD, table.withheldNote());
        try {
            return json.writeValueAsBytes(root);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
