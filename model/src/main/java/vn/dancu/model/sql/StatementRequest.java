package vn.dancu.model.sql;

import static java.util.Objects.requireNonNull;

/**
 * One statement for the SQL engine process to run.
 *
 * @param id the statement's id, unique for the server's lifetime: its Spark job group, and the name to cancel it or
 *           ask its progress by
 */
public record StatementRequest(String id, String statement, SqlLimits limits)
{
    public StatementRequest
    {
        requireNonNull(id, "id is null");
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("id must be 1 to 64 letters, digits, _ or -, was '" + id + "'");
        }
        requireNonNull(statement, "statement is null");
        requireNonNull(limits, "limits is null");
    }
}
