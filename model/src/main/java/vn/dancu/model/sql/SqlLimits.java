package vn.dancu.model.sql;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Limits of one statement.
 *
 * @param timeLimit how long it may run before it is stopped; {@link Duration#ZERO} = no limit
 * @param rowLimit  rows returned at most; a result with more is cut and marked truncated
 * @param byteLimit bytes of the returned rows at most, measured as their JSON text; a result with more is cut after
 *                  the last row that fits and marked truncated
 */
public record SqlLimits(Duration timeLimit, int rowLimit, long byteLimit)
{
    /** 32 MiB: the result size limit of the server and the shell unless told otherwise. */
    public static final long DEFAULT_BYTE_LIMIT = 32L << 20;

    public SqlLimits
    {
        requireNonNull(timeLimit, "timeLimit is null");
        if (timeLimit.isNegative()) {
            throw new IllegalArgumentException("timeLimit must not be negative, was " + timeLimit);
        }
        if (rowLimit < 1) {
            throw new IllegalArgumentException("rowLimit must be at least 1, was " + rowLimit);
        }
        if (byteLimit < 1) {
            throw new IllegalArgumentException("byteLimit must be at least 1, was " + byteLimit);
        }
    }

    /** With the default result size limit of 32 MiB. */
    public SqlLimits(Duration timeLimit, int rowLimit)
    {
        this(timeLimit, rowLimit, DEFAULT_BYTE_LIMIT);
    }

    /** The server's defaults: 60 s, 10,000 rows, 32 MiB. */
    public static SqlLimits serverDefaults()
    {
        return new SqlLimits(Duration.ofSeconds(60), 10_000, DEFAULT_BYTE_LIMIT);
    }

    /** {@code 60 s}, {@code 2.5 s}: the time limit as messages say it. */
    public String timeLimitText()
    {
        long millis = timeLimit.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** {@code 32 MiB}, {@code 512 KiB}, {@code 1,000 bytes}: the byte limit as messages say it. */
    public String byteLimitText()
    {
        return bytesText(byteLimit);
    }

    static String bytesText(long bytes)
    {
        if (bytes % (1L << 20) == 0) {
            return String.format(java.util.Locale.ROOT, "%,d MiB", bytes >> 20);
        }
        if (bytes % (1L << 10) == 0) {
            return String.format(java.util.Locale.ROOT, "%,d KiB", bytes >> 10);
        }
        return String.format(java.util.Locale.ROOT, "%,d bytes", bytes);
    }
}
