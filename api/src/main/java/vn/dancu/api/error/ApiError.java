package vn.dancu.api.error;

import java.util.List;

/** The body of every error response. */
public record ApiError(String title, int status, String type, List<String> details)
{
    public ApiError
    {
        details = List.copyOf(details);
    }
}
