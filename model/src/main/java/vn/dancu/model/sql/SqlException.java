package vn.dancu.model.sql;

import static java.util.Objects.requireNonNull;

/** A statement that did not give a result, with why, in words a statistician can act on. */
public final class SqlException extends RuntimeException
{
    /** Why the statement gave no result. */
    public enum Category
    {
        /** The read-only guard refused it: a command, a file path, an unregistered relation or function. */
        REFUSED,
        /** Spark could not parse it. */
        SYNTAX,
        /** Spark could not resolve it: unknown column, wrong types, … */
        ANALYSIS,
        /** It ran past the time limit and was cancelled. */
        TIME_LIMIT,
        /** The user cancelled it. */
        CANCELLED,
        /** It failed while running. */
        FAILED,
        /** Even its first row is larger than the result size limit. */
        TOO_LARGE,
        /** The SQL engine's process ended while it ran (out of memory, killed) and was restarted. */
        CRASHED,
        /** The SQL engine is not running: it cannot start (no data) or is disabled. */
        UNAVAILABLE;

        /** The name the audit trails use: {@code time_limit}, {@code too_large}. */
        public String outcome()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Category category;

    public SqlException(Category category, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.category = requireNonNull(category, "category is null");
    }

    public SqlException(Category category, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.category = requireNonNull(category, "category is null");
    }

    public Category category()
    {
        return category;
    }
}
