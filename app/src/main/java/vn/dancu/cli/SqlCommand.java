package vn.dancu.cli;

import org.apache.spark.sql.SparkSession;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.audit.CommandAudit;
import vn.dancu.engine.sql.ReadOnlySql;
import vn.dancu.engine.sql.ResultFormat;
import vn.dancu.model.sql.SqlException;
import vn.dancu.model.sql.SqlLimits;
import vn.dancu.model.sql.SqlResult;
import vn.dancu.engine.sql.StatementSplitter;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Read-only Spark SQL over the register, the published cubes and the reference catalogues, registered as views.",
                "Without -e or -f: an interactive shell (\\tables, \\describe VIEW, \\q; Ctrl-C cancels a running statement).",
                "Only queries run: SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE, EXPLAIN; no file paths, no commands.",
                "Every statement is appended to the server's audit log (DATA/server/audit) with your operating-system user before its result is shown."})
public final class SqlCommand implements Callable<Integer>
{
    @Mixin
    DataOption data;

    @Mixin
    SparkOption spark;

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Run these statements (separated by ;) and exit")
    String execute;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the statements of this file and exit")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "TABLE",
            description = "Output: ${COMPLETION-CANDIDATES} (case-insensitive). Default: table")
    ResultFormat format;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "0",
            description = "Cancel a statement running longer than this; 0 = no limit. Default: ${DEFAULT-VALUE}")
    long timeLimitSeconds;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "10000",
            description = "Rows printed at most per statement (the rest is cut, with a note). Default: ${DEFAULT-VALUE}")
    int maxRows;

    @Option(names = "--max-mb", paramLabel = "MB", defaultValue = "32",
            description = "Size of a statement's result at most, in MiB of its rows as JSON (the rest is cut, with a note). Default: ${DEFAULT-VALUE}")
    int maxMegabytes;

    @Option(names = "--audit-dir", paramLabel = "DIR",
            description = "The audit log's folder. Default: DATA/server/audit (needed when --data is not a local folder)")
    Path auditDirectory;

    @Override
    public Integer call() throws IOException
    {
        if (execute != null && file != null) {
            throw new Dancu.CommandFailure("give either -e or -f, not both", 2);
        }
        List<String> statements = null;
        if (execute != null) {
            statements = StatementSplitter.split(execute);
        }
        else if (file != null) {
            try {
                statements = StatementSplitter.split(Files.readString(file, StandardCharsets.UTF_8));
            }
            catch (NoSuchFileException e) {
                throw new Dancu.CommandFailure("file " + file + " does not exist", 2);
            }
        }
        if (statements != null && statements.isEmpty()) {
            throw new Dancu.CommandFailure("no statement to run in " + (execute != null ? "-e" : file.toString()), 2);
        }
        SqlLimits limits = limits(timeLimitSeconds, maxRows, maxMegabytes);
        DataLayout layout = data.layout();
        requireData(layout);
        try (CommandAudit audit = openAudit(layout, auditDirectory)) {
            SparkSession session = spark.session("dancu-sql");
            try (ReadOnlySql sql = ReadOnlySql.open(session, layout, CubeCatalog.builtIn())) {
                if (statements != null) {
                    Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
                    return batch(sql, statements, format, limits, audit, out, System.err);
                }
                try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                    Path history = Path.of(System.getProperty("user.home"), ".dancu_sql_history");
                    new SqlShell(sql, terminal, format, limits, audit, history).run();
                }
                return 0;
            }
            finally {
                session.stop();
            }
        }
    }

    /**
     * The server's audit log, which the command appends to: {@code DATA/server/audit}, or {@code --audit-dir}. A
     * command that cannot write it stops before it reads anything.
     */
    static CommandAudit openAudit(DataLayout layout, Path auditDirectory)
    {
        Path folder = auditDirectory;
        if (folder == null) {
            if (layout.root().contains("://")) {
                throw new Dancu.CommandFailure("--data " + layout.root() + " is not a local folder: give the audit log's folder with --audit-dir"
                        + " (the server's DATA/server/audit), so that what you read is audited", 2);
            }
            folder = Path.of(layout.server()).resolve(AuditLog.FOLDER);
        }
        try {
            return CommandAudit.open(folder, CommandAudit.Operator.current(), Clock.systemUTC());
        }
        catch (CommandAudit.Unavailable e) {
            throw new Dancu.CommandFailure(e.getMessage(), 1);
        }
    }

    static SqlLimits limits(long timeLimitSeconds, int maxRows, int maxMegabytes)
    {
        if (maxMegabytes < 1 || maxMegabytes > 1024) {
            throw new Dancu.CommandFailure("invalid value for option '--max-mb': must be from 1 to 1024, was " + maxMegabytes, 2);
        }
        if (timeLimitSeconds < 0) {
            throw new Dancu.CommandFailure("invalid value for option '--time-limit': must be 0 (no limit) or more seconds, was " + timeLimitSeconds, 2);
        }
        if (maxRows < 1) {
            throw new Dancu.CommandFailure("invalid value for option '--max-rows': must be at least 1, was " + maxRows, 2);
        }
        return new SqlLimits(Duration.ofSeconds(timeLimitSeconds), maxRows, (long) maxMegabytes << 20);
    }

    static void requireData(DataLayout layout)
    {
        if (layout.root().contains("://")) {
            return;
        }
        if (!Files.exists(Path.of(layout.curatedPointer())) && !Files.exists(Path.of(layout.cubesPointer()))) {
            throw new Dancu.CommandFailure("nothing to query in " + layout.root() + ": no curated snapshot and no published cubes;"
                    + " run ./dancu demo --no-serve --data " + layout.root() + " (or generate, ingest and build)", 2);
        }
    }

    /**
     * Runs statements in order, printing each result; stops at the first failure with its message on {@code err}.
     * Each statement is audited (its outcome, the cells returned) before its result is printed.
     *
     * @return 0 when every statement ran, 1 otherwise
     */
    static int batch(ReadOnlySql sql, List<String> statements, ResultFormat format, SqlLimits limits, CommandAudit audit, Writer out, PrintStream err)
    {
        PrintWriter writer = new PrintWriter(out, true);
        int index = 0;
        List<String> notes = new ArrayList<>();
        for (String statement : statements) {
            index++;
            SqlResult result;
            try {
                result = sql.execute(statement, limits, "dancu-batch-" + index);
            }
            catch (SqlException e) {
                writer.flush();
                try {
                    audit.sql(statement, outcome(e), 0, e.getMessage());
                }
                catch (CommandAudit.Unavailable unavailable) {
                    err.println("dancu sql: " + unavailable.getMessage());
                    return 1;
                }
                err.println("dancu sql: statement " + index + ": " + SqlShell.label(e.category()) + ": " + e.getMessage());
                return 1;
            }
            try {
                audit.sql(statement, "ok", cells(result), detail(result));
            }
            catch (CommandAudit.Unavailable unavailable) {
                writer.flush();
                err.println("dancu sql: statement " + index + ": " + unavailable.getMessage());
                return 1;
            }
            format.write(result, writer);
            if (result.truncated() && format != ResultFormat.TABLE) {
                notes.add("statement " + index + ": " + ResultFormat.footer(result)
                        + (result.truncation() == SqlResult.Truncation.ROWS ? " (raise --max-rows)" : " (raise --max-mb)"));
            }
        }
        writer.flush();
        notes.forEach(note -> err.println("dancu sql: " + note));
        try {
            out.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /** The audit's outcome of a statement that gave no result: its category in lower case, as the server's SQL trail writes it. */
    static String outcome(SqlException e)
    {
        return e.category().name().toLowerCase(Locale.ROOT);
    }

    /** Values shown: rows × columns. */
    static long cells(SqlResult result)
    {
        return (long) result.rows().size() * result.columns().size();
    }

    static String detail(SqlResult result)
    {
        return switch (result.truncation()) {
            case NONE -> result.rows().size() + " rows";
            case ROWS -> result.rows().size() + " rows, cut at the row limit of " + result.rowLimit();
            case BYTES -> result.rows().size() + " rows, cut at the size limit of " + (result.byteLimit() >> 20) + " MiB";
        };
    }
}
