package vn.dancu.engine.sql;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Limits of one statement.
 *
 * @param timeLimit how long it may run before it is cancelled; {@link Duration#ZERO} = no limit
 * @param rowLimit  rows returned at most; a result with more is cut and marked truncated
 */
public record SqlLimits(Duration timeLimit, int rowLimit)
{
    public SqlLimits
    {
        requireNonNull(timeLimit, "timeLimit is null");
        if (timeLimit.isNegative()) {
            throw new IllegalArgumentException("timeLimit must not be negative, was " + timeLimit);
        }
        if (rowLimit < 1) {
            throw new IllegalArgumentException("rowLimit must be at least 1, was " + rowLimit);
        }
    }

    /** The server's defaults: 60 s and 10,000 rows. */
    public static SqlLimits serverDefaults()
    {
        return new SqlLimits(Duration.ofSeconds(60), 10_000);
    }
}
