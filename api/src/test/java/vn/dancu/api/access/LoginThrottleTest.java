package vn.dancu.api.access;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginThrottleTest
{
    private static final class TestClock extends Clock
    {
        Instant now = Instant.parse("2026-11-02T08:00:00Z");

        @Override
        public ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now;
        }
    }

    @Test
    void fiveAttemptsPassThenTheNameWaitsAMinuteDoublingUpToFifteen()
    {
        TestClock clock = new TestClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        List<Optional<Long>> answers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            answers.add(throttle.reserve("lan"));
        }
        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(61L),
                Optional.of(61L)), answers);
        List<Long> locks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(16));
            assertEquals(Optional.empty(), throttle.reserve("lan"));
            locks.add(throttle.reserve("lan").orElse(0L));
        }
        assertEquals(List.of(121L, 241L, 481L, 901L, 901L, 901L), locks);
        assertEquals(Optional.empty(), throttle.reserve("minh"), "another name has its own count");
    }

    @Test
    void aSuccessStartsTheCountAgain()
    {
        LoginThrottle throttle = new LoginThrottle(new TestClock());
        for (int i = 0; i < 4; i++) {
            throttle.reserve("lan");
        }
        throttle.succeeded("lan");
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), throttle.reserve("lan"), "attempt " + (i + 1) + " after the success");
        }
        assertEquals(Optional.of(61L), throttle.reserve("lan"));
    }
}
