package vn.dancu.engine.sql;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.sql.SqlException;
import vn.dancu.model.sql.SqlJson;
import vn.dancu.model.sql.SqlLimits;
import vn.dancu.model.sql.SqlResult;
import vn.dancu.model.sql.StatementProgress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Read-only Spark SQL over the registered views. Its own Spark session (sharing the SparkContext it was opened on)
 * has the views as temporary views, runs no SQL on files, and keeps its settings: a statement can change none of
 * them, because every statement passes the {@link StatementGuard} before it is run, and the plan that runs is the
 * plan that was checked.
 *
 * <p>Each statement runs on a worker thread of its own, in a Spark job group with {@code interruptOnCancel}: the whole
 * statement — parsing, analysis, optimisation and its jobs — is under its time limit. {@link #cancel} and the time
 * limit cancel the group's jobs and interrupt the worker, then wait a short grace for the work to end: the worker
 * thread returned and no task of the group still running. Code that checks for neither (a CPU-bound loop in the
 * optimiser or in a task) can go on after that; {@link #busy} tells, and the process that runs the session is then to
 * be ended (the SQL engine process is restarted by the server).
 *
 * <p>A result is bounded in rows and in bytes (the JSON text of its rows): each partition gives at most one row more
 * than the row limit, the partitions are fetched one at a time and their rows measured one by one, and fetching stops
 * at whichever limit comes first. (A partition is computed whole before its first row is measured: the work is bounded
 * by the time limit, the memory by the engine's heap.)
 */
public final class ReadOnlySql implements AutoCloseable
{
    /** How long a stopped statement's work is given to end before {@link #execute} returns anyway. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private static final long POLL_MILLIS = 50;
    private static final long SETTLE_NANOS = 250_000_000L;

    private final org.apache.spark.sql.classic.SparkSession session;
    private final ViewCatalogue views;
    private final StatementGuard guard;
    private final SqlProgress progress;
    private final ExecutorService workers;
    private final Map<String, Statement> statements = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    /** Why a statement was stopped. */
    private enum Stop
    {
        TIME_LIMIT, CANCELLED
    }

    /** A statement on its worker thread. */
    private static final class Statement
    {
        /** The Spark job group: the caller's name for the statement and a number, unique in this session. */
        final String sparkGroup;
        final CompletableFuture<SqlResult> outcome = new CompletableFuture<>();
        volatile Thread worker;
        volatile boolean ended;
        volatile Stop stop;
        volatile long stopRequested;

        Statement(String sparkGroup)
        {
            this.sparkGroup = sparkGroup;
        }
    }

    private ReadOnlySql(org.apache.spark.sql.classic.SparkSession session, ViewCatalogue views)
    {
        this.session = session;
        this.views = views;
        this.guard = new StatementGuard(Set.copyOf(views.names()));
        this.progress = new SqlProgress(jobId -> session.sparkContext().cancelJob(jobId, "its statement was stopped before the job started"));
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "dancu-sql-statement-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        session.sparkContext().addSparkListener(progress);
    }

    /**
     * Opens a read-only SQL session on {@code base}'s SparkContext with the views of the data folder.
     *
     * @throws IllegalStateException when the folder holds neither a curated snapshot nor published cubes
     */
    public static ReadOnlySql open(SparkSession base, DataLayout layout, CubeCatalog cubes)
    {
        org.apache.spark.sql.classic.SparkSession session = (org.apache.spark.sql.classic.SparkSession) base.newSession();
        session.conf().set("spark.sql.runSQLOnFiles", "false");
        session.conf().set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
        session.conf().set("spark.sql.datetime.java8API.enabled", "true");
        session.conf().set("spark.sql.session.timeZone", "UTC");
        return new ReadOnlySql(session, ViewCatalogue.register(session, layout, cubes));
    }

    public ViewCatalogue views()
    {
        return views;
    }

    public SparkSession session()
    {
        return session;
    }

    /** Stages and tasks done so far by the statement running in {@code jobGroup}, if one is. */
    public Optional<StatementProgress> progress(String jobGroup)
    {
        Statement statement = statements.get(jobGroup);
        return statement == null ? Optional.empty() : progress.snapshot(statement.sparkGroup);
    }

    /**
     * Waits at most {@code timeout} until the statement of {@code jobGroup} is no longer {@link #busy} (and stays so for
     * a quarter of a second: the listener bus tells of tasks a little late).
     *
     * @return true when its work has ended
     */
    public boolean awaitIdle(String jobGroup, Duration timeout)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        long quietSince = -1;
        while (true) {
            long now = System.nanoTime();
            if (busy(jobGroup)) {
                quietSince = -1;
            }
            else if (quietSince < 0) {
                quietSince = now;
            }
            if (quietSince >= 0 && now - quietSince >= SETTLE_NANOS) {
                return true;
            }
            if (now >= deadline) {
                return !busy(jobGroup);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !busy(jobGroup);
            }
        }
    }

    /**
     * Tasks still running for statements other than {@code jobGroup}'s that have already returned: cancelled work that
     * did not stop. They hold the cores, so that later statements wait behind them and run out of time.
     */
    public int orphanTasks(String jobGroup)
    {
        int tasks = 0;
        for (Map.Entry<String, Statement> entry : statements.entrySet()) {
            if (!entry.getKey().equals(jobGroup) && entry.getValue().ended) {
                tasks += Math.max(0, progress.runningTasks(entry.getValue().sparkGroup));
            }
        }
        return tasks;
    }

    /** True while the statement of {@code jobGroup} has not given its result or failure. */
    public boolean running(String jobGroup)
    {
        Statement statement = statements.get(jobGroup);
        return statement != null && !statement.outcome.isDone();
    }

    /**
     * True while work of the statement of {@code jobGroup} goes on: its worker thread has not returned, or tasks of
     * its jobs are still running. After {@link #execute} returned a stopped statement's failure, true means that
     * the statement could not be stopped.
     */
    public boolean busy(String jobGroup)
    {
        Statement statement = statements.get(jobGroup);
        return statement != null && (!statement.ended || progress.runningTasks(statement.sparkGroup) > 0);
    }

    /**
     * Parses, checks and runs one statement in the job group {@code jobGroup}, on a worker thread; the calling
     * thread waits for it.
     *
     * @throws SqlException with the category of the failure: refused by the guard, syntax, analysis, time limit,
     *                      cancelled, too large, or failed while running
     */
    public SqlResult execute(String statement, SqlLimits limits, String jobGroup)
    {
        requireNonNull(statement, "statement is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(jobGroup, "jobGroup is null");
        String text = withoutTrailingSemicolons(statement);
        if (text.isBlank()) {
            throw new SqlException(SqlException.Category.SYNTAX, "empty statement");
        }
        forgetEndedStatements();
        Statement running = new Statement(jobGroup + "-" + sequence.incrementAndGet());
        Statement previous = statements.put(jobGroup, running);
        if (previous != null && !previous.outcome.isDone()) {
            statements.put(jobGroup, previous);
            throw new IllegalStateException("a statement is already running in job group " + jobGroup);
        }
        long started = System.nanoTime();
        try {
            workers.execute(() -> work(running, text, limits, started));
        }
        catch (RuntimeException e) {
            statements.remove(jobGroup, running);
            throw new SqlException(SqlException.Category.FAILED, "the statement could not be started: " + e.getMessage(), e);
        }
        long deadline = limits.timeLimit().isZero() ? Long.MAX_VALUE : started + limits.timeLimit().toNanos();
        while (true) {
            try {
                return running.outcome.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException e) {
                if (running.stop != null) {
                    awaitEnd(running);
                    throw stopped(running.stop, limits, e.getCause());
                }
                if (e.getCause() instanceof SqlException sqlException) {
                    throw sqlException;
                }
                throw classify(e.getCause());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(running, Stop.CANCELLED);
                throw new SqlException(SqlException.Category.CANCELLED, "the statement was cancelled", e);
            }
            catch (TimeoutException e) {
                if (System.nanoTime() >= deadline) {
                    stop(running, Stop.TIME_LIMIT);
                }
                if (running.stop != null && System.nanoTime() - running.stopRequested >= STOP_GRACE.toNanos()) {
                    // the worker did not return within the grace: stuck in code that checks for no interruption
                    throw stopped(running.stop, limits, null);
                }
            }
        }
    }

    private void work(Statement running, String text, SqlLimits limits, long started)
    {
        running.worker = Thread.currentThread();
        progress.start(running.sparkGroup);
        session.sparkContext().setJobGroup(running.sparkGroup, abbreviate(text), true);
        SqlResult result = null;
        Throwable failure = null;
        try {
            result = run(running, text, limits, started);
        }
        catch (Throwable e) {
            failure = e;
        }
        finally {
            // the statement's thread is done before its caller hears of the outcome: busy() is then false, unless tasks run on
            session.sparkContext().clearJobGroup();
            progress.finish(running.sparkGroup);
            running.worker = null;
            running.ended = true;
            Thread.interrupted();
        }
        if (failure == null) {
            running.outcome.complete(result);
        }
        else {
            running.outcome.completeExceptionally(failure);
        }
    }

    private SqlResult run(Statement running, String text, SqlLimits limits, long started)
    {
        LogicalPlan parsed;
        try {
            parsed = session.sessionState().sqlParser().parsePlan(text);
        }
        catch (ParseException e) {
            throw new SqlException(SqlException.Category.SYNTAX, e.getMessage(), e);
        }
        StatementGuard.CheckedStatement checked = guard.check(text, parsed);
        if (checked.query().isPresent()) {
            // EXPLAIN and DESCRIBE QUERY analyse and optimise their query when they run: it is checked first, as a query is
            Dataset<Row> inner = analyse(checked.query().get());
            StatementGuard.checkAnalyzed(inner.queryExecution().analyzed(), views.readableLocations());
        }
        Dataset<Row> rows = analyse(checked.plan());
        if (checked.runsQuery()) {
            StatementGuard.checkAnalyzed(rows.queryExecution().analyzed(), views.readableLocations());
            // at most one row more than the limit from each partition, and no global limit: a global limit would gather
            // every partition's rows into one task before the first row reaches the byte budget below
            rows = org.apache.spark.sql.classic.Dataset.ofRows(session, new LocalLimit(
                    Literal.create(limits.rowLimit() + 1, DataTypes.IntegerType), rows.queryExecution().analyzed()));
        }
        // optimise and plan before any job starts, then look whether the statement was stopped meanwhile: a job
        // group cancelled before its jobs start does not stop them
        rows.queryExecution().executedPlan();
        throwIfStopped(running);
        List<SqlResult.Column> columns = new ArrayList<>();
        for (StructField field : rows.schema().fields()) {
            columns.add(new SqlResult.Column(field.name(), field.dataType().simpleString()));
        }
        List<List<Object>> values = new ArrayList<>();
        SqlResult.Truncation truncation = SqlResult.Truncation.NONE;
        long bytes = 2;
        // one partition at a time (one job each), in order; each row measured as it comes
        Iterator<Row> iterator = rows.toLocalIterator();
        while (iterator.hasNext()) {
            if (values.size() == limits.rowLimit()) {
                truncation = SqlResult.Truncation.ROWS;
                break;
            }
            Row row = iterator.next();
            List<Object> converted = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                converted.add(javaValue(row.get(i)));
            }
            long size = SqlJson.bytes(converted).length + 1L;
            if (bytes + size > limits.byteLimit()) {
                if (values.isEmpty()) {
                    throw new SqlException(SqlException.Category.TOO_LARGE, "the first row alone is larger than the result size limit of "
                            + limits.byteLimitText() + " (" + String.format(java.util.Locale.ROOT, "%,d", size) + " bytes as JSON): select fewer or smaller columns");
                }
                truncation = SqlResult.Truncation.BYTES;
                break;
            }
            bytes += size;
            values.add(java.util.Collections.unmodifiableList(converted));
            throwIfStopped(running);
        }
        return new SqlResult(columns, values, truncation, limits.rowLimit(), limits.byteLimit(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static void throwIfStopped(Statement running)
    {
        if (running.stop != null) {
            throw new IllegalStateException("stopped");
        }
    }

    private Dataset<Row> analyse(LogicalPlan plan)
    {
        try {
            return org.apache.spark.sql.classic.Dataset.ofRows(session, plan);
        }
        catch (RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            // Scala's checked exceptions: AnalysisException for unknown columns, wrong types, …
            throw classify(e);
        }
    }

    private static SqlException classify(Throwable error)
    {
        if (error instanceof SqlException sqlException) {
            return sqlException;
        }
        if (error instanceof org.apache.spark.sql.AnalysisException) {
            return new SqlException(SqlException.Category.ANALYSIS, error.getMessage(), error);
        }
        return new SqlException(SqlException.Category.FAILED, "the statement failed: " + rootMessage(error), error);
    }

    private static SqlException stopped(Stop stop, SqlLimits limits, Throwable cause)
    {
        return switch (stop) {
            case TIME_LIMIT -> new SqlException(SqlException.Category.TIME_LIMIT, "the statement ran longer than the time limit of "
                    + limits.timeLimitText() + " and was cancelled", cause);
            case CANCELLED -> new SqlException(SqlException.Category.CANCELLED, "the statement was cancelled", cause);
        };
    }

    /** Waits, at most the rest of the grace, until the stopped statement's worker returned and its tasks ended. */
    private void awaitEnd(Statement running)
    {
        long quietSince = -1;
        while (System.nanoTime() - running.stopRequested < STOP_GRACE.toNanos()) {
            boolean idle = running.ended && progress.runningTasks(running.sparkGroup) <= 0;
            long now = System.nanoTime();
            if (!idle) {
                quietSince = -1;
            }
            else if (quietSince < 0) {
                quietSince = now;
            }
            else if (now - quietSince >= SETTLE_NANOS) {
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Cancels the statement running in {@code jobGroup}, if any; its caller gets a CANCELLED failure. */
    public void cancel(String jobGroup)
    {
        Statement statement = statements.get(jobGroup);
        if (statement != null && !statement.outcome.isDone()) {
            stop(statement, Stop.CANCELLED);
        }
    }

    private synchronized void stop(Statement statement, Stop reason)
    {
        if (statement.stop != null) {
            return;
        }
        statement.stopRequested = System.nanoTime();
        statement.stop = reason;
        progress.stopped(statement.sparkGroup);
        session.sparkContext().cancelJobGroup(statement.sparkGroup);
        Thread worker = statement.worker;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Forgets statements whose work has ended, keeping those that still run or whose tasks do. */
    private void forgetEndedStatements()
    {
        statements.values().removeIf(statement -> statement.ended && progress.runningTasks(statement.sparkGroup) <= 0);
    }

    @Override
    public void close()
    {
        workers.shutdownNow();
        session.sparkContext().removeSparkListener(progress);
    }

    static String withoutTrailingSemicolons(String statement)
    {
        String text = statement.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    private static String abbreviate(String text)
    {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    private static String rootMessage(Throwable error)
    {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /**
     * A Spark value as a plain Java value: Scala collections become Lists and Maps, structs become Maps, dates
     * LocalDate and timestamps Instant (whichever of the two date APIs the row encoder used).
     */
    static Object javaValue(Object value)
    {
        if (value instanceof scala.collection.Seq<?> seq) {
            List<Object> list = new ArrayList<>();
            scala.jdk.javaapi.CollectionConverters.asJava(seq).forEach(item -> list.add(javaValue(item)));
            return list;
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            Map<Object, Object> converted = new LinkedHashMap<>();
            scala.jdk.javaapi.CollectionConverters.asJava(map).forEach((key, item) -> converted.put(javaValue(key), javaValue(item)));
            return converted;
        }
        if (value instanceof Row row) {
            Map<String, Object> converted = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                converted.put(row.schema() == null ? "_" + (i + 1) : row.schema().fields()[i].name(), javaValue(row.get(i)));
            }
            return converted;
        }
        if (value instanceof byte[] bytes) {
            return java.util.HexFormat.of().formatHex(bytes);
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return value;
    }
}
