package vn.dancu.api.disclosure;

/** The protection of a linked table stopped: its elimination held more entries than the limit set aside for it. */
final class LinkedTableTooLarge extends RuntimeException
{
    LinkedTableTooLarge(long entries, long limit)
    {
        super("the linked table's elimination holds " + entries + " entries, more than the limit of " + limit);
    }
}
