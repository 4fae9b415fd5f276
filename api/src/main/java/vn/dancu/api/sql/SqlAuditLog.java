package vn.dancu.api.sql;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The audit trail of the SQL page: one JSON line per statement in {@code DIR/server/sql-audit.jsonl} — when, who,
 * from where, the statement, and its outcome (rows, or why it gave none) with its duration.
 */
public final class SqlAuditLog
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;

    public SqlAuditLog(Path file, Clock clock)
    {
        this.file = requireNonNull(file, "file is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Path file()
    {
        return file;
    }

    /** Appends one entry; the outcome is {@code ok} or the failure category in lower case. */
    public synchronized void record(String user, String address, String statement, String outcome, Long rows, String message, long elapsedMillis)
    {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", clock.instant().toString());
        entry.put("user", user);
        entry.put("address", address);
        entry.put("statement", statement);
        entry.put("outcome", outcome);
        entry.put("rows", rows);
        entry.put("message", message);
        entry.put("elapsedMs", elapsedMillis);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the SQL audit log " + file, e);
        }
    }
}
