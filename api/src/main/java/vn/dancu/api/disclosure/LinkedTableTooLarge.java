package vn.dancu.api.disclosure;

/**
 * The protection of a linked table stopped because its elimination outgrew the memory set aside for it: the
 * system of known combinations held more entries than the limit. Deterministic for a table and a limit, so a caller
 * may remember it instead of trying again.
 */
public final class LinkedTableTooLarge extends RuntimeException
{
    private final long entries;
    private final long limit;

    public LinkedTableTooLarge(long entries, long limit)
    {
        super("the linked table's elimination holds " + entries + " entries, more than the limit of " + limit);
        this.entries = entries;
        this.limit = limit;
    }

    public long entries()
    {
        return entries;
    }

    public long limit()
    {
        return limit;
    }
}
