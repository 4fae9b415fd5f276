package vn.dancu.engine.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A lock file that one running job holds ({@code <pid>@<host> <start time>}), created exclusively. A lock left by a
 * job that no longer runs on this machine (killed) is taken over; a lock of a running job, or of another machine,
 * stops the caller with a message naming the lock file. Closing the lock deletes the file.
 */
public final class ProcessLock implements AutoCloseable
{
    private final Storage storage;
    private final String path;

    private ProcessLock(Storage storage, String path)
    {
        this.storage = storage;
        this.path = path;
    }

    /**
     * @param job what holds the lock, for the message ({@code build}, {@code ingest})
     */
    public static ProcessLock take(Storage storage, String path, String job)
    {
        requireNonNull(storage, "storage is null");
        requireNonNull(path, "path is null");
        String owner = ProcessHandle.current().pid() + "@" + hostName() + " " + Instant.now();
        if (storage.createExclusively(path, owner)) {
            return new ProcessLock(storage, path);
        }
        String holder = storage.readText(path).orElse("").strip();
        if (isStaleOnThisHost(holder)) {
            storage.delete(path);
            if (storage.createExclusively(path, owner)) {
                return new ProcessLock(storage, path);
            }
            holder = storage.readText(path).orElse("").strip();
        }
        throw new IllegalStateException("another " + job + " holds " + path + " (" + holder + "); wait for it to finish, or delete"
                + " the file if no " + job + " is running");
    }

    private static boolean isStaleOnThisHost(String holder)
    {
        int at = holder.indexOf('@');
        int space = holder.indexOf(' ');
        if (at < 0 || space < at) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.substring(0, at));
            String host = holder.substring(at + 1, space);
            return host.equals(hostName()) && ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        }
        catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName()
    {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close()
    {
        storage.delete(path);
    }
}
