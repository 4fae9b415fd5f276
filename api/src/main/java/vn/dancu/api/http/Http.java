package vn.dancu.api.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vn.dancu.api.access.Caller;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small helpers the controllers share: the caller of a request, what the audit log records, cached sends. */
public final class Http
{
    static final String CALLER = "dancu.caller";
    static final String AUDIT_CUBE = "dancu.audit.cube";
    static final String AUDIT_CELLS = "dancu.audit.cells";

    private Http() {}

    public static Caller caller(Context ctx)
    {
        Caller caller = ctx.attribute(CALLER);
        return caller == null ? Caller.anonymous() : caller;
    }

    /** Records what a data request returned, for the audit log. */
    public static void audit(Context ctx, String cube, long cells)
    {
        ctx.attribute(AUDIT_CUBE, cube);
        ctx.attribute(AUDIT_CELLS, cells);
    }

    /** The request's parameters in a stable order, for cache keys. */
    public static String canonicalQuery(Context ctx)
    {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<String>> parameter : new TreeMap<>(ctx.queryParamMap()).entrySet()) {
            for (String value : parameter.getValue()) {
                text.append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        }
        return text.toString();
    }

    /** Sends a cached response: 304 when the client has it already (If-None-Match), the bytes otherwise. */
    public static void send(Context ctx, ResponseCache.Entry entry)
    {
        audit(ctx, entry.cube(), entry.cells());
        ctx.header("ETag", entry.etag());
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header("Vary", "Cookie, Authorization, Accept-Encoding");
        String asked = ctx.header("If-None-Match");
        if (asked != null && List.of(asked.split("\\s*,\\s*")).contains(entry.etag())) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        if (entry.fileName() != null) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + entry.fileName() + "\"");
        }
        ctx.contentType(entry.contentType());
        String encodings = ctx.header("Accept-Encoding");
        if (entry.gzip() != null && encodings != null && encodings.contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(entry.gzip());
            return;
        }
        ctx.result(entry.body());
    }

    public static String language(Context ctx)
    {
        String language = ctx.queryParam("lang");
        if (language == null || language.isBlank()) {
            return "vi";
        }
        if (!List.of("vi", "en").contains(language)) {
            throw vn.dancu.api.error.ApiException.badParameter("lang", "'" + language + "' is not allowed", List.of("vi", "en"));
        }
        return language;
    }
}
