package vn.dancu.api.access;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * An account held by the server.
 *
 * @param scope                 2025 commune codes the account is limited to; empty = the whole area
 * @param passwordHash          Argon2id hash in PHC string form ({@code $argon2id$v=19$m=…})
 * @param credentialsChangedAt  when the password, the role, the scope or the enabled state last changed: sessions
 *                              and API tokens made before it no longer act for the account (whichever process made
 *                              the change, the server or {@code ./dancu accounts}); null in files of older versions
 *                              (then {@code createdAt})
 */
public record Account(String username, String displayName, Role role, Set<String> scope, String passwordHash, Instant createdAt, boolean disabled,
        Instant credentialsChangedAt)
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
        credentialsChangedAt = credentialsChangedAt == null ? createdAt : credentialsChangedAt;
    }

    public Account(String username, String displayName, Role role, Set<String> scope, String passwordHash, Instant createdAt, boolean disabled)
    {
        this(username, displayName, role, scope, passwordHash, createdAt, disabled, createdAt);
    }

    public Caller caller(String via)
    {
        return new Caller(username, role, scope, via);
    }

    /** True when a session or token made at {@code issuedAt} still acts for this account. */
    public boolean accepts(Instant issuedAt)
    {
        return !issuedAt.isBefore(credentialsChangedAt);
    }

    public Account withPasswordHash(String hash, Instant now)
    {
        return new Account(username, displayName, role, scope, hash, createdAt, disabled, now);
    }

    /** The account with these values; the credentials change (now) when the role, the scope or the enabled state differ. */
    public Account with(String newDisplayName, Role newRole, Set<String> newScope, boolean newDisabled, Instant now)
    {
        boolean credentials = newRole != role || !Set.copyOf(newScope).equals(scope) || newDisabled != disabled;
        return new Account(username, newDisplayName, newRole, newScope, passwordHash, createdAt, newDisabled, credentials ? now : credentialsChangedAt);
    }
}
