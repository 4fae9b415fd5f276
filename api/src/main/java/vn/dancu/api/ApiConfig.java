package vn.dancu.api;

import vn.dancu.api.access.RateLimits;
import vn.dancu.api.access.TrustedProxies;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Settings of the api process.
 *
 * @param webDirectory       serve the dashboard from this folder instead of the classpath (for editing it live); null = classpath
 * @param responseCacheBytes memory for computed responses (JSON and files) kept for repeated requests
 * @param rateLimits         requests a client, an account and a login address may make ({@link RateLimits#defaults()} for
 *                           {@code ./dancu serve})
 * @param trustedProxies     reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed
 */
public record ApiConfig(int port, Path webDirectory, long responseCacheBytes, RateLimits rateLimits, TrustedProxies trustedProxies)
{
    public ApiConfig
    {
        if (responseCacheBytes < 0) {
            throw new IllegalArgumentException("responseCacheBytes must not be negative");
        }
        requireNonNull(rateLimits, "rateLimits is null");
        requireNonNull(trustedProxies, "trustedProxies is null");
    }

    /** Without rate limits and proxies: for embedding the server in tests and benchmarks. */
    public ApiConfig(int port, Path webDirectory, long responseCacheBytes)
    {
        this(port, webDirectory, responseCacheBytes, RateLimits.none(), TrustedProxies.none());
    }

    public static ApiConfig defaults()
    {
        return new ApiConfig(7070, null, 64L << 20, RateLimits.defaults(), TrustedProxies.none());
    }
}
