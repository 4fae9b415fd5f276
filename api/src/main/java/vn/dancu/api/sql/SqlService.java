package vn.dancu.api.sql;

import vn.dancu.api.error.ApiException;
import vn.dancu.model.sql.SqlException;
import vn.dancu.model.sql.SqlLimits;
import vn.dancu.model.sql.SqlResult;
import vn.dancu.model.sql.StatementAnswer;
import vn.dancu.model.sql.StatementProgress;
import vn.dancu.model.sql.StatementRequest;
import vn.dancu.model.sql.ViewDefinition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * The statisticians' SQL for the server, run by the SQL engine process ({@link SqlEngineProcess}): another JVM with its
 * own heap, so that no statement can take the dashboard's memory or its time. Read-only, with a time, a row and a
 * size limit, one statement at a time per user, every statement in the SQL audit trail — those that ran, and those
 * refused, failed, stopped, or lost with an engine that ended under them. The last result of each user is kept for
 * download.
 *
 * <p>The time limit is enforced twice. The engine stops a statement at its limit (cancels its Spark jobs, interrupts
 * its tasks and its thread) and answers once the statement's work has ended; if it cannot confirm that, or gives no
 * answer by the limit plus {@link #GRACE}, this service kills the engine (it is restarted at once) and answers the
 * statement as stopped at its time limit.
 */
public final class SqlService implements AutoCloseable
{
    /** How long past its time limit (or its cancel) a statement may take to be confirmed stopped by the engine. */
    public static final Duration GRACE = Duration.ofSeconds(5);

    /** Why the engine ended under the statements of other users when one statement could not be stopped. */
    private static final String RESTARTED = "was restarted to stop a statement that it could not stop";
    private static final String COULD_NOT_STOP = "; the SQL engine could not stop it and was restarted";

    private final SqlLimits limits;
    private final SqlAuditLog audit;
    private final SqlEngineProcess engine;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, LastResult> lastResults = new ConcurrentHashMap<>();
    private final AtomicLong statements = new AtomicLong();
    private final String prefix = "s" + Long.toString(System.currentTimeMillis(), 36) + "-";

    /** A user's last result, with the statement that gave it. */
    public record LastResult(String statement, SqlResult result) {}

    /** A user's running statement. */
    private static final class Running
    {
        final String id;
        volatile SqlEngineProcess.Engine engine;
        volatile long cancelledAt;
        boolean cancelSent;
        long cancelSentAt;

        Running(String id)
        {
            this.id = id;
        }
    }

    public SqlService(SqlLimits limits, SqlAuditLog audit, SqlEngineProcess engine)
    {
        this.limits = requireNonNull(limits, "limits is null");
        if (limits.timeLimit().isZero()) {
            throw new IllegalArgumentException("the server's SQL needs a time limit");
        }
        this.audit = requireNonNull(audit, "audit is null");
        this.engine = requireNonNull(engine, "engine is null");
    }

    public SqlLimits limits()
    {
        return limits;
    }

    /** Starts the SQL engine process in the background (the server does it when it starts). */
    public void start()
    {
        engine.start();
    }

    /** True once the SQL engine process has been started. */
    public boolean started()
    {
        return engine.started();
    }

    /** The SQL engine process, for the tests and benchmarks that watch it. */
    public SqlEngineProcess engine()
    {
        return engine;
    }

    public List<ViewDefinition> views()
    {
        try {
            return engine.ready().client().views();
        }
        catch (SqlException e) {
            throw toApi(e);
        }
        catch (RuntimeException e) {
            throw ApiException.unavailable("the SQL engine does not answer: " + e.getMessage());
        }
    }

    /**
     * Runs one statement for {@code user}.
     *
     * @throws ApiException 409 when the user already has a statement running; 400/409/422/503 for a statement that
     *                      gave no result (refused, syntax or analysis error, cancelled, time limit, failed, too large,
     *                      engine ended under it, engine unavailable)
     */
    public SqlResult execute(String user, String address, String statement)
    {
        requireNonNull(user, "user is null");
        if (statement == null || statement.isBlank()) {
            throw ApiException.badParameter("statement", "it is empty; send the SQL statement to run", List.of());
        }
        Running mine = new Running(prefix + statements.incrementAndGet());
        if (running.putIfAbsent(user, mine) != null) {
            audit.record(user, address, statement, "busy", null, "another statement of this user was running", 0);
            throw new ApiException(409, "sql-busy", "a statement of yours is already running: wait for it to finish or cancel it"
                    + " (POST /api/v1/sql/cancel); one statement at a time per user", List.of());
        }
        long started = System.nanoTime();
        try {
            SqlResult result = run(mine, statement);
            lastResults.put(user, new LastResult(statement, result));
            audit.record(user, address, statement, "ok", (long) result.rows().size(), result.truncated() ? result.truncationNote() : null,
                    millisSince(started));
            return result;
        }
        catch (SqlException e) {
            audit.record(user, address, statement, e.category().outcome(), null, e.getMessage(), millisSince(started));
            throw toApi(e);
        }
        catch (RuntimeException e) {
            audit.record(user, address, statement, SqlException.Category.FAILED.outcome(), null, "the server failed: " + e, millisSince(started));
            throw e;
        }
        finally {
            running.remove(user, mine);
        }
    }

    private SqlResult run(Running mine, String statement)
    {
        SqlEngineProcess.Engine serving = engine.ready();
        mine.engine = serving;
        if (mine.cancelledAt != 0) {
            throw new SqlException(SqlException.Category.CANCELLED, "the statement was cancelled");
        }
        CompletableFuture<StatementAnswer> pending = serving.client().execute(new StatementRequest(mine.id, statement, limits));
        long deadline = System.nanoTime() + limits.timeLimit().toNanos() + GRACE.toNanos();
        while (true) {
            long cancelledAt = mine.cancelledAt;
            if (cancelledAt != 0 && (!mine.cancelSent || System.nanoTime() - mine.cancelSentAt >= 1_000_000_000L)) {
                // (again each second: a cancel may reach the engine before the statement does)
                mine.cancelSent = true;
                mine.cancelSentAt = System.nanoTime();
                serving.client().cancel(mine.id);
            }
            long until = cancelledAt == 0 ? deadline : Math.min(deadline, cancelledAt + GRACE.toNanos());
            long left = until - System.nanoTime();
            if (left <= 0) {
                pending.cancel(true);
                engine.kill(serving, RESTARTED);
                String message = (cancelledAt == 0 ? "the statement ran longer than the time limit of " + limits.timeLimitText() + " and was cancelled"
                        : "the statement was cancelled") + COULD_NOT_STOP;
                throw new SqlException(cancelledAt == 0 ? SqlException.Category.TIME_LIMIT : SqlException.Category.CANCELLED, message);
            }
            StatementAnswer answer;
            try {
                answer = pending.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException e) {
                continue;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                serving.client().cancel(mine.id);
                throw new SqlException(SqlException.Category.CANCELLED, "the statement was cancelled: the server is stopping");
            }
            catch (ExecutionException e) {
                throw lost(serving, e.getCause());
            }
            if (answer.result().isPresent()) {
                return answer.result().get();
            }
            StatementAnswer.Failure failure = answer.failure().orElseThrow();
            if (!answer.stopped()) {
                engine.kill(serving, RESTARTED);
                throw new SqlException(failure.category(), failure.message() + COULD_NOT_STOP);
            }
            throw new SqlException(failure.category(), failure.message());
        }
    }

    /** The statement's engine broke its connection: it ended (out of memory, killed). */
    private SqlException lost(SqlEngineProcess.Engine serving, Throwable cause)
    {
        serving.awaitEnd(Duration.ofSeconds(10));
        Optional<String> reason = serving.endReason(engine.launch().heap());
        if (reason.isEmpty()) {
            return new SqlException(SqlException.Category.FAILED, "the SQL engine did not answer: " + (cause == null ? "?" : cause.getMessage()));
        }
        return new SqlException(SqlException.Category.CRASHED, "the SQL engine " + reason.get() + " while the statement ran; run it again"
                + (reason.get().startsWith("ran out of memory") ? " asking for less at once (aggregate, filter, LIMIT)" : "")
                + (reason.get().equals(RESTARTED) ? "" : "; the engine is restarted"));
    }

    /** Cancels the user's running statement; false when none was running. */
    public boolean cancel(String user)
    {
        Running mine = running.get(user);
        if (mine == null) {
            return false;
        }
        if (mine.cancelledAt == 0) {
            // the statement's thread sends it to the engine within 0.2 s
            mine.cancelledAt = System.nanoTime();
        }
        return true;
    }

    /** The user's running statement's progress (zeros until its first Spark job); empty when none runs. */
    public Optional<StatementProgress> progress(String user)
    {
        Running mine = running.get(user);
        if (mine == null) {
            return Optional.empty();
        }
        SqlEngineProcess.Engine serving = mine.engine;
        try {
            if (serving != null && serving.alive()) {
                Optional<StatementProgress> progress = serving.client().progress(mine.id);
                if (progress.isPresent()) {
                    return progress;
                }
            }
        }
        catch (RuntimeException e) {
            // the engine is busy or gone: the statement is still running as far as its user can tell
        }
        return running.get(user) == mine ? Optional.of(new StatementProgress(0, 0, 0, 0)) : Optional.empty();
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
            case TOO_LARGE -> new ApiException(422, "sql-too-large", error.getMessage(), List.of());
            case CRASHED -> new ApiException(422, "sql-crashed", error.getMessage(), List.of());
            case UNAVAILABLE -> ApiException.unavailable(error.getMessage());
        };
    }

    private static long millisSince(long started)
    {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void close()
    {
        engine.close();
    }
}
