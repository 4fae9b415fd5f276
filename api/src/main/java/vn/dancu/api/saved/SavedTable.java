package vn.dancu.api.saved;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A table a user saved under a name: the table builder's parameters as a URL query string, kept as written (a relative
 * period such as {@code period=LAST_12_MONTHS} stays relative, so each opening follows the newest cube version).
 */
public record SavedTable(long id, String owner, String name, String query, Instant createdAt, Instant updatedAt)
{
    public SavedTable
    {
        requireNonNull(owner, "owner is null");
        requireNonNull(name, "name is null");
        requireNonNull(query, "query is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
