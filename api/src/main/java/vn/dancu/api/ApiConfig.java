package vn.dancu.api;

import java.nio.file.Path;

/**
 * Settings of the api process.
 *
 * @param webDirectory       serve the dashboard from this folder instead of the classpath (for editing it live); null = classpath
 * @param responseCacheBytes memory for computed responses (JSON and files) kept for repeated requests
 */
public record ApiConfig(int port, Path webDirectory, long responseCacheBytes)
{
    public ApiConfig
    {
        if (responseCacheBytes < 0) {
            throw new IllegalArgumentException("responseCacheBytes must not be negative");
        }
    }

    public static ApiConfig defaults()
    {
        return new ApiConfig(7070, null, 64L << 20);
    }
}
