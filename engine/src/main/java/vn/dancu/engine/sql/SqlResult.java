package vn.dancu.engine.sql;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The rows of a statement, as plain Java values: String, Integer, Long, Double, BigDecimal, Boolean, LocalDate,
 * Instant, List and Map.
 *
 * @param truncated true when the statement gave more than {@code rowLimit} rows and only the first are here
 */
public record SqlResult(List<Column> columns, List<List<Object>> rows, boolean truncated, int rowLimit, Duration elapsed)
{
    public SqlResult
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(elapsed, "elapsed is null");
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
