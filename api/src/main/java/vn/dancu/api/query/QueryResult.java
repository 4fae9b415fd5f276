package vn.dancu.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer to a cube query: rows of codes, labels and measure values, and where they come from.
 *
 * @param rows each row maps a dimension name to its code, {@code <dimension>Label} to its label, each measure to
 *             its value, and {@code status} to the cell status per measure ({@code ok}, or why it is withheld)
 */
public record QueryResult(
        String cube,
        String title,
        String version,
        LocalDate refDate,
        String geography,
        String level,
        String cuboid,
        List<Column> columns,
        List<Map<String, Object>> rows,
        Source source)
{
    public record Column(String name, String label, String kind) {}

    /** Provenance printed with every table: what the figures are, from which build of which extract. */
    public record Source(String text, String version, String snapshotId, LocalDate extractDate, String area) {}
}
