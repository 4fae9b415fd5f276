package vn.dancu.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Account;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.LoginThrottle;
import vn.dancu.api.access.Sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Login, logout, the current caller, and the caller's own API tokens. HTTP only. */
public final class AccessController
{
    private final AccountStore accounts;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final LoginThrottle throttle;
    private final Gatekeeper gatekeeper;
    private final Clock clock;

    public AccessController(AccountStore accounts, Sessions sessions, ApiTokens tokens, LoginThrottle throttle, Gatekeeper gatekeeper, Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.throttle = requireNonNull(throttle, "throttle is null");
        this.gatekeeper = requireNonNull(gatekeeper, "gatekeeper is null");
    }

    /**
     * POST /api/v1/auth/login {"username","password"}: opens a session (cookie) and returns the caller. The attempt is
     * audited with the account it names, whatever the outcome; it is reserved in the throttle before the slow
     * password check, so parallel attempts cannot pass the throttle together.
     */
    public void login(Context ctx)
    {
        gatekeeper.limitLogin(ctx);
        JsonNode body = Json.body(ctx);
        String username = Json.text(body, "username", true);
        ctx.attribute(Gatekeeper.LOGIN_ACCOUNT, username);
        String password = Json.text(body, "password", true);
        // Names that cannot be accounts share one count: they never log in, and do not fill the throttle's memory.
        String throttled = Account.USERNAME.matcher(username).matches() ? username : "(not a user name)";
        Optional<Long> wait = throttle.reserve(throttled);
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(wait.get()));
            throw new ApiException(429, "too-many-attempts", "too many failed logins for '" + username + "'; try again in " + wait.get() + " s",
                    List.of("retry after " + wait.get() + " s"));
        }
        Account account = accounts.authenticate(username, password).orElse(null);
        if (account == null) {
            throw ApiException.unauthorized("wrong user name or password, or the account is disabled");
        }
        throttle.succeeded(throttled);
        Sessions.Session session = sessions.open(account.username());
        ctx.cookie(gatekeeper.sessionCookie(ctx, session.id()));
        ctx.attribute(Http.CALLER, account.caller("session"));
        ctx.json(me(account.caller("session"), account));
    }

    /** POST /api/v1/auth/logout: ends the session. */
    public void logout(Context ctx)
    {
        sessions.close(ctx.cookie(Gatekeeper.SESSION_COOKIE));
        gatekeeper.clearCookie(ctx);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** GET /api/v1/auth/me: who the server takes the caller for (anonymous callers are viewers). */
    public void whoAmI(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        ctx.json(me(caller, caller.anonymousVisitor() ? null : accounts.find(caller.username()).orElse(null)));
    }

    static Map<String, Object> me(Caller caller, Account account)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", caller.username());
        body.put("displayName", account == null ? null : account.displayName());
        body.put("role", caller.role().code());
        body.put("scope", caller.scope().stream().sorted().toList());
        body.put("via", caller.via());
        body.put("exactCounts", caller.role().seesExactCounts());
        return body;
    }

    /** GET /api/v1/auth/tokens: the caller's tokens (never their secrets). */
    public void listTokens(Context ctx)
    {
        Caller caller = loggedIn(ctx);
        ctx.json(Map.of("tokens", tokens.of(caller.username()).stream().map(AccessController::describe).toList()));
    }

    /**
     * POST /api/v1/auth/tokens {"name", "days"}: a new token for the caller; its text is shown once. A token may
     * make a token only if it expires no later than itself.
     */
    public void createToken(Context ctx)
    {
        Caller caller = loggedIn(ctx);
        JsonNode body = Json.body(ctx);
        String name = Json.text(body, "name", false);
        int days = body.hasNonNull("days") ? body.get("days").asInt(-1) : (int) ApiTokens.DEFAULT_LIFETIME.toDays();
        if (days < 1 || days > 366) {
            throw ApiException.badParameter("days", "a token lives from 1 to 366 days, was " + body.get("days"), List.of());
        }
        ApiTokens.Token parent = ctx.attribute(Gatekeeper.TOKEN);
        Instant notAfter = parent == null ? Instant.MAX : parent.expiresAt();
        Instant now = clock.instant();
        if (now.plus(Duration.ofDays(days)).isAfter(notAfter)) {
            long left = Duration.between(now, notAfter).toDays();
            throw ApiException.badParameter("days", "a token cannot make a token that outlives itself: the token you sent expires on "
                    + notAfter + ", so " + (left < 1 ? "it cannot make tokens any more (log in to make one)" : "at most " + left + " days"), List.of());
        }
        ApiTokens.Issued issued;
        try {
            issued = tokens.issue(caller.username(), name, Duration.ofDays(days), notAfter);
        }
        catch (IllegalArgumentException e) {
            throw ApiException.badParameter("days", e.getMessage(), List.of());
        }
        Map<String, Object> out = describe(issued.token());
        out.put("token", issued.text());
        ctx.status(HttpStatus.CREATED).json(out);
    }

    /** DELETE /api/v1/auth/tokens/{id}: revokes one of the caller's tokens. */
    public void revokeToken(Context ctx)
    {
        Caller caller = loggedIn(ctx);
        String id = ctx.pathParam("id");
        boolean own = tokens.of(caller.username()).stream().anyMatch(token -> token.id().equals(id));
        if (!own || !tokens.revoke(id)) {
            throw ApiException.notFound("token '" + id + "'", List.of());
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    static Map<String, Object> describe(ApiTokens.Token token)
    {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", token.id());
        out.put("username", token.username());
        out.put("name", token.name());
        out.put("createdAt", token.createdAt().toString());
        out.put("expiresAt", token.expiresAt().toString());
        return out;
    }

    static Caller loggedIn(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        if (caller.anonymousVisitor()) {
            throw ApiException.unauthorized("log in first (POST /api/v1/auth/login)");
        }
        return caller;
    }
}
