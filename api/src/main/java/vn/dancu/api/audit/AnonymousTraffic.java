package vn.dancu.api.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests counted instead of listed: anonymous requests ({@link AuditEntry#ANONYMOUS_MINUTE}), and the requests of an
 * account that its rate limit refused ({@link AuditEntry#THROTTLED_MINUTE}), per minute, user, method, route (the
 * route's pattern, not the path asked for, so that a flood of made-up paths adds nothing), cube, status and cube
 * version: one entry per group once its minute is over. The size of the audit log then grows with the number of
 * routes, not of requests.
 */
final class AnonymousTraffic
{
    /** Distinct client addresses told apart per group and minute; more are counted as this many. */
    static final int MAX_CLIENTS = 10_000;

    private record Group(long minute, String kind, String user, String role, String method, String route, String cube, int status, String version) {}

    private static final class Tally
    {
        long requests;
        long cells;
        final Set<String> clients = new HashSet<>();
    }

    private final ConcurrentHashMap<Group, Tally> tallies = new ConcurrentHashMap<>();

    void count(Instant at, String method, String route, String cube, int status, String version, String client, long cells)
    {
        count(new Group(Math.floorDiv(at.getEpochSecond(), 60), AuditEntry.ANONYMOUS_MINUTE, "anonymous", "viewer", method, route, cube, status,
                version), client, cells);
    }

    void countThrottled(Instant at, String user, String role, String method, String route, String cube, int status, String version, String client)
    {
        count(new Group(Math.floorDiv(at.getEpochSecond(), 60), AuditEntry.THROTTLED_MINUTE, user, role, method, route, cube, status, version),
                client, 0);
    }

    private void count(Group group, String client, long cells)
    {
        tallies.compute(group, (key, tally) -> {
            Tally current = tally == null ? new Tally() : tally;
            current.requests++;
            current.cells += cells;
            if (current.clients.size() < MAX_CLIENTS) {
                current.clients.add(Objects.requireNonNullElse(client, ""));
            }
            return current;
        });
    }

    /** Removes and returns the groups of the minutes before {@code minuteNow} (epoch minutes), oldest first. */
    List<AuditEntry> drainBefore(long minuteNow)
    {
        List<Group> done = tallies.keySet().stream().filter(group -> group.minute() < minuteNow)
                .sorted(Comparator.comparingLong(Group::minute).thenComparing(Group::kind).thenComparing(Group::user).thenComparing(Group::route)
                        .thenComparing(Group::method)
                        .thenComparing(group -> Objects.requireNonNullElse(group.cube(), "")).thenComparingInt(Group::status)
                        .thenComparing(group -> Objects.requireNonNullElse(group.version(), "")))
                .toList();
        List<AuditEntry> entries = new ArrayList<>();
        for (Group group : done) {
            Tally tally = tallies.remove(group);
            if (tally != null) {
                entries.add(AuditEntry.counted(group.kind(), Instant.ofEpochSecond(group.minute() * 60), group.user(), group.role(), group.method(),
                        group.route(), group.cube(), tally.cells, tally.requests, tally.clients.size(), group.status(), group.version()));
            }
        }
        return entries;
    }

    List<AuditEntry> drainAll()
    {
        return drainBefore(Long.MAX_VALUE);
    }
}
