package vn.dancu.api.sql;

import io.javalin.Javalin;
import vn.dancu.api.ApiConfig;
import vn.dancu.api.ApiServer;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Role;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.indicator.IndicatorService;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.report.ReportQueries;
import vn.dancu.api.report.ReportService;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A real server with accounts, the SQL service and the reports, over a data folder, for the SQL and report tests.
 * Disclosure control uses {@code threshold} (1 = nothing withheld, so that hand-computed figures show).
 */
public final class SqlTestServer implements AutoCloseable
{
    public final Javalin server;
    public final QueryService queries;
    public final AccountStore accounts;
    public final ApiTokens tokens;
    private final vn.dancu.api.state.StateDatabase state;
    private final Map<Role, String> tokenByRole = new LinkedHashMap<>();

    public SqlTestServer(DataLayout layout, Path serverFolder, CubeCatalog catalog, int threshold, Function<QueryService, SqlService> sql,
            Clock reportClock)
    {
        Clock clock = Clock.systemUTC();
        PublishedCubes cubes = new PublishedCubes(layout, catalog, 64L << 20);
        queries = new QueryService(cubes, Area.parse(cubes.manifest().area()), new DisclosureControl(() -> threshold));
        state = vn.dancu.api.state.StateDatabase.embedded(serverFolder);
        accounts = new AccountStore(state, new PasswordHasher(1024, 1), clock);
        tokens = new ApiTokens(state, clock);
        ApiServer.Dependencies dependencies = new ApiServer.Dependencies(queries, new IndicatorService(queries), accounts, tokens,
                new Sessions(state, clock), new AuditLog(serverFolder), new SettingsStore(state), clock,
                sql == null ? null : sql.apply(queries), new ReportService(queries, ReportQueries.of(queries), reportClock));
        server = ApiServer.create(dependencies, new ApiConfig(0, null, 16L << 20)).start(0);
    }

    /** An API token of an account with this role, created on first use. */
    public String token(Role role)
    {
        return tokenByRole.computeIfAbsent(role, r -> token("test-" + r.code(), r, Set.of()));
    }

    public String token(String username, Role role, Set<String> scope)
    {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, null, role, scope, "password-of-" + username);
        }
        return tokens.issue(username, "tests", Duration.ofDays(1)).text();
    }

    public String url(String path)
    {
        return "http://localhost:" + server.port() + path;
    }

    @Override
    public void close()
    {
        server.stop();
        state.close();
    }
}
