package vn.dancu.engine.sql;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.StructField;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Read-only Spark SQL over the registered views. Its own Spark session (sharing the SparkContext it was opened on)
 * has the views as temporary views, runs no SQL on files, and keeps its settings: a statement can change none of
 * them, because every statement passes the {@link StatementGuard} before it is run, and the plan that runs is the
 * plan that was checked.
 *
 * <p>Each statement runs in a Spark job group: {@link #cancel} and the time limit cancel the group's jobs, which
 * stops the statement and frees the executors while the caller's thread returns at once with the reason.
 */
public final class ReadOnlySql implements AutoCloseable
{
    private final org.apache.spark.sql.classic.SparkSession session;
    private final ViewCatalogue views;
    private final StatementGuard guard;
    private final SqlProgress progress = new SqlProgress();
    private final ScheduledExecutorService timer;
    private final Map<String, String> stopped = new ConcurrentHashMap<>();

    private ReadOnlySql(org.apache.spark.sql.classic.SparkSession session, ViewCatalogue views)
    {
        this.session = session;
        this.views = views;
        this.guard = new StatementGuard(Set.copyOf(views.names()));
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dancu-sql-time-limit");
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
    public Optional<SqlProgress.Snapshot> progress(String jobGroup)
    {
        return progress.snapshot(jobGroup);
    }

    /**
     * Parses, checks and runs one statement in the job group {@code jobGroup} on the calling thread.
     *
     * @throws SqlException with the category of the failure: refused by the guard, syntax, analysis, time limit,
     *                      cancelled, or failed while running
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
        long started = System.nanoTime();
        LogicalPlan parsed;
        try {
            parsed = session.sessionState().sqlParser().parsePlan(text);
        }
        catch (ParseException e) {
            throw new SqlException(SqlException.Category.SYNTAX, e.getMessage(), e);
        }
        StatementGuard.CheckedStatement checked = guard.check(text, parsed);

        stopped.remove(jobGroup);
        progress.start(jobGroup);
        session.sparkContext().setJobGroup(jobGroup, abbreviate(text), true);
        ScheduledFuture<?> deadline = limits.timeLimit().isZero() ? null
                : timer.schedule(() -> stop(jobGroup, "time limit"), limits.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        try {
            Dataset<Row> rows = analyse(checked.plan());
            if (checked.query()) {
                StatementGuard.checkAnalyzed(rows.queryExecution().analyzed(), views.readableLocations());
                rows = rows.limit(limits.rowLimit() + 1);
            }
            List<Row> collected = rows.collectAsList();
            List<SqlResult.Column> columns = new ArrayList<>();
            for (StructField field : rows.schema().fields()) {
                columns.add(new SqlResult.Column(field.name(), field.dataType().simpleString()));
            }
            boolean truncated = collected.size() > limits.rowLimit();
            List<List<Object>> values = new ArrayList<>();
            for (Row row : truncated ? collected.subList(0, limits.rowLimit()) : collected) {
                List<Object> converted = new ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    converted.add(javaValue(row.get(i)));
                }
                values.add(converted);
            }
            return new SqlResult(columns, values, truncated, limits.rowLimit(), Duration.ofNanos(System.nanoTime() - started));
        }
        catch (SqlException e) {
            throw e;
        }
        catch (Exception e) {
            String reason = stopped.get(jobGroup);
            if ("time limit".equals(reason)) {
                throw new SqlException(SqlException.Category.TIME_LIMIT, "the statement ran longer than the time limit of "
                        + seconds(limits.timeLimit()) + " and was cancelled", e);
            }
            if ("cancelled".equals(reason)) {
                throw new SqlException(SqlException.Category.CANCELLED, "the statement was cancelled", e);
            }
            if (e instanceof org.apache.spark.sql.AnalysisException) {
                throw new SqlException(SqlException.Category.ANALYSIS, e.getMessage(), e);
            }
            throw new SqlException(SqlException.Category.FAILED, "the statement failed: " + rootMessage(e), e);
        }
        finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            session.sparkContext().clearJobGroup();
            progress.finish(jobGroup);
            stopped.remove(jobGroup);
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
            if (e instanceof org.apache.spark.sql.AnalysisException) {
                throw new SqlException(SqlException.Category.ANALYSIS, e.getMessage(), e);
            }
            throw new SqlException(SqlException.Category.FAILED, "the statement failed: " + rootMessage(e), e);
        }
    }

    /** Cancels the statement running in {@code jobGroup}, if any; its caller gets a CANCELLED failure. */
    public void cancel(String jobGroup)
    {
        stop(jobGroup, "cancelled");
    }

    private void stop(String jobGroup, String reason)
    {
        stopped.putIfAbsent(jobGroup, reason);
        session.sparkContext().cancelJobGroup(jobGroup);
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
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

    static String seconds(Duration duration)
    {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
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
