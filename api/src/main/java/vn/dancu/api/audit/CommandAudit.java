package vn.dancu.api.audit;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The audit of the operator's commands ({@code ./dancu sql}, {@code ./dancu report}): each statement or report is
 * appended to the server's audit log, with the operating-system user that ran it, before its result is shown or
 * written. If the log cannot be written, the command stops and shows nothing: every access to data is audited,
 * whichever door it comes through.
 */
public final class CommandAudit implements AutoCloseable
{
    /** Who ran the command: the operating-system user, the user sudo names (if any) and the machine. */
    public record Operator(String osUser, Optional<String> sudoUser, String host)
    {
        public Operator
        {
            requireNonNull(osUser, "osUser is null");
            requireNonNull(sudoUser, "sudoUser is null");
            requireNonNull(host, "host is null");
        }

        /** This process's user (from the operating system, not from the environment), SUDO_USER when set, the host name. */
        public static Operator current()
        {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            }
            catch (java.io.IOException | SecurityException e) {
                host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
            }
            return new Operator(System.getProperty("user.name"), Optional.ofNullable(System.getenv("SUDO_USER")).filter(name -> !name.isBlank()),
                    host);
        }
    }

    /** The audit log cannot be written: the command must not go on. */
    public static final class Unavailable extends RuntimeException
    {
        Unavailable(String message, Throwable cause)
        {
            super(message, cause);
        }
    }

    private final AuditLog log;
    private final Operator operator;
    private final Clock clock;

    private CommandAudit(AuditLog log, Operator operator, Clock clock)
    {
        this.log = log;
        this.operator = operator;
        this.clock = clock;
    }

    /** Opens the audit log in {@code folder} (the server's {@code DATA/server/audit}) for appending. */
    public static CommandAudit open(Path folder, Operator operator, Clock clock)
    {
        requireNonNull(operator, "operator is null");
        try {
            return new CommandAudit(new AuditLog(folder, AuditLog.Options.command(), clock), operator, clock);
        }
        catch (UncheckedIOException e) {
            throw new Unavailable("cannot open the audit log in " + folder + " (" + e.getCause().getMessage() + "); run dancu as the user that owns"
                    + " the data folder (e.g. sudo -u dancu ./dancu …), or give the audit folder with --audit-dir", e);
        }
    }

    /**
     * One SQL statement of {@code ./dancu sql}: its outcome ({@code ok} or the failure category), the rows and cells it
     * returned, and a detail (the failure message, a cut result).
     */
    public AuditEntry sql(String statement, String outcome, long cells, String detail)
    {
        return append(AuditEntry.command(clock.instant(), operator.osUser(), operator.sudoUser().orElse(null), operator.host(), "dancu sql", null,
                statement, "sql", cells, outcome, detail, null));
    }

    /** One {@code ./dancu report}: its options as a query string, the outcome, the cells of its tables, the cube version. */
    public AuditEntry report(String options, String outcome, long cells, String detail, String version)
    {
        return append(AuditEntry.command(clock.instant(), operator.osUser(), operator.sudoUser().orElse(null), operator.host(), "dancu report",
                options, null, "report", cells, outcome, detail, version));
    }

    private AuditEntry append(AuditEntry entry)
    {
        try {
            return log.append(entry);
        }
        catch (UncheckedIOException | IllegalStateException e) {
            throw new Unavailable("cannot write the audit log in " + log.folder() + ": " + e.getMessage() + "; nothing is shown", e);
        }
    }

    @Override
    public void close()
    {
        log.close();
    }
}
