package vn.dancu.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * One line of the audit log: an access to data, whichever door it came through. Fields that do not apply are left
 * out of the line (null here).
 *
 * @param seq       position in the log, from 1, across every file of the log
 * @param kind      {@link #REQUEST} (one HTTP request of an account, or a login attempt), {@link #ANONYMOUS_MINUTE}
 *                  (the anonymous requests of one minute with the same route, cube, status and cube version, counted),
 *                  {@link #THROTTLED_MINUTE} (the requests of one account in one minute that its rate limit refused,
 *                  counted) or {@link #COMMAND} (a statement of {@code ./dancu sql}, a {@code ./dancu report})
 * @param user      the account; {@code anonymous}; for a command the operating-system user that ran it
 * @param sudoUser  for a command run through sudo, the user sudo names (SUDO_USER; informative)
 * @param via       {@code session}, {@code token}, {@code anonymous} or {@code command}
 * @param host      for a command, the machine it ran on
 * @param ip        the client's address (behind a trusted reverse proxy: the address the proxy reports)
 * @param path      the request path; for a per-minute count the route ({@code /api/v1/cubes/{cube}/query}); for a
 *                  command {@code dancu sql} or {@code dancu report}
 * @param query     the query string (at most {@value #MAX_TEXT} characters kept); for a report command its options
 * @param statement the SQL statement (the server's SQL page and {@code ./dancu sql})
 * @param account   the account a login attempt named (failed attempts included; at most 64 characters kept)
 * @param cells     values returned (rows × columns of a table, indicators, …); 0 for requests that return no data
 * @param count     requests counted by a per-minute entry
 * @param clients   distinct client addresses of a per-minute entry (at most 10,000 are told apart)
 * @param status    the HTTP status; 0 for a command (see {@code outcome})
 * @param outcome   for a command: {@code ok}, or why it gave nothing ({@code refused}, {@code syntax},
 *                  {@code analysis}, {@code time_limit}, {@code cancelled}, {@code failed}, {@code bad_request})
 * @param detail    for a command: the failure message, the rows printed, the file written
 * @param prev      hash of the previous entry ("" for the first)
 * @param hash      SHA-256 of {@code prev} and this line with an empty hash: changing, removing or reordering entries
 *                  breaks the chain from there on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"seq", "at", "kind", "user", "sudoUser", "role", "scope", "via", "host", "ip", "method", "path", "query", "statement",
        "account", "cube", "cells", "count", "clients", "status", "outcome", "detail", "version", "prev", "hash"})
public record AuditEntry(
        long seq,
        Instant at,
        String kind,
        String user,
        String sudoUser,
        String role,
        List<String> scope,
        String via,
        String host,
        String ip,
        String method,
        String path,
        String query,
        String statement,
        String account,
        String cube,
        long cells,
        Long count,
        Long clients,
        int status,
        String outcome,
        String detail,
        String version,
        String prev,
        String hash)
{
    public static final String REQUEST = "request";
    public static final String ANONYMOUS_MINUTE = "anonymous-minute";
    public static final String THROTTLED_MINUTE = "throttled-minute";
    public static final String COMMAND = "command";
    public static final String DELIVERY = "delivery";
    /** Longest query string, statement or detail kept in an entry; longer ones are cut and marked. */
    public static final int MAX_TEXT = 4000;

    public AuditEntry
    {
        scope = scope == null ? List.of() : List.copyOf(scope);
    }

    /** One HTTP request (of an account, or a login attempt). */
    public static AuditEntry request(Instant at, String user, String role, List<String> scope, String via, String ip, String method,
            String path, String query, String statement, String account, String cube, long cells, int status, String version)
    {
        String named = account == null || account.length() <= 64 ? account : account.substring(0, 64) + "…";
        return new AuditEntry(0, at, REQUEST, user, null, role, scope, via, null, ip, method, path, cut(query), cut(statement), named, cube, cells,
                null, null, status, null, null, version, "", "");
    }

    /** The anonymous requests of the minute starting at {@code minute} with the same method, route, cube, status and version. */
    public static AuditEntry anonymousMinute(Instant minute, String method, String route, String cube, long cells, long count, long clients,
            int status, String version)
    {
        return counted(ANONYMOUS_MINUTE, minute, "anonymous", "viewer", method, route, cube, cells, count, clients, status, version);
    }

    /** Requests counted per minute: {@link #ANONYMOUS_MINUTE}, or {@link #THROTTLED_MINUTE} (an account's requests its rate limit refused). */
    static AuditEntry counted(String kind, Instant minute, String user, String role, String method, String route, String cube, long cells, long count,
            long clients, int status, String version)
    {
        return new AuditEntry(0, minute, kind, user, null, role, List.of(), ANONYMOUS_MINUTE.equals(kind) ? "anonymous" : null, null, null, method,
                route, null, null, null, cube, cells, count, clients, status, null, null, version, "", "");
    }

    /** A command of the operator of the data folder ({@code dancu sql}, {@code dancu report}). */
    public static AuditEntry command(Instant at, String osUser, String sudoUser, String host, String command, String query, String statement,
            String cube, long cells, String outcome, String detail, String version)
    {
        return new AuditEntry(0, at, COMMAND, osUser, sudoUser, "operator", List.of(), "command", host, null, null, command, cut(query),
                cut(statement), null, cube, cells, null, null, 0, outcome, cut(detail), version, "", "");
    }

    /**
     * A delivery of a subscription at a new cube version, generated as the subscriber ({@code user}, {@code role},
     * {@code scope}; {@code via: subscription}): {@code path} names the subscription, {@code query} what it renders,
     * {@code outcome} is {@code delivered} or {@code failed}, {@code detail} the files or the reason.
     */
    public static AuditEntry delivery(Instant at, String user, String role, List<String> scope, String subscription, String query, String cube,
            long cells, String outcome, String detail, String version)
    {
        return new AuditEntry(0, at, DELIVERY, user, null, role, scope, "subscription", null, null, null, subscription, cut(query), null, null, cube,
                cells, null, null, 0, outcome, cut(detail), version, "", "");
    }

    private static String cut(String text)
    {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT) + "…(" + text.length() + " characters, cut)";
    }

    AuditEntry chained(long newSeq, String newPrev, String newHash)
    {
        return new AuditEntry(newSeq, at, kind, user, sudoUser, role, scope, via, host, ip, method, path, query, statement, account, cube, cells,
                count, clients, status, outcome, detail, version, newPrev, newHash);
    }
}
