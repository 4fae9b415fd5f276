package vn.dancu.api.access;

import static java.util.Objects.requireNonNull;

/**
 * How many API requests a client may make: a token bucket per client of {@code burst} requests, refilled at
 * {@code perSecond}. A request beyond it is answered 429 with {@code Retry-After}.
 *
 * @param anonymous per client address (behind a trusted reverse proxy, the address it reports; IPv6 per /64): a whole
 *                  office behind one address shares it, hence the larger budget
 * @param account   per account (session or API token), wherever its requests come from
 * @param login     login attempts per client address, on top of the per-account {@link LoginThrottle}: slows trying
 *                  one password on many accounts
 */
public record RateLimits(Limit anonymous, Limit account, Limit login)
{
    /** A bucket of {@code burst} requests refilled at {@code perSecond}; {@code perSecond} 0 means no limit. */
    public record Limit(double perSecond, int burst)
    {
        public Limit
        {
            if (perSecond < 0 || Double.isNaN(perSecond)) {
                throw new IllegalArgumentException("a rate limit must be 0 (none) or more requests per second, was " + perSecond);
            }
            if (perSecond > 0 && burst < 1) {
                throw new IllegalArgumentException("a burst must be at least 1 request, was " + burst);
            }
        }

        public static final Limit NONE = new Limit(0, 0);

        public boolean limits()
        {
            return perSecond > 0;
        }
    }

    public RateLimits
    {
        requireNonNull(anonymous, "anonymous is null");
        requireNonNull(account, "account is null");
        requireNonNull(login, "login is null");
    }

    /**
     * The defaults of {@code ./dancu serve}: anonymous 50 requests/s per address with bursts of 500 (a dashboard page
     * asks 7–9 questions; a commune office behind one address stays far below), accounts 20/s with bursts of 400,
     * logins 10 per minute per address with bursts of 10.
     */
    public static RateLimits defaults()
    {
        return new RateLimits(new Limit(50, 500), new Limit(20, 400), new Limit(10.0 / 60, 10));
    }

    /** No limits (embedding, tests, benchmarks of raw throughput). */
    public static RateLimits none()
    {
        return new RateLimits(Limit.NONE, Limit.NONE, Limit.NONE);
    }
}
