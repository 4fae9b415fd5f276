package vn.dancu.api.access;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RateLimiterTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketAllowsItsBurstThenRefillsAtItsRate()
    {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(now::get);
        RateLimits.Limit limit = new RateLimits.Limit(2, 4);
        List<Optional<Long>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(limiter.acquire("10.0.0.1", limit));
        }
        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(1L)), answers);
        now.addAndGet(SECOND / 2);
        assertEquals(Optional.empty(), limiter.acquire("10.0.0.1", limit), "half a second gives one request back at 2 a second");
        assertEquals(Optional.of(1L), limiter.acquire("10.0.0.1", limit));
        now.addAndGet(60 * SECOND);
        for (int i = 0; i < 4; i++) {
            assertEquals(Optional.empty(), limiter.acquire("10.0.0.1", limit), "a full bucket again, never more than the burst");
        }
        assertEquals(Optional.of(1L), limiter.acquire("10.0.0.1", limit));
        assertEquals(Optional.empty(), limiter.acquire("10.0.0.2", limit), "another key has its own bucket");
    }

    @Test
    void theWaitIsTheWholeSecondsUntilOneRequestIsBack()
    {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(now::get);
        RateLimits.Limit tenAMinute = new RateLimits.Limit(10.0 / 60, 10);
        for (int i = 0; i < 10; i++) {
            limiter.acquire("login", tenAMinute);
        }
        assertEquals(Optional.of(6L), limiter.acquire("login", tenAMinute));
        now.addAndGet(5 * SECOND);
        assertEquals(Optional.of(1L), limiter.acquire("login", tenAMinute));
        now.addAndGet(SECOND);
        assertEquals(Optional.empty(), limiter.acquire("login", tenAMinute));
    }

    @Test
    void noLimitNeverRefusesAndKeepsNothing()
    {
        RateLimiter limiter = new RateLimiter(() -> 0);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Optional.empty(), limiter.acquire("k" + i, RateLimits.Limit.NONE));
        }
        assertEquals(0, limiter.size());
    }

    @Test
    void aLimitNeedsABurst()
    {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new RateLimits.Limit(5, 0));
        assertEquals("a burst must be at least 1 request, was 0", error.getMessage());
    }
}
