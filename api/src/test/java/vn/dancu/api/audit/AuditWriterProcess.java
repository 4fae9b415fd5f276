package vn.dancu.api.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A second process appending to an audit log, for the test of concurrent writers: {@code folder count user
 * segmentBytes}. Appends one entry at a time (each under the log's lock), as a command does, and prints "done".
 */
public final class AuditWriterProcess
{
    private AuditWriterProcess() {}

    public static void main(String[] args)
    {
        Path folder = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String user = args[2];
        long segmentBytes = Long.parseLong(args[3]);
        try (AuditLog log = new AuditLog(folder, AuditLog.Options.command().withSegmentBytes(segmentBytes), Clock.systemUTC())) {
            for (int i = 1; i <= count; i++) {
                log.append(AuditEntry.command(Instant.now(), user, null, "test-host", "dancu sql", null, "SELECT " + i, "sql", i, "ok", null, null));
            }
        }
        System.out.println("done");
    }

    static List<String> command(Path folder, int count, String user, long segmentBytes)
    {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                AuditWriterProcess.class.getName(), folder.toString(), Integer.toString(count), user, Long.toString(segmentBytes));
    }
}
