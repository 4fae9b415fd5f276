package vn.dancu.api.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancu.api.access.ServerFiles;
import vn.dancu.model.cube.CubeCatalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The tamper-evident audit log of every access to data, whichever door it came through: the server's requests and
 * the operator's commands ({@code ./dancu sql}, {@code ./dancu report}) append to the same log.
 *
 * <ul>
 *   <li><b>Files.</b> JSON Lines in segments {@code DATA/server/audit/audit-log-<first seq>.jsonl} (owner-only:
 *   files 0600, folder 0700). A new segment starts with the first entry of a new day (in {@link Options#zone()}) or
 *   when the current one reaches {@link Options#segmentBytes()}; the hash chain runs on across segments.</li>
 *   <li><b>Chain.</b> Each entry holds the hash of the one before and its own: an edit, a deletion or a reordering
 *   breaks the chain from there on ({@link #verify}).</li>
 *   <li><b>Several writers.</b> Every append happens under an exclusive lock of {@code audit.lock} (a file lock, so
 *   that a running server and a command in another process never interleave): the writer first checks whether
 *   another process appended or started a segment since its last write (a size and an existence check), reads the
 *   last line if so, then numbers, chains and appends.</li>
 *   <li><b>Server.</b> Requests {@link #submit} entries to a writer thread (a request does not wait for the disk);
 *   entries reach the operating system within milliseconds and the disk at least once a second. Anonymous requests
 *   are {@link #countAnonymous counted} per minute instead. A failure to write is kept ({@link #failure()}) and the
 *   entries are retried; the server refuses data requests meanwhile.</li>
 *   <li><b>Reading</b> goes backwards from the end: the last n entries cost n lines, not the file.</li>
 * </ul>
 */
public final class AuditLog implements AutoCloseable
{
    public static final String FOLDER = "audit";
    /** The single file of older versions, renamed to a segment on first use. */
    public static final String FILE_NAME = AuditFiles.LEGACY;
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    /**
     * How the log behaves.
     *
     * @param segmentBytes  a segment that reaches this size is closed and a new one started
     * @param zone          a segment is started for the first entry of each day in this zone
     * @param background    true for the server: a writer thread, a sync each second, anonymous minutes counted, an
     *                      incremental verification every {@code verifyEvery}; false for a command: each append is
     *                      written and forced to disk before it returns
     * @param verifyEvery   how often the server verifies new entries in the background (zero: never)
     */
    public record Options(long segmentBytes, ZoneId zone, boolean background, Duration verifyEvery)
    {
        public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
        /** Whose midnight starts a new segment: the offices dancu serves (the JVM's own zone is UTC under the launcher). */
        public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

        public Options
        {
            if (segmentBytes < 1024) {
                throw new IllegalArgumentException("segmentBytes must be at least 1024, was " + segmentBytes);
            }
            requireNonNull(zone, "zone is null");
            requireNonNull(verifyEvery, "verifyEvery is null");
        }

        public static Options server()
        {
            return new Options(DEFAULT_SEGMENT_BYTES, DEFAULT_ZONE, true, Duration.ofMinutes(10));
        }

        public static Options command()
        {
            return new Options(DEFAULT_SEGMENT_BYTES, DEFAULT_ZONE, false, Duration.ZERO);
        }

        public Options withSegmentBytes(long bytes)
        {
            return new Options(bytes, zone, background, verifyEvery);
        }
    }

    private final Path folder;
    private final Options options;
    private final Clock clock;
    private final ObjectMapper json = CubeCatalog.json().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private FileChannel lockChannel;
    private final AnonymousTraffic anonymous = new AnonymousTraffic();
    private final AuditVerifier verifier;
    private final LinkedBlockingQueue<AuditEntry> queue = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService background;
    private final Thread writer;
    private volatile String failure;
    /** Entries ever put in the queue; {@link #written} counts those appended: a reader waits until it catches up. */
    private final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();
    /** Put in the queue by {@link #close()}: the writer stops when it reaches it. */
    private static final AuditEntry STOP = AuditEntry.anonymousMinute(Instant.EPOCH, "", "", null, 0, 0, 0, 0, null);

    // The end of the log as this process last saw it; guarded by this.
    private Path segment;
    private FileChannel channel;
    private long segmentSize;
    private long lastSeq;
    private String lastHash = "";
    private Instant lastAt;
    private boolean stale = true;
    private boolean closed;
    /** Queued entries appended so far (by the writer thread or by {@link #flush()}). */
    private long written;

    /** The server's log in {@code serverFolder/audit}. */
    public AuditLog(Path serverFolder)
    {
        this(requireNonNull(serverFolder, "serverFolder is null").resolve(FOLDER), Options.server(), Clock.systemUTC());
    }

    /** The log in {@code folder} (the audit folder itself). */
    public AuditLog(Path folder, Options options, Clock clock)
    {
        this.folder = requireNonNull(folder, "folder is null");
        this.options = requireNonNull(options, "options is null");
        this.clock = requireNonNull(clock, "clock is null");
        try {
            ServerFiles.ownerOnlyFolder(folder);
            lockChannel = ServerFiles.openOwnerOnly(folder.resolve(AuditFiles.LOCK), StandardOpenOption.WRITE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log in " + folder + ": " + e.getMessage(), e);
        }
        verifier = new AuditVerifier(folder, json, this::writeCheckpoint);
        synchronized (this) {
            try (FileLock lock = lock()) {
                refresh();
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot open the audit log in " + folder + ": " + e.getMessage(), e);
            }
        }
        if (!options.background()) {
            background = null;
            writer = null;
            return;
        }
        background = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-log-background");
            thread.setDaemon(true);
            return thread;
        });
        background.scheduleWithFixedDelay(this::everySecond, 1, 1, TimeUnit.SECONDS);
        if (!options.verifyEvery().isZero()) {
            long every = options.verifyEvery().toMillis();
            background.scheduleWithFixedDelay(this::verifyInBackground, every, every, TimeUnit.MILLISECONDS);
        }
        writer = new Thread(this::writeQueued, "audit-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    public Path folder()
    {
        return folder;
    }

    /** The segment appended to now. */
    public synchronized Path file()
    {
        return segment;
    }

    /** Why the last append failed, while it keeps failing (the server then refuses data requests); empty when all is written. */
    public Optional<String> failure()
    {
        return Optional.ofNullable(failure);
    }

    /**
     * Queues an entry: the writer thread numbers, chains and appends entries in the order they were submitted, so a
     * request does not wait for the hash and the write. Without a writer thread (a command) it is appended now.
     */
    public void submit(AuditEntry entry)
    {
        if (writer == null) {
            append(entry);
            return;
        }
        requireNonNull(entry, "entry is null");
        queued.incrementAndGet();
        queue.add(entry);
    }

    /** Counts an anonymous request into its minute (written as one entry per group once the minute is over). */
    public void countAnonymous(Instant at, String method, String route, String cube, int status, String version, String client, long cells)
    {
        anonymous.count(at, method, route, cube, status, version, client, cells);
    }

    /** Counts a request of an account that its rate limit refused into its minute: a flood of refusals does not grow the log. */
    public void countThrottled(Instant at, String user, String role, String method, String route, String cube, int status, String version,
            String client)
    {
        anonymous.countThrottled(at, user, role, method, route, cube, status, version, client);
    }

    private void writeQueued()
    {
        while (true) {
            try {
                List<AuditEntry> batch = new ArrayList<>();
                batch.add(queue.take());
                queue.drainTo(batch, 10_000);
                int stop = indexOfStop(batch);
                if (stop >= 0) {
                    writeRetrying(batch.subList(0, stop));
                    return;
                }
                writeRetrying(batch);
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    private static int indexOfStop(List<AuditEntry> batch)
    {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == STOP) {
                return i;
            }
        }
        return -1;
    }

    /** Appends, retrying each second while it fails (a full disk, a lost permission): entries are kept, not dropped. */
    private void writeRetrying(List<AuditEntry> batch) throws InterruptedException
    {
        if (batch.isEmpty()) {
            return;
        }
        while (true) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                try {
                    appendAll(batch);
                    written += batch.size();
                    notifyAll();
                    failure = null;
                    return;
                }
                catch (UncheckedIOException | IllegalStateException e) {
                    if (failure == null) {
                        LOG.error("cannot write the audit log in {}; data requests are refused until it can be written", folder, e);
                    }
                    failure = e.getMessage();
                }
            }
            Thread.sleep(1000);
        }
    }

    private void everySecond()
    {
        try {
            List<AuditEntry> minutes = anonymous.drainBefore(Math.floorDiv(clock.instant().getEpochSecond(), 60));
            if (!minutes.isEmpty()) {
                queued.addAndGet(minutes.size());
                queue.addAll(minutes);
            }
            sync();
        }
        catch (RuntimeException e) {
            LOG.error("audit log upkeep failed in {}", folder, e);
        }
    }

    private void verifyInBackground()
    {
        try {
            Verification verification = verify(false);
            if (!verification.intact()) {
                LOG.error("the audit log in {} is not intact: {}", folder, verification);
            }
        }
        catch (RuntimeException e) {
            LOG.error("cannot verify the audit log in {}", folder, e);
        }
    }

    /**
     * Writes every entry submitted before this call now (before reading, verifying or closing): those still queued, and
     * waits (up to 10 s, or while writing fails) for a batch the writer thread has taken but not yet appended, so that a
     * request's entry is in the log for whoever reads it after the answer.
     */
    public void flush()
    {
        long target = queued.get();
        List<AuditEntry> batch = new ArrayList<>();
        queue.drainTo(batch);
        boolean stop = batch.remove(STOP);
        synchronized (this) {
            if (!batch.isEmpty() && !closed) {
                appendAll(batch);
                written += batch.size();
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            try {
                while (written < target && !closed && failure == null && writer != null && writer.isAlive()) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    wait(left);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stop) {
            queue.add(STOP);
        }
    }

    /** Appends an entry now (its seq, prev and hash are set here) and returns it as stored. */
    public synchronized AuditEntry append(AuditEntry entry)
    {
        return appendAll(List.of(entry)).get(0);
    }

    /** Appends entries in order under the log's lock; with no background thread they are forced to disk before this returns. */
    public synchronized List<AuditEntry> appendAll(List<AuditEntry> entries)
    {
        if (closed) {
            throw new IllegalStateException("the audit log in " + folder + " is closed");
        }
        List<AuditEntry> stored = new ArrayList<>(entries.size());
        try (FileLock lock = lock()) {
            refresh();
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            for (AuditEntry entry : entries) {
                if (rotationDue(entry, pending.size())) {
                    write(pending);
                    rotate();
                }
                byte[] unhashed = json.writeValueAsBytes(entry.chained(lastSeq + 1, lastHash, ""));
                String hash = AuditChain.hash(lastHash, unhashed);
                pending.write(AuditChain.withHash(unhashed, hash));
                stored.add(entry.chained(lastSeq + 1, lastHash, hash));
                lastSeq++;
                lastHash = hash;
                lastAt = entry.at();
            }
            write(pending);
            if (!options.background()) {
                channel.force(false);
            }
            return stored;
        }
        catch (IOException e) {
            stale = true;
            throw new UncheckedIOException("cannot append to the audit log in " + folder + ": " + e.getMessage(), e);
        }
        catch (RuntimeException e) {
            stale = true;
            throw e;
        }
    }

    private boolean rotationDue(AuditEntry entry, int pendingBytes)
    {
        long size = segmentSize + pendingBytes;
        if (size == 0) {
            return false;
        }
        if (size >= options.segmentBytes()) {
            return true;
        }
        if (lastAt == null || entry.at() == null) {
            return false;
        }
        LocalDate day = LocalDate.ofInstant(entry.at(), options.zone());
        return day.isAfter(LocalDate.ofInstant(lastAt, options.zone()));
    }

    private void write(ByteArrayOutputStream pending) throws IOException
    {
        if (pending.size() == 0) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(pending.toByteArray());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        segmentSize += pending.size();
        pending.reset();
    }

    /** Closes the current segment and starts the next, named by the seq of its first entry. */
    private void rotate() throws IOException
    {
        channel.force(false);
        channel.close();
        segment = folder.resolve(AuditFiles.segmentName(lastSeq + 1));
        channel = ServerFiles.openOwnerOnly(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segmentSize = channel.size();
    }

    /**
     * Under the lock: when another process may have appended or started a segment since this one last wrote (the
     * segment's size changed, or the next segment exists), or after a failure, reads the end of the log again.
     */
    private void refresh() throws IOException
    {
        if (!stale && segment != null && channel != null && channel.isOpen()) {
            try {
                if (Files.size(segment) == segmentSize && !Files.exists(folder.resolve(AuditFiles.segmentName(lastSeq + 1)))) {
                    return;
                }
            }
            catch (NoSuchFileException e) {
                // archived or moved: read the folder again
            }
        }
        rescan();
        stale = false;
    }

    private void rescan() throws IOException
    {
        migrateLegacyFile();
        List<AuditFiles.Segment> segments = AuditFiles.segments(folder);
        if (channel != null) {
            channel.close();
            channel = null;
        }
        lastSeq = 0;
        lastHash = "";
        lastAt = null;
        if (segments.isEmpty()) {
            segment = folder.resolve(AuditFiles.segmentName(1));
        }
        else {
            segment = segments.get(segments.size() - 1).file();
            boolean found = false;
            for (int i = segments.size() - 1; i >= 0 && !found; i--) {
                Optional<AuditEntry> last = lastEntry(segments.get(i).file());
                if (last.isPresent()) {
                    lastSeq = last.get().seq();
                    lastHash = last.get().hash();
                    lastAt = last.get().at();
                    found = true;
                }
            }
            if (!found) {
                lastSeq = segments.get(segments.size() - 1).firstSeq() - 1;
                lastHash = verifier.lastCheckpoint().filter(checkpoint -> checkpoint.seq() == segments.get(segments.size() - 1).firstSeq() - 1)
                        .map(AuditVerifier.Checkpoint::hash).orElse("");
            }
        }
        channel = ServerFiles.openOwnerOnly(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segmentSize = channel.size();
        if (segmentSize > 0 && lastByte(segment, segmentSize) != '\n') {
            // A write cut short (a crash): end its line, so that the next entry starts on a line of its own; verification reports it.
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            segmentSize++;
        }
    }

    private Optional<AuditEntry> lastEntry(Path file) throws IOException
    {
        try (LineReader reader = LineReader.open(file)) {
            for (LineReader.Line line = reader.lineBefore(reader.endOfLines()); line != null; line = reader.lineBefore(line.offset())) {
                if (line.text().isBlank()) {
                    continue;
                }
                try {
                    return Optional.of(json.readValue(line.text(), AuditEntry.class));
                }
                catch (IOException e) {
                    throw new IOException("the last line of " + file + " is not an audit entry; verify the log (GET /api/v1/admin/audit/verify?full=true)", e);
                }
            }
            return Optional.empty();
        }
    }

    private static byte lastByte(Path file, long size) throws IOException
    {
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            reader.read(one, size - 1);
            return one.get(0);
        }
    }

    /** The single {@code audit-log.jsonl} of older versions becomes the first segment, named by its first seq. */
    private void migrateLegacyFile() throws IOException
    {
        Path legacy = folder.resolve(AuditFiles.LEGACY);
        if (!Files.exists(legacy)) {
            return;
        }
        ServerFiles.ownerOnly(legacy);
        long firstSeq;
        try (LineReader reader = LineReader.open(legacy)) {
            LineReader.Line first = reader.lineAt(0);
            if (first == null) {
                Files.delete(legacy);
                return;
            }
            firstSeq = AuditFiles.seqOf(first.text());
        }
        if (firstSeq < 1) {
            throw new IOException(legacy + " does not start with an audit entry");
        }
        Files.move(legacy, folder.resolve(AuditFiles.segmentName(firstSeq)), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The exclusive lock of the log's folder, between processes (a file lock) and between instances of this JVM. */
    private FileLock lock() throws IOException
    {
        while (true) {
            try {
                if (!lockChannel.isOpen()) {
                    lockChannel = ServerFiles.openOwnerOnly(folder.resolve(AuditFiles.LOCK), StandardOpenOption.WRITE);
                }
                return lockChannel.lock();
            }
            catch (OverlappingFileLockException e) {
                // Another AuditLog of the same folder in this JVM holds it: wait for it.
                try {
                    Thread.sleep(1);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the audit log's lock", interrupted);
                }
            }
        }
    }

    private void writeCheckpoint(AuditVerifier.Checkpoint checkpoint)
    {
        synchronized (this) {
            try (FileLock lock = lock();
                 FileChannel out = ServerFiles.openOwnerOnly(folder.resolve(AuditFiles.CHECKPOINTS), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                out.write(ByteBuffer.wrap((json.writeValueAsString(checkpoint) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                out.force(false);
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot write the audit checkpoints in " + folder, e);
            }
        }
    }

    /** Forces appended entries to disk. */
    public synchronized void sync()
    {
        if (closed || channel == null) {
            return;
        }
        try {
            channel.force(false);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot sync the audit log in " + folder, e);
        }
    }

    /**
     * The last {@code limit} entries matching {@code filter} with seq ≥ {@code fromSeq}, oldest first: for tests and
     * tools, it reads back as far as it must (down to {@code fromSeq}); the admin route uses {@link #read(AuditQuery)}.
     */
    public List<AuditEntry> read(long fromSeq, int limit, java.util.function.Predicate<AuditEntry> filter)
    {
        List<AuditEntry> kept = new ArrayList<>();
        Long before = null;
        while (kept.size() < limit) {
            AuditPage page = read(new AuditQuery(fromSeq, Optional.ofNullable(before), limit, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), AuditQuery.DEFAULT_SCAN_LIMIT));
            List<AuditEntry> matching = page.entries().stream().filter(filter).toList();
            kept.addAll(0, matching.subList(Math.max(0, matching.size() - (limit - kept.size())), matching.size()));
            if (!page.more()) {
                break;
            }
            before = page.before();
        }
        return kept;
    }

    /**
     * Reads backwards from the end of the log (or from {@code before}): costs the entries read, at most the query's
     * scan limit, never the whole log.
     */
    public AuditPage read(AuditQuery query)
    {
        flush();
        List<AuditFiles.Segment> segments = AuditFiles.segments(folder);
        Deque<AuditEntry> found = new ArrayDeque<>();
        long scanned = 0;
        long oldestRead = -1;
        long upper = query.before().orElse(Long.MAX_VALUE);
        for (int i = segments.size() - 1; i >= 0; i--) {
            AuditFiles.Segment segment = segments.get(i);
            if (segment.firstSeq() >= upper) {
                continue;
            }
            try (LineReader reader = LineReader.open(segment.file())) {
                long end = query.before().isPresent() ? endBefore(reader, upper) : reader.endOfLines();
                for (LineReader.Line line = reader.lineBefore(end); line != null; line = reader.lineBefore(line.offset())) {
                    long seq = AuditFiles.seqOf(line.text());
                    if (seq >= upper || line.text().isBlank()) {
                        continue;
                    }
                    if (seq >= 0 && seq < query.from()) {
                        return new AuditPage(List.copyOf(found), scanned, false, null);
                    }
                    if (scanned >= query.scanLimit()) {
                        return new AuditPage(List.copyOf(found), scanned, true, oldestRead);
                    }
                    scanned++;
                    oldestRead = seq;
                    if (!query.mayMatch(line.text())) {
                        continue;
                    }
                    AuditEntry entry = parse(line.text(), segment);
                    if (query.matches(entry)) {
                        found.addFirst(entry);
                        if (found.size() == query.limit()) {
                            boolean more = seq > query.from() && (i > 0 || line.offset() > 0);
                            return new AuditPage(List.copyOf(found), scanned, more, more ? seq : null);
                        }
                    }
                }
            }
            catch (NoSuchFileException e) {
                // archived meanwhile: older entries are not here
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit log " + segment.file(), e);
            }
        }
        return new AuditPage(List.copyOf(found), scanned, false, null);
    }

    private AuditEntry parse(String line, AuditFiles.Segment segment)
    {
        try {
            return json.readValue(line, AuditEntry.class);
        }
        catch (IOException e) {
            throw new UncheckedIOException("a line of " + segment.file() + " is not an audit entry; verify the log", e);
        }
    }

    /** The offset of the first line with seq ≥ {@code before} (or the end of the lines): a binary search on the sorted seqs. */
    private static long endBefore(LineReader reader, long before) throws IOException
    {
        long low = 0;
        long high = reader.endOfLines();
        while (high - low > 64 * 1024) {
            long middle = (low + high) / 2;
            LineReader.Line cut = reader.lineAt(middle);
            LineReader.Line next = cut == null ? null : reader.lineAt(cut.end());
            if (next == null || next.offset() >= high) {
                break;
            }
            long seq = AuditFiles.seqOf(next.text());
            if (seq < 0) {
                break;
            }
            if (seq < before) {
                low = next.offset();
            }
            else {
                high = next.offset();
            }
        }
        return high;
    }

    /** Checks the hash chain: from the last checkpoint on ({@code full} false), or from the oldest segment present. */
    public Verification verify(boolean full)
    {
        flush();
        return verifier.verify(full, clock.instant());
    }

    /** Checks the whole hash chain (kept for callers of earlier versions). */
    public Verification verify()
    {
        return verify(true);
    }

    @Override
    public void close()
    {
        if (background != null) {
            // Not shutdownNow: an interrupt during a force or a read closes the channel it works on.
            background.shutdown();
            awaitQuietly(() -> background.awaitTermination(30, TimeUnit.SECONDS));
        }
        if (writer != null) {
            queue.add(STOP);
            awaitQuietly(() -> {
                writer.join(30_000);
                return true;
            });
        }
        List<AuditEntry> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.removeIf(entry -> entry == STOP);
        rest.addAll(anonymous.drainAll());
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                if (!rest.isEmpty()) {
                    appendAll(rest);
                }
            }
            finally {
                closed = true;
                try {
                    if (channel != null && channel.isOpen()) {
                        channel.force(false);
                        channel.close();
                    }
                    lockChannel.close();
                }
                catch (IOException e) {
                    LOG.error("cannot close the audit log in {}", folder, e);
                }
            }
        }
    }

    private interface Wait
    {
        boolean run() throws InterruptedException;
    }

    private static void awaitQuietly(Wait wait)
    {
        try {
            wait.run();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
