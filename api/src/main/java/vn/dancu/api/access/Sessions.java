package vn.dancu.api.access;

import org.jdbi.v3.core.Handle;
import vn.dancu.api.state.StateDatabase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Browser sessions: a random 256-bit id in an HttpOnly, SameSite=Strict cookie. A session ends after 30 minutes
 * without a request or 12 hours after login. They are kept in the state database (table {@code browser_session}), so
 * a restart keeps users logged in and the servers that share one database share their sessions; the database holds
 * only the SHA-256 of each id, so a copy of it opens no session. The time of the last request is written at most
 * every {@link #TOUCH_EVERY} (not at every request), so a session may end up to that much before its 30 minutes.
 */
public final class Sessions
{
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    public static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final StateDatabase database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Sessions(StateDatabase database, Clock clock)
    {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public record Session(String id, String username, Instant createdAt, Instant lastSeen) {}

    /** A new session of the account; sessions that have ended are deleted on the way. */
    public Session open(String username)
    {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Session session = new Session(id, username, now, now);
        database.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM browser_session WHERE last_seen < :idle OR created_at < :absolute")
                    .bind("idle", StateDatabase.text(now.minus(IDLE)))
                    .bind("absolute", StateDatabase.text(now.minus(ABSOLUTE)))
                    .execute();
            handle.createUpdate("INSERT INTO browser_session (id_sha256, username, created_at, last_seen) VALUES (:hash, :username, :created, :seen)")
                    .bind("hash", sha256(id))
                    .bind("username", username)
                    .bind("created", StateDatabase.text(now))
                    .bind("seen", StateDatabase.text(now))
                    .execute();
            return null;
        });
        return session;
    }

    /** The live session with this id, touched; empty when unknown or expired (an expired one is deleted). */
    public Optional<Session> find(String id)
    {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(id);
        Optional<Session> stored = database.withHandle(handle -> handle.createQuery(
                        "SELECT username, created_at, last_seen FROM browser_session WHERE id_sha256 = :hash")
                .bind("hash", hash)
                .map((result, context) -> new Session(id, result.getString("username"), StateDatabase.instant(result.getString("created_at")),
                        StateDatabase.instant(result.getString("last_seen"))))
                .findOne());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Session session = stored.get();
        Instant now = clock.instant();
        if (now.isAfter(session.lastSeen().plus(IDLE)) || now.isAfter(session.createdAt().plus(ABSOLUTE))) {
            close(id);
            return Optional.empty();
        }
        if (!now.isBefore(session.lastSeen().plus(TOUCH_EVERY))) {
            database.inTransaction(handle -> handle.createUpdate("UPDATE browser_session SET last_seen = :seen WHERE id_sha256 = :hash")
                    .bind("seen", StateDatabase.text(now))
                    .bind("hash", hash)
                    .execute());
        }
        return Optional.of(new Session(id, session.username(), session.createdAt(), now));
    }

    public void close(String id)
    {
        if (id != null && !id.isEmpty() && id.length() <= 100) {
            database.inTransaction(handle -> handle.createUpdate("DELETE FROM browser_session WHERE id_sha256 = :hash").bind("hash", sha256(id)).execute());
        }
    }

    /** Ends every session of an account (when it is disabled, deleted or its password changes). */
    public void closeAll(String username)
    {
        database.inTransaction(handle -> deleteOf(handle, username));
    }

    /** Deletes an account's sessions on a handle in a transaction (a change of its credentials, its deletion). */
    static int deleteOf(Handle handle, String username)
    {
        return handle.createUpdate("DELETE FROM browser_session WHERE username = :username").bind("username", username).execute();
    }

    private static String sha256(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
