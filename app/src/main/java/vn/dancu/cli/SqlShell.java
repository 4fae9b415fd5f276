package vn.dancu.cli;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import vn.dancu.api.audit.CommandAudit;
import vn.dancu.engine.sql.ReadOnlySql;
import vn.dancu.engine.sql.ResultFormat;
import vn.dancu.model.sql.SqlException;
import vn.dancu.model.sql.SqlLimits;
import vn.dancu.model.sql.SqlResult;
import vn.dancu.engine.sql.StatementSplitter;
import vn.dancu.model.sql.ViewColumn;
import vn.dancu.model.sql.ViewDefinition;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * The interactive SQL shell: JLine line editing and history, statements over several lines until a {@code ;},
 * backslash commands ({@code \tables}, {@code \describe t}, {@code \help}, {@code \q}), a progress line while a
 * statement runs and Ctrl-C to cancel it without leaving the shell. Every statement is audited (its outcome, the
 * cells returned) before its result is shown; a result that cannot be audited is not shown.
 */
final class SqlShell
{
    static final String PROMPT = "dancu> ";
    static final String CONTINUATION = "    -> ";

    private final ReadOnlySql sql;
    private final Terminal terminal;
    private final ResultFormat format;
    private final SqlLimits limits;
    private final CommandAudit audit;
    private final Path historyFile;
    private final AtomicInteger statements = new AtomicInteger();
    private volatile String running;

    SqlShell(ReadOnlySql sql, Terminal terminal, ResultFormat format, SqlLimits limits, CommandAudit audit, Path historyFile)
    {
        this.audit = requireNonNull(audit, "audit is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.terminal = requireNonNull(terminal, "terminal is null");
        this.format = requireNonNull(format, "format is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.historyFile = historyFile;
    }

    /** Reads and runs statements until {@code \q} or end of input. */
    void run()
    {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("dancu-sql")
                .parser(new StatementParser())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        LineReader reader = builder.build();
        PrintWriter out = terminal.writer();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> {
            String group = running;
            if (group != null) {
                sql.cancel(group);
            }
        });
        out.println("dancu SQL shell: read-only Spark SQL over " + sql.views().names().size() + " views. \\tables lists them, \\describe VIEW shows"
                + " a view's columns, \\help the commands, \\q quits. End statements with ;");
        out.flush();
        try {
            while (true) {
                String input;
                try {
                    input = reader.readLine(PROMPT);
                }
                catch (UserInterruptException e) {
                    continue;
                }
                catch (EndOfFileException e) {
                    return;
                }
                String command = input.strip();
                if (command.isEmpty()) {
                    continue;
                }
                if (command.startsWith("\\")) {
                    if (!backslash(command, out)) {
                        return;
                    }
                    continue;
                }
                for (String statement : StatementSplitter.split(command)) {
                    execute(statement, out);
                }
            }
        }
        finally {
            terminal.handle(Terminal.Signal.INT, previous);
            out.flush();
        }
    }

    /** Runs a backslash command; false when it is {@code \q}. */
    private boolean backslash(String command, PrintWriter out)
    {
        String[] words = command.split("\\s+");
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "\\q", "\\quit" -> {
                return false;
            }
            case "\\tables", "\\dt" -> tables(out);
            case "\\describe", "\\d" -> {
                if (words.length < 2) {
                    out.println("usage: \\describe VIEW; views: " + String.join(", ", sql.views().names()));
                }
                else {
                    describe(words[1], out);
                }
            }
            case "\\help", "\\?" -> out.println("""
                    \\tables            the views you can query, with what they hold
                    \\describe VIEW     a view's columns, their types and meaning
                    \\q                 quit
                    Statements end with ; and may span lines. Ctrl-C cancels a running statement (or clears the line).
                    Allowed: SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW COLUMNS, DESCRIBE, EXPLAIN over the views.""");
            default -> out.println("unknown command " + words[0] + "; commands: \\tables, \\describe VIEW, \\help, \\q");
        }
        out.flush();
        return true;
    }

    private void tables(PrintWriter out)
    {
        for (ViewDefinition view : sql.views().views()) {
            out.printf("%-24s %-9s %s%n", view.name(), view.kind().label(), view.description());
        }
    }

    private void describe(String name, PrintWriter out)
    {
        ViewDefinition view = sql.views().view(name).orElse(null);
        if (view == null) {
            out.println("no view '" + name + "'; views: " + String.join(", ", sql.views().names()));
            return;
        }
        out.println(view.name() + " (" + view.kind().label() + ", " + view.source() + "): " + view.description());
        int width = view.columns().stream().mapToInt(column -> column.name().length()).max().orElse(4);
        for (ViewColumn column : view.columns()) {
            out.printf("  %-" + width + "s  %-8s  %s%n", column.name(), column.type(), column.description());
        }
    }

    private void execute(String statement, PrintWriter out)
    {
        String group = "dancu-shell-" + statements.incrementAndGet();
        running = group;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dancu-sql-progress");
            thread.setDaemon(true);
            return thread;
        });
        boolean showProgress = !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        ScheduledFuture<?> progress = showProgress ? ticker.scheduleAtFixedRate(() -> sql.progress(group)
                .filter(snapshot -> snapshot.stagesTotal() > 0).ifPresent(snapshot -> {
            out.print("\r\u001b[2K[" + snapshot.line() + "]  Ctrl-C cancels");
            out.flush();
        }), 500, 500, TimeUnit.MILLISECONDS) : null;
        try {
            SqlResult result = sql.execute(statement, limits, group);
            clearProgress(progress, out);
            audit.sql(statement, "ok", SqlCommand.cells(result), SqlCommand.detail(result));
            format.write(result, out);
            if (format != ResultFormat.TABLE) {
                out.println(ResultFormat.footer(result));
            }
        }
        catch (SqlException e) {
            clearProgress(progress, out);
            try {
                audit.sql(statement, SqlCommand.outcome(e), 0, e.getMessage());
            }
            catch (CommandAudit.Unavailable unavailable) {
                out.println("audit log: " + unavailable.getMessage());
            }
            out.println(label(e.category()) + ": " + e.getMessage());
        }
        catch (CommandAudit.Unavailable e) {
            clearProgress(progress, out);
            out.println("audit log: " + e.getMessage());
        }
        finally {
            running = null;
            ticker.shutdownNow();
            out.flush();
        }
    }

    private static void clearProgress(ScheduledFuture<?> progress, PrintWriter out)
    {
        if (progress != null) {
            progress.cancel(false);
            out.print("\r\u001b[2K");
        }
    }

    static String label(SqlException.Category category)
    {
        return switch (category) {
            case REFUSED -> "refused";
            case SYNTAX -> "syntax error";
            case ANALYSIS -> "error";
            case TIME_LIMIT -> "time limit";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed";
            case TOO_LARGE -> "too large";
            case CRASHED -> "engine ended";
            case UNAVAILABLE -> "unavailable";
        };
    }

    /** Asks JLine for more lines until the statement ends with {@code ;}; backslash commands end at the line end. */
    private static final class StatementParser implements Parser
    {
        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError
        {
            String text = line.strip();
            if (context == ParseContext.ACCEPT_LINE && !text.isEmpty() && !text.startsWith("\\") && !StatementSplitter.complete(text)) {
                throw new EOFError(-1, -1, "statement not ended with ;");
            }
            return new WholeLine(line, cursor);
        }
    }

    private record WholeLine(String line, int cursor) implements CompletingParsedLine
    {
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete)
        {
            return candidate;
        }

        @Override
        public int rawWordCursor()
        {
            return cursor;
        }

        @Override
        public int rawWordLength()
        {
            return line.length();
        }

        @Override
        public String word()
        {
            return line;
        }

        @Override
        public int wordCursor()
        {
            return cursor;
        }

        @Override
        public int wordIndex()
        {
            return 0;
        }

        @Override
        public List<String> words()
        {
            return List.of(line);
        }
    }
}
