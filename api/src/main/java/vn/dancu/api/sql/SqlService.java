package vn.dancu.api.sql;

import org.apache.spark.sql.SparkSession;
import vn.dancu.api.ApiException;
import vn.dancu.engine.sql.ReadOnlySql;
import vn.dancu.engine.sql.SqlException;
import vn.dancu.engine.sql.SqlLimits;
import vn.dancu.engine.sql.SqlProgress;
import vn.dancu.engine.sql.SqlResult;
import vn.dancu.engine.sql.ViewDefinition;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The statisticians' SQL for the server: one long-lived Spark session, started on the first SQL request (never for
 * dashboard queries), read-only, with a time and a row limit, one statement at a time per user, every statement in
 * the audit log. The last result of each user is kept for download.
 */
public final class SqlService implements AutoCloseable
{
    private final DataLayout layout;
    private final CubeCatalog catalog;
    private final SqlLimits limits;
    private final SqlAuditLog audit;
    private final Supplier<SparkSession> sessions;
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final Map<String, LastResult> lastResults = new ConcurrentHashMap<>();
    private final AtomicLong statements = new AtomicLong();
    private SparkSession session;
    private volatile ReadOnlySql sql;

    /** A user's last result, with the statement that gave it. */
    public record LastResult(String statement, SqlResult result) {}

    /**
     * @param sessions creates the Spark session on first use (the server: local[2], UI off)
     */
    public SqlService(DataLayout layout, CubeCatalog catalog, SqlLimits limits, SqlAuditLog audit, Supplier<SparkSession> sessions)
    {
        this.layout = requireNonNull(layout, "layout is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    public SqlLimits limits()
    {
        return limits;
    }

    /** True once the Spark session has been started by a SQL request. */
    public boolean started()
    {
        return sql != null;
    }

    private ReadOnlySql sql()
    {
        ReadOnlySql current = sql;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (sql == null) {
                session = sessions.get();
                try {
                    sql = ReadOnlySql.open(session, layout, catalog);
                }
                catch (IllegalStateException e) {
                    throw ApiException.unavailable(e.getMessage());
                }
            }
            return sql;
        }
    }

    public List<ViewDefinition> views()
    {
        return sql().views().views();
    }

    /**
     * Runs one statement for {@code user}.
     *
     * @throws ApiException 409 when the user already has a statement running; 400/422/409 for a statement that gave
     *                      no result (refused, syntax or analysis error, time limit, cancelled, failed)
     */
    public SqlResult execute(String user, String address, String statement)
    {
        requireNonNull(user, "user is null");
        if (statement == null || statement.isBlank()) {
            throw ApiException.badParameter("statement", "it is empty; send the SQL statement to run", List.of());
        }
        String group = "dancu-sql-" + statements.incrementAndGet();
        if (running.putIfAbsent(user, group) != null) {
            audit.record(user, address, statement, "busy", null, "another statement of this user was running", 0);
            throw new ApiException(409, "sql-busy", "a statement of yours is already running: wait for it to finish or cancel it"
                    + " (POST /api/v1/sql/cancel); one statement at a time per user", List.of());
        }
        long started = System.nanoTime();
        try {
            SqlResult result = sql().execute(statement, limits, group);
            lastResults.put(user, new LastResult(statement, result));
            audit.record(user, address, statement, "ok", (long) result.rows().size(), result.truncated() ? "truncated at the row limit" : null,
                    millisSince(started));
            return result;
        }
        catch (SqlException e) {
            audit.record(user, address, statement, e.category().name().toLowerCase(java.util.Locale.ROOT), null, e.getMessage(), millisSince(started));
            throw toApi(e);
        }
        catch (ApiException e) {
            audit.record(user, address, statement, "unavailable", null, e.getMessage(), millisSince(started));
            throw e;
        }
        finally {
            running.remove(user, group);
        }
    }

    /** Cancels the user's running statement; false when none was running. */
    public boolean cancel(String user)
    {
        String group = running.get(user);
        if (group == null || sql == null) {
            return false;
        }
        sql.cancel(group);
        return true;
    }

    public Optional<SqlProgress.Snapshot> progress(String user)
    {
        String group = running.get(user);
        return group == null || sql == null ? Optional.empty() : sql.progress(group);
    }

    public Optional<LastResult> lastResult(String user)
    {
        return Optional.ofNullable(lastResults.get(user));
    }

    static ApiException toApi(SqlException error)
    {
        return switch (error.category()) {
            case REFUSED -> new ApiException(400, "sql-refused", error.getMessage(), List.of());
            case SYNTAX, ANALYSIS -> new ApiException(400, "sql-error", error.getMessage(), List.of());
            case TIME_LIMIT -> new ApiException(422, "sql-time-limit", error.getMessage(), List.of());
            case CANCELLED -> new ApiException(409, "sql-cancelled", error.getMessage(), List.of());
            case FAILED -> new ApiException(422, "sql-failed", error.getMessage(), List.of());
        };
    }

    private static long millisSince(long started)
    {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public synchronized void close()
    {
        if (sql != null) {
            sql.close();
            session.stop();
            sql = null;
        }
    }
}
