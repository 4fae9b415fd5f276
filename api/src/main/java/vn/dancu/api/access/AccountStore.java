package vn.dancu.api.access;

import org.jdbi.v3.core.Handle;
import vn.dancu.api.state.StateDatabase;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The accounts of the server, in the state database (tables {@code account} and {@code account_scope}). Every change is
 * one transaction; nothing is cached, so a change made by another process ({@code ./dancu accounts}, another server on
 * a shared PostgreSQL) counts at the next request.
 */
public final class AccountStore
{
    /** The file that held the accounts before the state database (imported once, then renamed {@code .migrated}). */
    public static final String FILE_NAME = "accounts.json";

    private static final String SELECT = "SELECT username, display_name, role_code, password_hash, created_at, disabled, credentials_changed_at FROM account";

    private final StateDatabase database;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AccountStore(StateDatabase database, PasswordHasher hasher, Clock clock)
    {
        this.database = requireNonNull(database, "database is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public List<Account> all()
    {
        return database.withHandle(handle -> read(handle, SELECT + " ORDER BY username", Map.of()));
    }

    public Optional<Account> find(String username)
    {
        if (username == null) {
            return Optional.empty();
        }
        return database.withHandle(handle -> find(handle, username));
    }

    public boolean isEmpty()
    {
        return database.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM account").mapTo(Long.class).one()) == 0;
    }

    /** Creates an account; IllegalArgumentException when the name is taken or a rule is broken (and nothing is written). */
    public Account create(String username, String displayName, Role role, Set<String> scope, String password)
    {
        Account account = new Account(username, displayName, role, scope, hasher.hash(password), clock.instant(), false);
        try {
            database.inTransaction(handle -> {
                if (find(handle, username).isPresent()) {
                    throw new IllegalArgumentException("account '" + username + "' exists already");
                }
                insert(handle, account);
                return null;
            });
        }
        catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (StateDatabase.isConstraintViolation(e)) {
                // created meanwhile by another process: the same answer as when it was there before
                throw new IllegalArgumentException("account '" + username + "' exists already");
            }
            throw e;
        }
        return account;
    }

    /**
     * A change of an account; fields left empty keep their value.
     *
     * @param password a new password (checked against the password rules before anything is written)
     */
    public record Change(Optional<String> displayName, Optional<Role> role, Optional<Set<String>> scope, Optional<Boolean> disabled,
            Optional<String> password)
    {
        public Change
        {
            requireNonNull(displayName, "displayName is null");
            requireNonNull(role, "role is null");
            requireNonNull(scope, "scope is null");
            requireNonNull(disabled, "disabled is null");
            requireNonNull(password, "password is null");
        }

        /** True when the change ends the account's sessions and tokens: a password, or a role, scope or enabled state that differs. */
        public boolean changesCredentials(Account current)
        {
            return password.isPresent() || role.filter(value -> value != current.role()).isPresent()
                    || scope.filter(value -> !Set.copyOf(value).equals(current.scope())).isPresent()
                    || disabled.filter(value -> value != current.disabled()).isPresent();
        }
    }

    /**
     * Applies a change as one transaction: every part is checked first (IllegalArgumentException naming the rule broken,
     * and then nothing is written). A new password, role, scope or enabled state moves the account's
     * {@link Account#credentialsChangedAt()} and deletes its sessions and API tokens, in the same transaction.
     */
    public Account change(String username, Change change)
    {
        change.password().ifPresent(PasswordHasher::check);
        Optional<String> newHash = change.password().map(hasher::hash);
        return database.inTransaction(handle -> {
            // The row is locked until the transaction ends: two changes of one account at once (two admins, two servers) are
            // applied one after the other, neither lost.
            handle.createQuery("SELECT username FROM account WHERE username = :username FOR UPDATE").bind("username", username).mapTo(String.class).findOne();
            Account current = find(handle, username).orElseThrow(() -> new IllegalArgumentException("no account '" + username + "'"));
            Instant now = clock.instant();
            Account updated = current.with(change.displayName().orElse(current.displayName()), change.role().orElse(current.role()),
                    change.scope().orElse(current.scope()), change.disabled().orElse(current.disabled()), now);
            if (newHash.isPresent()) {
                updated = updated.withPasswordHash(newHash.get(), now);
            }
            handle.createUpdate("DELETE FROM account_scope WHERE username = :username").bind("username", username).execute();
            handle.createUpdate("UPDATE account SET display_name = :displayName, role_code = :role, password_hash = :hash, disabled = :disabled,"
                            + " credentials_changed_at = :changed WHERE username = :username")
                    .bind("displayName", updated.displayName())
                    .bind("role", updated.role().code())
                    .bind("hash", updated.passwordHash())
                    .bind("disabled", updated.disabled())
                    .bind("changed", StateDatabase.text(updated.credentialsChangedAt()))
                    .bind("username", username)
                    .execute();
            insertScope(handle, updated);
            if (!updated.credentialsChangedAt().equals(current.credentialsChangedAt())) {
                ApiTokens.deleteOf(handle, username);
                Sessions.deleteOf(handle, username);
            }
            return updated;
        });
    }

    public Account update(String username, String displayName, Role role, Set<String> scope, boolean disabled)
    {
        return change(username, new Change(Optional.ofNullable(displayName), Optional.ofNullable(role), Optional.ofNullable(scope),
                Optional.of(disabled), Optional.empty()));
    }

    public void setPassword(String username, String password)
    {
        change(username, new Change(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(password)));
    }

    /** Deletes the account, its sessions and its API tokens in one transaction; false when there is no such account. */
    public boolean delete(String username)
    {
        return database.inTransaction(handle -> {
            int removed = handle.createUpdate("DELETE FROM account WHERE username = :username").bind("username", username).execute();
            if (removed > 0) {
                ApiTokens.deleteOf(handle, username);
                Sessions.deleteOf(handle, username);
            }
            return removed > 0;
        });
    }

    /** The account when the password matches and the account is enabled; spends the same time otherwise. */
    public Optional<Account> authenticate(String username, String password)
    {
        Optional<Account> account = find(username == null ? "" : username);
        if (account.isEmpty()) {
            hasher.burn(password);
            return Optional.empty();
        }
        if (!hasher.matches(password, account.get().passwordHash()) || account.get().disabled()) {
            return Optional.empty();
        }
        return account;
    }

    /** Writes a whole account (its row and its scope) on a handle in a transaction: creation and the import of old files. */
    public static void insert(Handle handle, Account account)
    {
        handle.createUpdate("INSERT INTO account (username, display_name, role_code, password_hash, created_at, disabled, credentials_changed_at)"
                        + " VALUES (:username, :displayName, :role, :hash, :created, :disabled, :changed)")
                .bind("username", account.username())
                .bind("displayName", account.displayName())
                .bind("role", account.role().code())
                .bind("hash", account.passwordHash())
                .bind("created", StateDatabase.text(account.createdAt()))
                .bind("disabled", account.disabled())
                .bind("changed", StateDatabase.text(account.credentialsChangedAt()))
                .execute();
        insertScope(handle, account);
    }

    private static void insertScope(Handle handle, Account account)
    {
        for (String commune : account.scope().stream().sorted().toList()) {
            handle.createUpdate("INSERT INTO account_scope (username, commune_code) VALUES (:username, :commune)")
                    .bind("username", account.username())
                    .bind("commune", commune)
                    .execute();
        }
    }

    private static Optional<Account> find(Handle handle, String username)
    {
        return read(handle, SELECT + " WHERE username = :username", Map.of("username", username)).stream().findFirst();
    }

    private record Row(String username, String displayName, Role role, String passwordHash, Instant createdAt, boolean disabled, Instant credentialsChangedAt) {}

    private static List<Account> read(Handle handle, String sql, Map<String, Object> arguments)
    {
        List<Row> rows = handle.createQuery(sql).bindMap(arguments)
                .map((result, context) -> new Row(result.getString("username"), result.getString("display_name"),
                        Role.parse(result.getString("role_code")).orElseThrow(() -> new IllegalStateException("unknown role in the state database")),
                        result.getString("password_hash"), StateDatabase.instant(result.getString("created_at")), result.getBoolean("disabled"),
                        StateDatabase.instant(result.getString("credentials_changed_at"))))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Set<String>> scopes = new LinkedHashMap<>();
        String scopeQuery = rows.size() == 1
                ? "SELECT username, commune_code FROM account_scope WHERE username = :username"
                : "SELECT username, commune_code FROM account_scope";
        handle.createQuery(scopeQuery).bindMap(rows.size() == 1 ? Map.of("username", rows.get(0).username()) : Map.of())
                .map((result, context) -> Map.entry(result.getString("username"), result.getString("commune_code")))
                .forEach(entry -> scopes.computeIfAbsent(entry.getKey(), key -> new LinkedHashSet<>()).add(entry.getValue()));
        List<Account> accounts = new ArrayList<>(rows.size());
        for (Row row : rows) {
            accounts.add(new Account(row.username(), row.displayName(), row.role(), scopes.getOrDefault(row.username(), Set.of()), row.passwordHash(),
                    row.createdAt(), row.disabled(), row.credentialsChangedAt()));
        }
        return accounts;
    }
}
