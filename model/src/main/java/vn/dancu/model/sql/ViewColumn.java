package vn.dancu.model.sql;

import static java.util.Objects.requireNonNull;

/**
 * A column of a registered view as a statistician reads it in {@code \describe} and {@code DESCRIBE}.
 *
 * @param type Spark SQL type name ({@code string}, {@code date}, {@code bigint}, …)
 */
public record ViewColumn(String name, String type, String description)
{
    public ViewColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(description, "description is null");
    }
}
