package vn.dancu.api.audit;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an admin asks of the audit log: the last {@code limit} entries matching the filters with {@code from ≤ seq <
 * before}, newest first as they are read, at most {@code scanLimit} entries looked at.
 *
 * @param before    exclusive upper bound of seq (empty: the end of the log); the {@code before} of a page continues it
 * @param user      entries of this user (an account, {@code anonymous}, or an operating-system user)
 * @param account   login attempts that named this account
 * @param kind      {@code request}, {@code anonymous-minute} or {@code command}
 * @param scanLimit entries read at most; a page that stops there says so ({@link AuditPage#more()})
 */
public record AuditQuery(long from, Optional<Long> before, int limit, Optional<String> user, Optional<String> account, Optional<String> cube,
        Optional<Integer> status, Optional<String> kind, int scanLimit)
{
    public static final int DEFAULT_SCAN_LIMIT = 100_000;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._@+-]*");

    public AuditQuery
    {
        if (from < 1) {
            throw new IllegalArgumentException("from must be at least 1");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (scanLimit < limit) {
            throw new IllegalArgumentException("scanLimit must be at least limit");
        }
    }

    /** The last {@code limit} entries, no filter. */
    public static AuditQuery last(int limit)
    {
        return new AuditQuery(1, Optional.empty(), limit, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Math.max(limit, DEFAULT_SCAN_LIMIT));
    }

    boolean matches(AuditEntry entry)
    {
        return user.map(value -> value.equals(entry.user())).orElse(true)
                && account.map(value -> value.equals(entry.account())).orElse(true)
                && cube.map(value -> value.equals(entry.cube())).orElse(true)
                && status.map(value -> value == entry.status()).orElse(true)
                && kind.map(value -> value.equals(entry.kind() == null ? AuditEntry.REQUEST : entry.kind())).orElse(true);
    }

    /**
     * A cheap test on the raw line before it is parsed: false only when the line cannot match (the filter values are
     * written as they are when they hold no character JSON escapes).
     */
    boolean mayMatch(String line)
    {
        return plainIn(line, "user", user) && plainIn(line, "account", account) && plainIn(line, "cube", cube)
                && status.map(value -> line.contains("\"status\":" + value + ",")).orElse(true);
    }

    private static boolean plainIn(String line, String field, Optional<String> value)
    {
        if (value.isEmpty() || !PLAIN.matcher(value.get()).matches()) {
            return true;
        }
        return line.contains("\"" + field + "\":\"" + value.get() + "\"");
    }
}
