package vn.dancu.api.access;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * An account held by the server.
 *
 * @param scope        2025 commune codes the account is limited to; empty = the whole area
 * @param passwordHash Argon2id hash in PHC string form ({@code $argon2id$v=19$m=…})
 */
public record Account(String username, String displayName, Role role, Set<String> scope, String passwordHash, Instant createdAt, boolean disabled)
{
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");

    public Account
    {
        requireNonNull(username, "username is null");
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username '" + username + "' must be 3–32 characters: lower-case letters, digits, '.', '_', '-'");
        }
        displayName = displayName == null || displayName.isBlank() ? username : displayName.strip();
        requireNonNull(role, "role is null");
        scope = Set.copyOf(requireNonNull(scope, "scope is null"));
        requireNonNull(passwordHash, "passwordHash is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public Caller caller(String via)
    {
        return new Caller(username, role, scope, via);
    }

    public Account withPasswordHash(String hash)
    {
        return new Account(username, displayName, role, scope, hash, createdAt, disabled);
    }

    public Account with(String newDisplayName, Role newRole, Set<String> newScope, boolean newDisabled)
    {
        return new Account(username, newDisplayName, newRole, newScope, passwordHash, createdAt, newDisabled);
    }
}
