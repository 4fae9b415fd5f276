package vn.dancu.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer to a cube query as JSON writes it: rows of codes, labels and measure values, and where they come from.
 *
 * @param period     for flows summed over a period ({@code period=}): see {@link Period}
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

    /**
     * A period of flows: its calendar year, the first and last day with data, the monthly partitions summed, the
     * period as asked ({@code 2026}, {@code 2026-Q3}, {@code 2026-01/2026-09}), its kind ({@code year}, {@code quarter},
     * {@code months}), whether the data cover only part of it, the calendar months they touch, and those months as a
     * reader says them ({@code T1–T11/2026}, {@code Jan–Nov 2026}).
     */
    public record Period(int year, LocalDate from, LocalDate to, int partitions, String code, String kind, boolean partial, int months, String label) {}

    public record Disclosure(Long threshold, String measure, int suppressedRows, String rule) {}

    /** Provenance printed with every table: what the figures are, from which build of which extract. */
    public record Source(String text, String version, String snapshotId, LocalDate extractDate, String area) {}
}
