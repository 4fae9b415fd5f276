package vn.dancu.api.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import vn.dancu.api.ApiException;
import vn.dancu.api.access.Account;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.audit.AuditEntry;
import vn.dancu.api.audit.AuditLog;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs around every API request: finds the caller (API token, session cookie, or anonymous), refuses cross-site
 * writes, sets the security headers, and writes the audit log entry once the response is known.
 */
public final class Gatekeeper
{
    public static final String SESSION_COOKIE = "dancu_session";
    /**
     * The dashboard satisfies it: no inline script, scripts and styles from the server only (ECharts and Swagger UI
     * set inline styles, hence 'unsafe-inline' for styles alone), images may be data: URIs (Swagger UI's icons).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";
    private static final Set<String> UNAUDITED = Set.of("/api/v1/health", "/api/v1/openapi.json");

    private final AccountStore accounts;
    private final ApiTokens tokens;
    private final Sessions sessions;
    private final AuditLog audit;
    private final Supplier<String> version;
    private final Clock clock;

    public Gatekeeper(AccountStore accounts, ApiTokens tokens, Sessions sessions, AuditLog audit, Supplier<String> version, Clock clock)
    {
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.version = requireNonNull(version, "version is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Security headers on every response, the dashboard's pages and files included. */
    public void headers(Context ctx)
    {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    }

    /** Before every API request: who is calling. */
    public void identify(Context ctx)
    {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            if (!authorization.startsWith("Bearer ")) {
                throw ApiException.unauthorized("the Authorization header must be 'Bearer <token>'");
            }
            ApiTokens.Token token = tokens.verify(authorization.substring("Bearer ".length()).strip())
                    .orElseThrow(() -> ApiException.unauthorized("the API token is unknown, revoked or expired"));
            Account account = accounts.find(token.username()).filter(found -> !found.disabled())
                    .orElseThrow(() -> ApiException.unauthorized("the API token's account is disabled or deleted"));
            ctx.attribute(Http.CALLER, account.caller("token"));
            return;
        }
        String sessionId = ctx.cookie(SESSION_COOKIE);
        Optional<Account> account = sessions.find(sessionId)
                .flatMap(session -> accounts.find(session.username()))
                .filter(found -> !found.disabled());
        if (account.isEmpty()) {
            if (sessionId != null) {
                sessions.close(sessionId);
                clearCookie(ctx);
            }
            ctx.attribute(Http.CALLER, Caller.anonymous());
            return;
        }
        if (unsafe(ctx) && !sameOrigin(ctx)) {
            throw ApiException.forbidden("cross-site request refused: a logged-in browser may change things only from this server's own pages");
        }
        ctx.attribute(Http.CALLER, account.get().caller("session"));
    }

    private static boolean unsafe(Context ctx)
    {
        return !List.of("GET", "HEAD", "OPTIONS").contains(ctx.method().name());
    }

    /** The Origin (or, without it, the Referer) names this server, or neither is sent (scripts, old browsers). */
    private static boolean sameOrigin(Context ctx)
    {
        String origin = ctx.header("Origin");
        if (origin == null) {
            origin = ctx.header("Referer");
        }
        if (origin == null) {
            return true;
        }
        String host = ctx.header("Host");
        try {
            java.net.URI uri = java.net.URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Cookie sessionCookie(Context ctx, String sessionId)
    {
        return new Cookie(SESSION_COOKIE, sessionId, "/", -1, "https".equals(ctx.scheme()), true, null, SameSite.STRICT);
    }

    public void clearCookie(Context ctx)
    {
        Cookie cookie = sessionCookie(ctx, "");
        cookie.setMaxAge(0);
        ctx.cookie(cookie);
    }

    /** After every API request: the audit log entry. */
    public void record(Context ctx)
    {
        if (UNAUDITED.contains(ctx.path())) {
            return;
        }
        Caller caller = Http.caller(ctx);
        Long cells = ctx.attribute(Http.AUDIT_CELLS);
        String currentVersion;
        try {
            currentVersion = version.get();
        }
        catch (RuntimeException e) {
            currentVersion = null;
        }
        audit.submit(new AuditEntry(0, clock.instant(), caller.name(), caller.role().code(), List.copyOf(new TreeSet<>(caller.scope())),
                caller.via(), ctx.ip(), ctx.method().name(), ctx.path(), ctx.queryString(), ctx.attribute(Http.AUDIT_CUBE),
                cells == null ? 0 : cells, ctx.statusCode(), currentVersion, "", ""));
    }
}
