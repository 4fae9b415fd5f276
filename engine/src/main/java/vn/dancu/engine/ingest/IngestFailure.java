package vn.dancu.engine.ingest;

/**
 * An ingest run that cannot go on: an unreadable or truncated input file, an extract that does not match its
 * {@code extract.json}, or counts that do not reconcile. The message names the file or the count; nothing has been
 * published when it is thrown (the previous snapshot stays current).
 */
public final class IngestFailure extends RuntimeException
{
    public IngestFailure(String message)
    {
        super(message);
    }

    public IngestFailure(String message, Throwable cause)
    {
        super(message, cause);
    }
}
