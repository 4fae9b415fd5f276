package vn.dancu.engine.ingest;

import static java.util.Objects.requireNonNull;

/**
 * An ingest run that cannot go on, or may not publish: the message names the file, the count or the check, and
 * nothing has been published when it is thrown (the previous snapshot stays current).
 */
public final class IngestFailure extends RuntimeException
{
    /** Why the run stopped. */
    public enum Category
    {
        /** An unreadable, truncated or wrongly encoded input file, or an extract that does not match its {@code extract.json}. */
        BAD_INPUT,
        /** Counts that do not reconcile. */
        NOT_RECONCILED,
        /** The snapshot reconciles but the plausibility gate refused to make it current. */
        REFUSED
    }

    private final Category category;

    public IngestFailure(String message)
    {
        this(Category.BAD_INPUT, message);
    }

    public IngestFailure(String message, Throwable cause)
    {
        super(message, cause);
        this.category = Category.BAD_INPUT;
    }

    public IngestFailure(Category category, String message)
    {
        super(message);
        this.category = requireNonNull(category, "category is null");
    }

    public Category category()
    {
        return category;
    }
}
