package vn.dancu.model.sql;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The rows of a statement, as plain Java values: String, Integer, Long, Double, BigDecimal, Boolean, LocalDate,
 * Instant, LocalDateTime, List and Map.
 *
 * @param truncation whether and why only the first rows are here
 * @param rowLimit   the row limit the statement ran with
 * @param byteLimit  the result size limit the statement ran with (bytes of the rows as JSON text)
 */
public record SqlResult(List<Column> columns, List<List<Object>> rows, Truncation truncation, int rowLimit, long byteLimit, Duration elapsed)
{
    /** Why a result was cut. */
    public enum Truncation
    {
        /** The whole result is here. */
        NONE,
        /** The statement gave more rows than the row limit. */
        ROWS,
        /** The rows would have been larger than the result size limit. */
        BYTES
    }

    public SqlResult
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(truncation, "truncation is null");
        requireNonNull(elapsed, "elapsed is null");
    }

    /** True when only the first rows are here. */
    public boolean truncated()
    {
        return truncation != Truncation.NONE;
    }

    /**
     * What was cut, in words: {@code truncated: the result has more rows than the limit of 10,000}; empty for a whole
     * result.
     */
    public String truncationNote()
    {
        return switch (truncation) {
            case NONE -> "";
            case ROWS -> "truncated: the result has more rows than the limit of " + String.format(Locale.ROOT, "%,d", rowLimit);
            case BYTES -> "truncated: the result is larger than the size limit of " + SqlLimits.bytesText(byteLimit) + "; only the first "
                    + String.format(Locale.ROOT, "%,d", rows.size()) + (rows.size() == 1 ? " row is" : " rows are") + " here";
        };
    }

    /** A result column: its name and Spark SQL type ({@code bigint}, {@code string}, {@code date}, …). */
    public record Column(String name, String type)
    {
        public Column
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }
}
