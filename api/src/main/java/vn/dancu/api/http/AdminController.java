package vn.dancu.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Account;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Role;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.audit.AuditEntry;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.audit.AuditPage;
import vn.dancu.api.audit.AuditQuery;
import vn.dancu.api.settings.ServerSettings;
import vn.dancu.api.settings.Target;
import vn.dancu.api.settings.SettingsStore;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Accounts, tokens, settings and the audit log, for admins only. HTTP only. */
public final class AdminController
{
    private final AccountStore accounts;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final SettingsStore settings;
    private final List<String> communes;
    private final Clock clock;

    /** @param communes the codes an account's scope may name (the area's communes of 01/07/2025) */
    public AdminController(AccountStore accounts, Sessions sessions, ApiTokens tokens, AuditLog audit, SettingsStore settings,
            List<String> communes, Clock clock)
    {
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.communes = List.copyOf(communes);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Before every admin route. */
    public void requireAdmin(Context ctx)
    {
        Caller caller = AccessController.loggedIn(ctx);
        if (!caller.role().administers()) {
            throw ApiException.forbidden("this needs the admin role; your role is " + caller.role().code());
        }
    }

    public void listAccounts(Context ctx)
    {
        ctx.json(Map.of("accounts", accounts.all().stream().map(AdminController::describe).toList()));
    }

    /** POST {"username","displayName","role","scope":[…],"password"} */
    public void createAccount(Context ctx)
    {
        JsonNode body = Json.body(ctx);
        String username = Json.text(body, "username", true);
        Role role = role(Json.text(body, "role", true));
        Set<String> scope = scope(Json.texts(body, "scope"));
        try {
            Account account = accounts.create(username, Json.text(body, "displayName", false), role, scope == null ? Set.of() : scope,
                    Json.text(body, "password", true));
            ctx.status(HttpStatus.CREATED).json(describe(account));
        }
        catch (IllegalArgumentException e) {
            throw e.getMessage().contains("exists already") ? ApiException.conflict(e.getMessage())
                    : ApiException.badParameter(e.getMessage().contains("password") ? "password" : "username", e.getMessage(), List.of());
        }
    }

    private static final List<String> ACCOUNT_FIELDS = List.of("displayName", "role", "scope", "disabled", "password");

    /**
     * PATCH {"displayName","role","scope","disabled","password"}: any subset. The whole body is checked before anything
     * is written (a refused password leaves the role as it was), then the account is saved once. A new password, role,
     * scope or enabled state ends the account's sessions and revokes its API tokens.
     */
    public void updateAccount(Context ctx)
    {
        String username = ctx.pathParam("username");
        Account current = accounts.find(username).orElseThrow(() -> ApiException.notFound("account '" + username + "'", List.of()));
        JsonNode body = Json.body(ctx);
        for (java.util.Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!ACCOUNT_FIELDS.contains(field)) {
                throw ApiException.badParameter(field, "not a field of an account", ACCOUNT_FIELDS);
            }
        }
        Optional<String> displayName = Optional.ofNullable(Json.text(body, "displayName", false));
        Optional<Role> role = body.hasNonNull("role") ? Optional.of(role(Json.text(body, "role", true))) : Optional.empty();
        Optional<Set<String>> scope = Optional.ofNullable(scope(Json.texts(body, "scope")));
        Optional<Boolean> disabled = Optional.empty();
        if (body.hasNonNull("disabled")) {
            if (!body.get("disabled").isBoolean()) {
                throw ApiException.badParameter("disabled", "must be true or false, was " + body.get("disabled"), List.of());
            }
            disabled = Optional.of(body.get("disabled").asBoolean());
        }
        Optional<String> password = Optional.ofNullable(Json.text(body, "password", false));
        if (password.isPresent()) {
            try {
                PasswordHasher.check(password.get());
            }
            catch (IllegalArgumentException e) {
                throw ApiException.badParameter("password", e.getMessage(), List.of());
            }
        }
        Caller caller = Http.caller(ctx);
        if (username.equals(caller.username()) && (disabled.orElse(false) || role.filter(value -> value != Role.ADMIN).isPresent())) {
            throw ApiException.conflict("an admin cannot disable or demote their own account");
        }
        AccountStore.Change change = new AccountStore.Change(displayName, role, scope, disabled, password);
        boolean credentials = change.changesCredentials(current);
        Account updated;
        try {
            updated = accounts.change(username, change);
        }
        catch (IllegalArgumentException e) {
            throw ApiException.badParameter(e.getMessage().contains("password") ? "password" : "username", e.getMessage(), List.of());
        }
        if (credentials) {
            sessions.closeAll(username);
            tokens.revokeAll(username);
        }
        ctx.json(describe(updated));
    }

    public void deleteAccount(Context ctx)
    {
        String username = ctx.pathParam("username");
        if (username.equals(Http.caller(ctx).username())) {
            throw ApiException.conflict("an admin cannot delete their own account");
        }
        if (!accounts.delete(username)) {
            throw ApiException.notFound("account '" + username + "'", List.of());
        }
        sessions.closeAll(username);
        tokens.revokeAll(username);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    public void listTokens(Context ctx)
    {
        ctx.json(Map.of("tokens", tokens.all().stream().map(AccessController::describe).toList()));
    }

    public void revokeToken(Context ctx)
    {
        if (!tokens.revoke(ctx.pathParam("id"))) {
            throw ApiException.notFound("token '" + ctx.pathParam("id") + "'", List.of());
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /**
     * GET ?from=seq&before=seq&limit=n&user=&account=&cube=&status=&kind=: the last {@code limit} matching entries with
     * {@code from ≤ seq < before}, oldest first, reading backwards from the end of the log (at most
     * {@link AuditQuery#DEFAULT_SCAN_LIMIT} entries read per call: {@code more} and {@code before} continue it).
     */
    public void audit(Context ctx)
    {
        long from = number(ctx, "from", 1, 1, Long.MAX_VALUE);
        String beforeText = ctx.queryParam("before");
        Optional<Long> before = beforeText == null || beforeText.isBlank() ? Optional.empty() : Optional.of(number(ctx, "before", 1, 1, Long.MAX_VALUE));
        int limit = (int) number(ctx, "limit", 100, 1, 10_000);
        String statusText = ctx.queryParam("status");
        if (statusText != null && !statusText.matches("\\d{1,3}")) {
            throw ApiException.badParameter("status", "'" + statusText + "' is not an HTTP status", List.of());
        }
        String kind = ctx.queryParam("kind");
        List<String> kinds = List.of(AuditEntry.REQUEST, AuditEntry.ANONYMOUS_MINUTE, AuditEntry.THROTTLED_MINUTE, AuditEntry.COMMAND,
                AuditEntry.DELIVERY);
        if (kind != null && !kinds.contains(kind)) {
            throw ApiException.badParameter("kind", "'" + kind + "' is not a kind of audit entry", kinds);
        }
        AuditQuery query = new AuditQuery(from, before, limit, Optional.ofNullable(ctx.queryParam("user")), Optional.ofNullable(ctx.queryParam("account")),
                Optional.ofNullable(ctx.queryParam("cube")), Optional.ofNullable(statusText).map(Integer::valueOf), Optional.ofNullable(kind),
                AuditQuery.DEFAULT_SCAN_LIMIT);
        AuditPage page = audit.read(query);
        Http.audit(ctx, null, page.entries().size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", page.entries());
        body.put("scanned", page.scanned());
        body.put("more", page.more());
        body.put("before", page.before());
        ctx.json(body);
    }

    private static long number(Context ctx, String name, long fallback, long min, long max)
    {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        }
        catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badParameter(name, "'" + text + "' is not a whole number from " + min + " to " + max, List.of());
    }

    /** GET ?full=true|false: checks the chain from the last checkpoint (default) or from the oldest segment present. */
    public void verifyAudit(Context ctx)
    {
        String full = ctx.queryParam("full");
        if (full != null && !List.of("true", "false").contains(full)) {
            throw ApiException.badParameter("full", "'" + full + "' is not allowed", List.of("true", "false"));
        }
        ctx.json(audit.verify("true".equals(full)));
    }

    public void getSettings(Context ctx)
    {
        ctx.json(settings.current());
    }

    /**
     * PUT {"suppressionThreshold", "chipCardTarget", "vneidLevel2Target", "targets": [{indicator, unit, value, deadline,
     * example}]}: fields left out keep their value; "targets" replaces the list (units: "AREA" or a commune of 2025).
     */
    public void putSettings(Context ctx)
    {
        JsonNode body = Json.body(ctx);
        ServerSettings current = settings.current();
        try {
            ServerSettings updated = new ServerSettings(
                    body.has("suppressionThreshold") ? body.get("suppressionThreshold").asInt(-1) : current.suppressionThreshold(),
                    body.has("chipCardTarget") ? nullableDouble(body.get("chipCardTarget")) : current.chipCardTarget(),
                    body.has("vneidLevel2Target") ? nullableDouble(body.get("vneidLevel2Target")) : current.vneidLevel2Target(),
                    body.has("targets") ? targets(body.get("targets")) : current.targets(),
                    clock.instant(), Http.caller(ctx).username());
            ctx.json(settings.replace(updated));
        }
        catch (IllegalArgumentException e) {
            String field = e.getMessage().split(" ")[0].replace(":", "");
            throw ApiException.badParameter(field, e.getMessage(), List.of());
        }
    }

    private List<Target> targets(JsonNode node)
    {
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("targets must be a list of {indicator, unit, value, deadline, example}");
        }
        List<Target> targets = new java.util.ArrayList<>();
        for (JsonNode item : node) {
            String unit = item.path("unit").asText(Target.AREA);
            if (!unit.equals(Target.AREA) && !communes.contains(unit)) {
                throw new IllegalArgumentException("targets: unit '" + unit + "' is not AREA nor a commune of 01/07/2025 " + communes);
            }
            if (!item.path("value").isNumber()) {
                throw new IllegalArgumentException("targets: value " + item.path("value") + " is not a number");
            }
            java.time.LocalDate deadline;
            try {
                deadline = java.time.LocalDate.parse(item.path("deadline").asText());
            }
            catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("targets: deadline '" + item.path("deadline").asText() + "' is not a date (yyyy-MM-dd)");
            }
            targets.add(new Target(item.path("indicator").asText(), unit, item.path("value").asDouble(), deadline, item.path("example").asBoolean(false)));
        }
        return targets;
    }

    private static Double nullableDouble(JsonNode node)
    {
        if (node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(node + " is not a number");
        }
        return node.asDouble();
    }

    private static Role role(String code)
    {
        return Role.parse(code).orElseThrow(() -> ApiException.badParameter("role", "unknown role '" + code + "'", Role.codes()));
    }

    private Set<String> scope(List<String> codes)
    {
        if (codes == null) {
            return null;
        }
        Set<String> scope = new LinkedHashSet<>();
        for (String code : codes) {
            if (!communes.contains(code)) {
                throw ApiException.badParameter("scope", "unknown commune '" + code + "' (scopes name communes of 01/07/2025)", communes);
            }
            scope.add(code);
        }
        return scope;
    }

    static Map<String, Object> describe(Account account)
    {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", account.username());
        out.put("displayName", account.displayName());
        out.put("role", account.role().code());
        out.put("scope", account.scope().stream().sorted().toList());
        out.put("disabled", account.disabled());
        out.put("createdAt", account.createdAt().toString());
        return out;
    }
}
