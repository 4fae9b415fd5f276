package vn.dancu.api.subscription;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Checks the published version pointer every {@code every} (default 60 s; {@code ./dancu serve --delivery-check}) on
 * a thread of its own, and hands each version it sees to {@code onVersion} — the first one at start (deliveries a
 * stopped server missed are made then), then each new one; again at the next check while {@code onVersion} answers
 * false (some work could not be done). Stopped with the server.
 */
public final class CubeVersionWatcher
        implements AutoCloseable
{
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(CubeVersionWatcher.class);

    private final Supplier<String> version;
    private final Predicate<String> onVersion;
    private final Duration every;
    private ScheduledExecutorService executor;
    private String seen;

    public CubeVersionWatcher(Supplier<String> version, Predicate<String> onVersion, Duration every)
    {
        this.version = requireNonNull(version, "version is null");
        this.onVersion = requireNonNull(onVersion, "onVersion is null");
        this.every = requireNonNull(every, "every is null");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the check interval must be positive, was " + every);
        }
    }

    public synchronized void start()
    {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "dancu-version-watcher");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One check: hands the current version on when it is not the one seen last. */
    void check()
    {
        try {
            String current = version.get();
            if (!current.equals(seen) && onVersion.test(current)) {
                seen = current;
            }
        }
        catch (RuntimeException e) {
            LOG.error("checking the published cube version for deliveries failed; trying again in {} s", every.toSeconds(), e);
        }
    }

    @Override
    public synchronized void close()
    {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the delivery of subscriptions did not stop within 30 s");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
