package vn.dancu.api;

import java.nio.file.Path;

/**
 * Settings of the api process.
 *
 * @param webDirectory serve the dashboard from this folder instead of the classpath (for editing it live); null = classpath
 */
public record ApiConfig(int port, Path webDirectory)
{
    public static ApiConfig defaults()
    {
        return new ApiConfig(7070, null);
    }
}
