package vn.dancu.api.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import vn.dancu.model.cube.CubeCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The accounts of the server, in {@code DATA/server/accounts.json} (file 0600 in a folder 0700 where the file system
 * has POSIX permissions), rewritten atomically on every change.
 */
public final class AccountStore
{
    public static final String FILE_NAME = "accounts.json";

    private final Path file;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final ObjectMapper json = CubeCatalog.json().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private java.nio.file.attribute.FileTime loadedVersion;
    private long lastCheck;

    public AccountStore(Path serverFolder, PasswordHasher hasher, Clock clock)
    {
        this.file = requireNonNull(serverFolder, "serverFolder is null").resolve(FILE_NAME);
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.clock = requireNonNull(clock, "clock is null");
        load();
    }

    record Accounts(List<Account> accounts) {}

    private synchronized void load()
    {
        if (!Files.exists(file)) {
            return;
        }
        try {
            ServerFiles.ownerOnly(file);
            java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);
            Map<String, Account> read = new LinkedHashMap<>();
            for (Account account : json.readValue(file.toFile(), Accounts.class).accounts()) {
                read.put(account.username(), account);
            }
            accounts.clear();
            accounts.putAll(read);
            loadedVersion = modified;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the accounts file " + file, e);
        }
    }

    /** Re-reads the file when another process (./dancu accounts) changed it; checked at most once a second. */
    private void refresh()
    {
        long now = System.nanoTime();
        if (now - lastCheck < 1_000_000_000L) {
            return;
        }
        lastCheck = now;
        try {
            if (Files.exists(file) && !Files.getLastModifiedTime(file).equals(loadedVersion)) {
                load();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the accounts file " + file, e);
        }
    }

    private void save()
    {
        try {
            ServerFiles.ownerOnlyFolder(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            ServerFiles.ownerOnly(temporary);
            json.writeValue(temporary.toFile(), new Accounts(new ArrayList<>(accounts.values())));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            loadedVersion = Files.getLastModifiedTime(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the accounts file " + file, e);
        }
    }

    public synchronized List<Account> all()
    {
        refresh();
        return accounts.values().stream().sorted(Comparator.comparing(Account::username)).toList();
    }

    public synchronized Optional<Account> find(String username)
    {
        refresh();
        return Optional.ofNullable(accounts.get(username));
    }

    public synchronized boolean isEmpty()
    {
        refresh();
        return accounts.isEmpty();
    }

    /** Creates an account; IllegalArgumentException when the name is taken or a rule is broken. */
    public synchronized Account create(String username, String displayName, Role role, Set<String> scope, String password)
    {
        if (accounts.containsKey(username)) {
            throw new IllegalArgumentException("account '" + username + "' exists already");
        }
        Account account = new Account(username, displayName, role, scope, hasher.hash(password), clock.instant(), false);
        accounts.put(username, account);
        save();
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
     * Applies a change as one write: every part is checked first (IllegalArgumentException naming the rule broken, and
     * then nothing is written), then the account is saved once. A new password, role, scope or enabled state moves the
     * account's {@link Account#credentialsChangedAt()}, which ends its sessions and tokens.
     */
    public synchronized Account change(String username, Change change)
    {
        Account current = find(username).orElseThrow(() -> new IllegalArgumentException("no account '" + username + "'"));
        change.password().ifPresent(PasswordHasher::check);
        java.time.Instant now = clock.instant();
        Account updated = current.with(change.displayName().orElse(current.displayName()), change.role().orElse(current.role()),
                change.scope().orElse(current.scope()), change.disabled().orElse(current.disabled()), now);
        if (change.password().isPresent()) {
            updated = updated.withPasswordHash(hasher.hash(change.password().get()), now);
        }
        accounts.put(username, updated);
        save();
        return updated;
    }

    public synchronized Account update(String username, String displayName, Role role, Set<String> scope, boolean disabled)
    {
        return change(username, new Change(Optional.ofNullable(displayName), Optional.ofNullable(role), Optional.ofNullable(scope),
                Optional.of(disabled), Optional.empty()));
    }

    public synchronized void setPassword(String username, String password)
    {
        change(username, new Change(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(password)));
    }

    public synchronized boolean delete(String username)
    {
        boolean removed = accounts.remove(username) != null;
        if (removed) {
            save();
        }
        return removed;
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
}
