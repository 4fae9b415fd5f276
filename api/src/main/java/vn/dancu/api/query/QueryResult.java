package vn.dancu.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer to a cube query as JSON writes it: rows of codes, labels and measure values, and where they come from.
 *
 * @param period     for a flow summed over a year: the year, its first and last day with data, and the months summed
 * @param rows       each row maps a dimension name to its code, {@code <dimension>Label} to its label, each measure to
 *                   its value (null when withheld), and {@code status} to the status of each measure ({@code ok} or
 *                   {@code suppressed})
 * @param disclosure the threshold in force and how many rows were withheld (threshold null for exact counts)
 */
public record QueryResult(
        String cube,
        String title,
        String version,
        LocalDate refDate,
        Period period,
        String geography,
        String level,
        String cuboid,
        List<Column> columns,
        List<Map<String, Object>> rows,
        Disclosure disclosure,
        Source source)
{
    public record Column(String name, String label, String kind) {}

    public record Period(int year, LocalDate from, LocalDate to, int partitions) {}

    public record Disclosure(Long threshold, String measure, int suppressedRows, String rule) {}

    /** Provenance printed with every table: what the figures are, from which build of which extract. */
    public record Source(String text, String version, String snapshotId, LocalDate extractDate, String area) {}
}
