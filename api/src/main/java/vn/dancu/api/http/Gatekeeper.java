package vn.dancu.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.router.Endpoint;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Account;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.RateLimiter;
import vn.dancu.api.access.RateLimits;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.access.TrustedProxies;
import vn.dancu.api.audit.AuditEntry;
import vn.dancu.api.audit.AuditLog;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs around every API request: finds the client (its address, behind a trusted reverse proxy the one the proxy
 * reports) and the caller (API token, session cookie, or anonymous), applies the rate limits, refuses cross-site
 * writes, sets the security headers, and writes the audit log entry once the response is known: one entry per
 * request of an account or login attempt, a count per minute for anonymous requests.
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
    /** Sent over HTTPS only (browsers ignore it over HTTP): one year, this host. */
    public static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";
    private static final Set<String> UNAUDITED = Set.of("/api/v1/health", "/api/v1/openapi.json");
    private static final Set<String> UNLIMITED = Set.of("/api/v1/health");
    /** The API token a request came with (for the tokens it may make). */
    static final String TOKEN = "dancu.token";
    /** The account a login attempt named. */
    static final String LOGIN_ACCOUNT = "dancu.login.account";
    private static final String CLIENT = "dancu.client";
    /** Set when the rate limit refused the request. */
    private static final String THROTTLED = "dancu.throttled";

    private final AccountStore accounts;
    private final ApiTokens tokens;
    private final Sessions sessions;
    private final AuditLog audit;
    private final Supplier<String> version;
    private final Clock clock;
    private final TrustedProxies proxies;
    private final RateLimits limits;
    private final RateLimiter limiter = new RateLimiter();

    public Gatekeeper(AccountStore accounts, ApiTokens tokens, Sessions sessions, AuditLog audit, Supplier<String> version, Clock clock,
            TrustedProxies proxies, RateLimits limits)
    {
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.version = requireNonNull(version, "version is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.proxies = requireNonNull(proxies, "proxies is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** Security headers on every response, the dashboard's pages and files included; HSTS when the request is HTTPS. */
    public void headers(Context ctx)
    {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        if (secure(ctx)) {
            ctx.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
    }

    /** The client's address: the connection's, or behind a trusted reverse proxy the one it reports. */
    public String client(Context ctx)
    {
        String known = ctx.attribute(CLIENT);
        if (known != null) {
            return known;
        }
        String client = proxies.client(ctx.req().getRemoteAddr(), ctx.req().getHeaders("X-Forwarded-For") == null ? List.of()
                : java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
        ctx.attribute(CLIENT, client);
        return client;
    }

    /** True when the request came over HTTPS, directly or through a trusted proxy that says so. */
    public boolean secure(Context ctx)
    {
        return proxies.secure(ctx.req().getRemoteAddr(), ctx.scheme(), ctx.header("X-Forwarded-Proto"));
    }

    /**
     * Before every API request: who is calling, then the rate limit of the account (or of the client address for an
     * anonymous caller). Data is not served while the audit log cannot be written.
     */
    public void admit(Context ctx)
    {
        if (UNLIMITED.contains(ctx.path())) {
            identify(ctx);
            return;
        }
        try {
            identify(ctx);
        }
        catch (ApiException refused) {
            limit(ctx, "client:" + TrustedProxies.rateKey(client(ctx)), limits.anonymous(), "too many requests from this address");
            throw refused;
        }
        Caller caller = Http.caller(ctx);
        if (caller.anonymousVisitor()) {
            limit(ctx, "client:" + TrustedProxies.rateKey(client(ctx)), limits.anonymous(), "too many requests from this address");
        }
        else {
            limit(ctx, "account:" + caller.username(), limits.account(), "too many requests of the account " + caller.username());
        }
        Optional<String> failure = audit.failure();
        if (failure.isPresent()) {
            throw ApiException.unavailable("the audit log cannot be written, so no data is served until it can: " + failure.get());
        }
    }

    /** Login attempts of this client address (on top of the per-account throttle). */
    void limitLogin(Context ctx)
    {
        limit(ctx, "login:" + TrustedProxies.rateKey(client(ctx)), limits.login(), "too many login attempts from this address");
    }

    private void limit(Context ctx, String key, RateLimits.Limit limit, String tooMany)
    {
        Optional<Long> wait = limiter.acquire(key, limit);
        if (wait.isEmpty()) {
            return;
        }
        ctx.header("Retry-After", Long.toString(wait.get()));
        ctx.attribute(THROTTLED, Boolean.TRUE);
        throw new ApiException(429, "too-many-requests", tooMany + ": at most " + rate(limit) + "; try again in "
                + wait.get() + " s", List.of("retry after " + wait.get() + " s"));
    }

    private static String rate(RateLimits.Limit limit)
    {
        if (limit.perSecond() >= 1) {
            return Math.round(limit.perSecond()) + " a second, in bursts of up to " + limit.burst();
        }
        return Math.round(limit.perSecond() * 60) + " a minute, in bursts of up to " + limit.burst();
    }

    /** Who is calling: an API token, a session cookie, or an anonymous visitor. */
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
            if (!account.accepts(token.createdAt())) {
                throw ApiException.unauthorized("the API token is unknown, revoked or expired");
            }
            ctx.attribute(TOKEN, token);
            ctx.attribute(Http.CALLER, account.caller("token"));
            return;
        }
        String sessionId = ctx.cookie(SESSION_COOKIE);
        Optional<Sessions.Session> session = sessions.find(sessionId);
        Optional<Account> account = session.flatMap(found -> accounts.find(found.username()))
                .filter(found -> !found.disabled())
                .filter(found -> found.accepts(session.get().createdAt()));
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

    /** The session cookie: HttpOnly, SameSite=Strict, and Secure when the request is HTTPS (directly or via a trusted proxy). */
    public Cookie sessionCookie(Context ctx, String sessionId)
    {
        return new Cookie(SESSION_COOKIE, sessionId, "/", -1, secure(ctx), true, null, SameSite.STRICT);
    }

    public void clearCookie(Context ctx)
    {
        Cookie cookie = sessionCookie(ctx, "");
        cookie.setMaxAge(0);
        ctx.cookie(cookie);
    }

    /**
     * After every API request: the audit. A request of an account, and every login attempt (with the account it
     * named), is one entry with the question asked; an anonymous request, and a request the rate limit refused, is
     * counted into its minute.
     */
    public void record(Context ctx)
    {
        if (UNAUDITED.contains(ctx.path())) {
            return;
        }
        Caller caller = Http.caller(ctx);
        Long cells = ctx.attribute(Http.AUDIT_CELLS);
        String cube = ctx.attribute(Http.AUDIT_CUBE);
        String currentVersion = currentVersion();
        String loginAccount = ctx.attribute(LOGIN_ACCOUNT);
        if (caller.anonymousVisitor() && loginAccount == null) {
            audit.countAnonymous(clock.instant(), ctx.method().name(), route(ctx), cube, ctx.statusCode(), currentVersion, client(ctx),
                    cells == null ? 0 : cells);
            return;
        }
        if (Boolean.TRUE.equals(ctx.attribute(THROTTLED))) {
            audit.countThrottled(clock.instant(), caller.name(), caller.role().code(), ctx.method().name(), route(ctx), cube, ctx.statusCode(),
                    currentVersion, client(ctx));
            return;
        }
        audit.submit(AuditEntry.request(clock.instant(), caller.name(), caller.role().code(), List.copyOf(new TreeSet<>(caller.scope())),
                caller.via(), client(ctx), ctx.method().name(), ctx.path(), ctx.queryString(), statement(ctx), loginAccount, cube,
                cells == null ? 0 : cells, ctx.statusCode(), currentVersion));
    }

    private String currentVersion()
    {
        try {
            return version.get();
        }
        catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The route's pattern ({@code /api/v1/cubes/{cube}/query}), so that made-up paths all count as one; "(not
     * routed)" for an unknown path and for a request refused before routing (rate limit, unknown token).
     */
    private static String route(Context ctx)
    {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? "(not routed)" : endpoint.path;
        }
        catch (RuntimeException e) {
            return "(not routed)";
        }
    }

    /** The SQL statement of a request to the statisticians' SQL, as the SQL page sends it (JSON or plain text). */
    private static String statement(Context ctx)
    {
        if (!"POST".equals(ctx.method().name()) || !"/api/v1/sql/queries".equals(ctx.path())) {
            return null;
        }
        String body = ctx.body();
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        if (!contentType.startsWith("application/json")) {
            return body;
        }
        try {
            JsonNode node = CubeController.JSON.readTree(body);
            return node != null && node.path("statement").isTextual() ? node.path("statement").asText() : body;
        }
        catch (IOException e) {
            return body;
        }
    }
}
