package vn.dancu.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import vn.dancu.api.error.ApiError;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The errors Jetty answers itself, before a request reaches the API (a URI or headers too large, a malformed URI such
 * as one with {@code %00}), in the API's one JSON error shape instead of Jetty's HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler
{
    private final ObjectMapper json;

    public JsonErrorHandler(ObjectMapper json)
    {
        this.json = json;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
    {
        try {
            byte[] body = json.writeValueAsBytes(error(code, message));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(body), callback);
        }
        catch (Exception e) {
            callback.failed(e);
        }
    }

    /** The error body of a status Jetty answers; the title says what was wrong in words a caller can act on. */
    static ApiError error(int code, String message)
    {
        String reason = message == null || message.isBlank() ? "" : " (" + message + ")";
        return switch (code) {
            case 400 -> new ApiError("malformed request: the URI or a header cannot be read" + reason
                    + "; percent-encode special characters and never send %00", 400, "bad-request", List.of());
            case 414 -> new ApiError("the request URI is longer than the server accepts" + reason
                    + ": ask with fewer or shorter parameters (dims, filter…)", 414, "uri-too-long", List.of());
            case 431 -> new ApiError("the request headers are larger than the server accepts" + reason
                    + ": send fewer or smaller headers (cookies, Authorization)", 431, "headers-too-large", List.of());
            case 404 -> new ApiError("no such resource" + reason, 404, "not-found", List.of());
            case 405 -> new ApiError("method not allowed" + reason, 405, "method-not-allowed", List.of());
            default -> code >= 500
                    ? new ApiError("internal error; the server log has the details", code, "internal", List.of())
                    : new ApiError("the request was refused" + reason, code, "bad-request", List.of());
        };
    }
}
