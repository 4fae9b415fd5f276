package vn.dancu.api.access;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Who is asking: an account (through a session or an API token) or an anonymous visitor.
 *
 * @param username null for an anonymous visitor
 * @param scope    2025 commune codes the account is limited to; empty = the whole area
 * @param via      {@code anonymous}, {@code session} or {@code token}
 */
public record Caller(String username, Role role, Set<String> scope, String via)
{
    public Caller
    {
        requireNonNull(role, "role is null");
        scope = Set.copyOf(requireNonNull(scope, "scope is null"));
        requireNonNull(via, "via is null");
    }

    public static Caller anonymous()
    {
        return new Caller(null, Role.VIEWER, Set.of(), "anonymous");
    }

    public boolean anonymousVisitor()
    {
        return username == null;
    }

    public boolean scoped()
    {
        return !scope.isEmpty();
    }

    /** A stable text for cache keys: role and sorted scope. */
    public String cacheKey()
    {
        return role.code() + (scope.isEmpty() ? "" : ":" + String.join(",", List.copyOf(new java.util.TreeSet<>(scope))));
    }

    public String name()
    {
        return username == null ? "anonymous" : username;
    }
}
