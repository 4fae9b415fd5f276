package vn.dancu.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import vn.dancu.model.cube.CubeCatalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * The append-only audit log of every data request: JSON Lines in {@code DATA/server/audit/audit-log.jsonl}, each
 * entry chained to the previous one by a SHA-256 hash so that an edit, a deletion or a reordering is detected by
 * {@link #verify()}. The server only ever appends (the file is opened in append mode). Requests {@link #submit}
 * their entry to a writer thread, which numbers, chains and writes entries in submission order, within milliseconds
 * to the operating system and at least once a second to the disk ({@link #sync()}).
 */
public final class AuditLog implements AutoCloseable
{
    public static final String FILE_NAME = "audit-log.jsonl";

    private final Path file;
    private final ObjectMapper json = CubeCatalog.json().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT);
    private final FileChannel channel;
    private final java.util.concurrent.ScheduledExecutorService syncer;
    private final java.util.concurrent.LinkedBlockingQueue<AuditEntry> queue = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Thread writer;
    private boolean closed;
    private long lastSeq;
    private String lastHash = "";

    public AuditLog(Path serverFolder)
    {
        this.file = requireNonNull(serverFolder, "serverFolder is null").resolve("audit").resolve(FILE_NAME);
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                String last = lastLine();
                if (last != null) {
                    AuditEntry entry = json.readValue(last, AuditEntry.class);
                    lastSeq = entry.seq();
                    lastHash = entry.hash();
                }
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file, e);
        }
        syncer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-log-sync");
            thread.setDaemon(true);
            return thread;
        });
        syncer.scheduleWithFixedDelay(this::sync, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        writer = new Thread(this::writeQueued, "audit-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues an entry for the writer thread, which numbers, chains and appends entries in the order they were
     * submitted: a request does not wait for the hash and the write.
     */
    public void submit(AuditEntry entry)
    {
        queue.add(entry);
    }

    private void writeQueued()
    {
        while (true) {
            try {
                AuditEntry entry = queue.take();
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    append(entry);
                    for (AuditEntry next = queue.poll(); next != null; next = queue.poll()) {
                        append(next);
                    }
                }
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Writes every submitted entry now (before reading or closing). */
    public synchronized void flush()
    {
        for (AuditEntry next = queue.poll(); next != null; next = queue.poll()) {
            append(next);
        }
    }

    public Path file()
    {
        return file;
    }

    private String lastLine() throws IOException
    {
        String last = null;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        return last;
    }

    /** Appends an entry (its seq, prev and hash are set here) and returns it as stored. */
    public synchronized AuditEntry append(AuditEntry entry)
    {
        if (closed) {
            throw new IllegalStateException("the audit log " + file + " is closed");
        }
        try {
            // One serialization: the line with an empty hash is what the hash covers (hash is the last field).
            byte[] unhashed = json.writeValueAsBytes(entry.chained(lastSeq + 1, lastHash, ""));
            String hash = hash(lastHash, unhashed);
            byte[] line = (new String(unhashed, 0, unhashed.length - EMPTY_HASH_SUFFIX.length(), StandardCharsets.UTF_8)
                    + "\"hash\":\"" + hash + "\"}\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            String prev = lastHash;
            lastSeq++;
            lastHash = hash;
            return entry.chained(lastSeq, prev, hash);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file, e);
        }
    }

    private static final String EMPTY_HASH_SUFFIX = "\"hash\":\"\"}";

    private String hash(AuditEntry withoutHash)
    {
        try {
            return hash(withoutHash.prev(), json.writeValueAsBytes(withoutHash.chained(withoutHash.seq(), withoutHash.prev(), "")));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String previousHash, byte[] unhashedLine)
    {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previousHash.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(unhashedLine);
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forces appended entries to disk. */
    public synchronized void sync()
    {
        if (closed) {
            return;
        }
        try {
            channel.force(false);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot sync the audit log " + file, e);
        }
    }

    /** The last {@code limit} entries matching {@code filter} with seq ≥ {@code fromSeq}, oldest first. */
    public List<AuditEntry> read(long fromSeq, int limit, Predicate<AuditEntry> filter)
    {
        flush();
        Deque<AuditEntry> kept = new ArrayDeque<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                AuditEntry entry = json.readValue(line, AuditEntry.class);
                if (entry.seq() >= fromSeq && filter.test(entry)) {
                    kept.addLast(entry);
                    if (kept.size() > limit) {
                        kept.removeFirst();
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
        return new ArrayList<>(kept);
    }

    /** The outcome of checking the hash chain: entries read, and the first broken one (seq, line) if any. */
    public record Verification(long entries, boolean intact, Long brokenAtLine, String problem) {}

    public Verification verify()
    {
        flush();
        String previous = "";
        long line = 0;
        long expectedSeq = 1;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                AuditEntry entry;
                try {
                    entry = json.readValue(text, AuditEntry.class);
                }
                catch (IOException e) {
                    return new Verification(line - 1, false, line, "line is not an audit entry");
                }
                if (entry.seq() != expectedSeq) {
                    return new Verification(line - 1, false, line, "seq " + entry.seq() + " where " + expectedSeq + " was expected");
                }
                if (!entry.prev().equals(previous)) {
                    return new Verification(line - 1, false, line, "prev does not match the hash of the entry before");
                }
                if (!hash(entry.chained(entry.seq(), entry.prev(), "")).equals(entry.hash())) {
                    return new Verification(line - 1, false, line, "hash does not match the entry's content");
                }
                previous = entry.hash();
                expectedSeq++;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
        return new Verification(line, true, null, null);
    }

    @Override
    public synchronized void close()
    {
        if (closed) {
            return;
        }
        flush();
        syncer.shutdownNow();
        writer.interrupt();
        try {
            channel.force(false);
            channel.close();
            closed = true;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot close the audit log " + file, e);
        }
    }
}
