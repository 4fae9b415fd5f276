package vn.dancu.api.audit;

import java.util.List;

/**
 * An answer of the audit log to an {@link AuditQuery}.
 *
 * @param entries the matching entries, oldest first
 * @param scanned entries read to find them
 * @param more    true when older entries (≥ {@code from}) were not read: ask again with {@code before}
 * @param before  the {@code before} that continues this page (the oldest seq read), or null when nothing is left
 */
public record AuditPage(List<AuditEntry> entries, long scanned, boolean more, Long before)
{
    public AuditPage
    {
        entries = List.copyOf(entries);
    }
}
