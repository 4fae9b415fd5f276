package vn.dancu.api.access;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Token buckets per key (a client address, an account): {@link #acquire} takes one request from the key's bucket, or
 * says how long to wait. Full buckets are forgotten when many keys are held, so memory stays bounded by the clients
 * active in the last {@code burst / perSecond} seconds.
 */
public final class RateLimiter
{
    private static final int FORGET_ABOVE = 50_000;

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private record Bucket(double tokens, long at, RateLimits.Limit limit) {}

    public RateLimiter()
    {
        this(System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds (tests pass their own) */
    public RateLimiter(LongSupplier nanoTime)
    {
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /** Takes one request from the key's bucket: empty when allowed, else the whole seconds to wait (at least 1). */
    public Optional<Long> acquire(String key, RateLimits.Limit limit)
    {
        if (!limit.limits()) {
            return Optional.empty();
        }
        forgetFullBuckets();
        long now = nanoTime.getAsLong();
        long[] wait = {0};
        buckets.compute(key, (name, bucket) -> {
            double tokens = bucket == null ? limit.burst() : Math.min(limit.burst(), bucket.tokens() + (now - bucket.at()) / 1e9 * limit.perSecond());
            if (tokens >= 1 - 1e-9) {
                return new Bucket(Math.max(0, tokens - 1), now, limit);
            }
            wait[0] = Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond() - 1e-9));
            return new Bucket(tokens, now, limit);
        });
        return wait[0] > 0 ? Optional.of(wait[0]) : Optional.empty();
    }

    int size()
    {
        return buckets.size();
    }

    private void forgetFullBuckets()
    {
        if (buckets.size() < FORGET_ABOVE) {
            return;
        }
        long now = nanoTime.getAsLong();
        buckets.values().removeIf(bucket -> bucket.tokens() + (now - bucket.at()) / 1e9 * bucket.limit().perSecond() >= bucket.limit().burst());
    }
}
