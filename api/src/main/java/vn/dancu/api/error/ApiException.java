package vn.dancu.api.error;

import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A failure the client can act on, answered with the one error shape of the API ({@link ApiError}).
 * Services throw it; they know nothing of HTTP beyond the status.
 */
public class ApiException extends RuntimeException
{
    private final int status;
    private final String type;
    private final List<String> details;

    public ApiException(int status, String type, String title, List<String> details)
    {
        super(requireNonNull(title, "title is null"));
        this.status = status;
        this.type = requireNonNull(type, "type is null");
        this.details = List.copyOf(details);
    }

    /** 400 for one bad parameter: names it, says what was wrong and which values are allowed. */
    public static ApiException badParameter(String parameter, String problem, List<String> allowed)
    {
        String title = "invalid parameter '" + parameter + "': " + problem
                + (allowed.isEmpty() ? "" : "; allowed: " + String.join(", ", allowed));
        return new ApiException(400, "bad-parameter", title, allowed.isEmpty() ? List.of() : List.of("allowed: " + String.join(", ", allowed)));
    }

    /**
     * The 400 of a failed Javalin validation ({@code ctx.queryParamAsClass(...).check(...)}): names the first failing
     * parameter and says what was wrong; the allowed values are the error's {@code allowed} argument, when it has one.
     */
    public static ApiException of(ValidationException exception)
    {
        Map.Entry<String, List<ValidationError<Object>>> first = exception.getErrors().entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty()).findFirst()
                .orElse(Map.entry("parameter", List.of(new ValidationError<>("invalid"))));
        ValidationError<Object> error = first.getValue().get(0);
        List<String> allowed = error.getArgs().get("allowed") instanceof List<?> values ? values.stream().map(String::valueOf).toList() : List.of();
        return badParameter(first.getKey(), error.getMessage(), allowed);
    }

    public static ApiException notFound(String what, List<String> allowed)
    {
        return new ApiException(404, "not-found", what + " not found" + (allowed.isEmpty() ? "" : "; available: " + String.join(", ", allowed)), List.of());
    }

    /** 403: the caller's role or unit scope does not allow this; the title says what would. */
    public static ApiException forbidden(String title)
    {
        return new ApiException(403, "forbidden", title, List.of());
    }

    /** 401: the request needs a logged-in account or a valid token. */
    public static ApiException unauthorized(String title)
    {
        return new ApiException(401, "unauthorized", title, List.of());
    }

    public static ApiException conflict(String title)
    {
        return new ApiException(409, "conflict", title, List.of());
    }

    public static ApiException unavailable(String title)
    {
        return new ApiException(503, "unavailable", title, List.of());
    }

    public int status()
    {
        return status;
    }

    public String type()
    {
        return type;
    }

    public List<String> details()
    {
        return details;
    }

    public ApiError toError()
    {
        return new ApiError(getMessage(), status, type, details);
    }
}
