package vn.dancu.api.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Slows password guessing: after 5 failed logins in a row for a user name, further attempts are refused for 1 minute,
 * doubling with each further failure up to 15 minutes. A successful login resets the count.
 */
public final class LoginThrottle
{
    public static final int FREE_ATTEMPTS = 5;
    private static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    private static final Duration LONGEST_LOCK = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant lockedUntil) {}

    public LoginThrottle(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Seconds the user name must wait before another attempt, 0 when it may try now. */
    public long waitSeconds(String username)
    {
        Failures current = failures.get(username);
        if (current == null || current.lockedUntil() == null) {
            return 0;
        }
        long seconds = Duration.between(clock.instant(), current.lockedUntil()).toSeconds();
        return Math.max(0, seconds + 1);
    }

    public void failed(String username)
    {
        failures.compute(username, (name, current) -> {
            int count = current == null ? 1 : current.count() + 1;
            Instant locked = null;
            if (count >= FREE_ATTEMPTS) {
                Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(10, count - FREE_ATTEMPTS));
                locked = clock.instant().plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
            }
            return new Failures(count, locked);
        });
    }

    public void succeeded(String username)
    {
        failures.remove(username);
    }
}
