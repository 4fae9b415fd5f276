package vn.dancu.api.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Browser sessions, held in memory (a restart logs everyone out): a random 256-bit id in an HttpOnly, SameSite=Strict
 * cookie. A session ends after 30 minutes without a request or 12 hours after login.
 */
public final class Sessions
{
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(12);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public Sessions(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    public record Session(String id, String username, Instant createdAt, Instant lastSeen) {}

    public Session open(String username)
    {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Session session = new Session(id, username, now, now);
        sessions.put(id, session);
        return session;
    }

    /** The live session with this id, touched; empty when unknown or expired. */
    public Optional<Session> find(String id)
    {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(session.lastSeen().plus(IDLE)) || now.isAfter(session.createdAt().plus(ABSOLUTE))) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(session.id(), session.username(), session.createdAt(), now);
        sessions.put(id, touched);
        return Optional.of(touched);
    }

    public void close(String id)
    {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of an account (when it is disabled, deleted or its password changes). */
    public void closeAll(String username)
    {
        sessions.values().removeIf(session -> session.username().equals(username));
    }
}
