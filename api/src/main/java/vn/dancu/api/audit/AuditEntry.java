package vn.dancu.api.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * One request, as the audit log keeps it.
 *
 * @param seq    position in the log, from 1
 * @param cells  values returned (rows × measures of a table, indicators, …), 0 for requests that return no data
 * @param prev   hash of the previous entry ("" for the first)
 * @param hash   SHA-256 of {@code prev} and this entry's other fields: changing, removing or reordering entries
 *               breaks the chain from there on
 */
@JsonPropertyOrder({"seq", "at", "user", "role", "scope", "via", "ip", "method", "path", "query", "cube", "cells", "status", "version", "prev", "hash"})
public record AuditEntry(
        long seq,
        Instant at,
        String user,
        String role,
        List<String> scope,
        String via,
        String ip,
        String method,
        String path,
        String query,
        String cube,
        long cells,
        int status,
        String version,
        String prev,
        String hash)
{
    public AuditEntry
    {
        scope = scope == null ? List.of() : List.copyOf(scope);
    }

    AuditEntry chained(long newSeq, String newPrev, String newHash)
    {
        return new AuditEntry(newSeq, at, user, role, scope, via, ip, method, path, query, cube, cells, status, version, newPrev, newHash);
    }
}
