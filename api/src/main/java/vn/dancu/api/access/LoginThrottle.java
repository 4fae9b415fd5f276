package vn.dancu.api.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Slows password guessing: after 5 failed logins in a row for a user name, further attempts are refused for 1 minute,
 * doubling with each further failure up to 15 minutes. A successful login resets the count.
 *
 * <p>An attempt is {@link #reserve reserved} before the password is checked, and counts as failed until it
 * {@link #succeeded succeeds}: parallel attempts cannot all pass the check while the slow hash runs, so 16 attempts
 * at once get 5 answers and 11 refusals, as 16 in a row would.
 */
public final class LoginThrottle
{
    public static final int FREE_ATTEMPTS = 5;
    private static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    private static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    /** User names remembered at most; beyond, those without a running lock are forgotten. */
    private static final int REMEMBERED = 10_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant lockedUntil, Instant last) {}

    public LoginThrottle(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Reserves an attempt for the user name, counted as a failure until {@link #succeeded}; empty when it may go on,
     * else the seconds to wait (nothing is counted then).
     */
    public Optional<Long> reserve(String username)
    {
        requireNonNull(username, "username is null");
        forgetOldNames();
        long[] wait = {0};
        Instant now = clock.instant();
        failures.compute(username, (name, current) -> {
            if (current != null && current.lockedUntil() != null && now.isBefore(current.lockedUntil())) {
                wait[0] = Math.max(1, Duration.between(now, current.lockedUntil()).toSeconds() + 1);
                return current;
            }
            int count = current == null ? 1 : current.count() + 1;
            Instant locked = null;
            if (count >= FREE_ATTEMPTS) {
                Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(10, count - FREE_ATTEMPTS));
                locked = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
            }
            return new Failures(count, locked, now);
        });
        return wait[0] > 0 ? Optional.of(wait[0]) : Optional.empty();
    }

    /** The reserved attempt succeeded: the count starts again. */
    public void succeeded(String username)
    {
        failures.remove(username);
    }

    private void forgetOldNames()
    {
        if (failures.size() < REMEMBERED) {
            return;
        }
        Instant now = clock.instant();
        failures.values().removeIf(entry -> (entry.lockedUntil() == null || now.isAfter(entry.lockedUntil()))
                && now.isAfter(entry.last().plus(LONGEST_LOCK)));
    }
}
