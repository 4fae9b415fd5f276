package vn.dancu.api.export;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A table ready to be written in any download format: already through disclosure control.
 *
 * @param id         a short identifier (the cube name, or "indicators")
 * @param reference  the reference date or period, as text ("31/10/2026", "2025")
 * @param timePeriod the same in SDMX form ("2026-10-31", "2025")
 * @param notes      sentences printed under the table (disclosure rule, definitions)
 * @param partial    periods of the table the data cover only in part: time code → the months covered
 *                   ({@code 2026} → {@code T1–T11/2026}); empty when every period is whole
 */
public record ExportTable(
        String id,
        String title,
        String reference,
        String timePeriod,
        String source,
        String version,
        String language,
        List<Dimension> dimensions,
        List<Measure> measures,
        List<Row> rows,
        List<String> notes,
        java.util.Map<String, String> partial)
{
    public ExportTable
    {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        dimensions = List.copyOf(dimensions);
        measures = List.copyOf(measures);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        partial = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(partial));
    }

    /** A table whose periods are all whole (or that has no period). */
    public ExportTable(String id, String title, String reference, String timePeriod, String source, String version, String language,
            List<Dimension> dimensions, List<Measure> measures, List<Row> rows, List<String> notes)
    {
        this(id, title, reference, timePeriod, source, version, language, dimensions, measures, rows, notes, java.util.Map.of());
    }

    /** A dimension column: its query name, its title, and its SDMX concept id. */
    public record Dimension(String name, String title, String sdmxId) {}

    public record Measure(String name, String title, String unit, int decimals) {}

    /**
     * @param values one per measure, null when withheld
     * @param suppressed one per measure
     */
    public record Row(List<String> codes, List<String> labels, List<Double> values, List<Boolean> suppressed)
    {
        public Row
        {
            codes = List.copyOf(codes);
            labels = List.copyOf(labels);
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
            suppressed = List.copyOf(suppressed);
        }
    }

    public boolean english()
    {
        return "en".equals(language);
    }

    /** What a withheld value means, in the table's language. */
    public String withheldNote()
    {
        return english() ? "x: withheld by disclosure control" : "x: ẩn để bảo vệ thông tin cá nhân";
    }
}
