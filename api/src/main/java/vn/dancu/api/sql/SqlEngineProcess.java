package vn.dancu.api.sql;

import vn.dancu.model.sql.SqlException;
import vn.dancu.model.sql.SqlProtocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Starts the SQL engine process, keeps it running and stops it with the server. The engine is another JVM with its own
 * heap, spoken to over loopback ({@link SqlEngineClient}); this class only knows the command that starts it (the
 * composition root, which knows the engine's class path and main class, hands it over) and the protocol's few rules
 * ({@link SqlProtocol}): the secret and the scratch folder go in the engine's environment, the engine prints a ready
 * line with its port, and ends when its standard input closes.
 *
 * <p>One supervisor thread starts an engine, waits until it is ready, waits until it ends, and starts the next: at
 * once after an engine that was serving (crashed, killed, out of memory), after a growing pause (1 s to 30 s) after
 * one that could not start. {@link #kill} ends an engine that cannot stop a statement; its scratch folder is deleted
 * after it ended, and its standard error is appended to the log file.
 */
public final class SqlEngineProcess implements AutoCloseable
{
    /**
     * How to start the engine.
     *
     * @param command      the command line (e.g. {@code nice -n 19 java -Xmx2g … vn.dancu.sql.SqlEngineMain --data DIR})
     * @param environment  added to the engine's environment (e.g. {@code CLASSPATH})
     * @param log          the engine's standard error and output are appended there
     * @param heap         the engine's heap, for messages ({@code 2g})
     * @param startTimeout how long an engine may take to become ready
     */
    public record Launch(List<String> command, Map<String, String> environment, Path log, String heap, Duration startTimeout)
    {
        public Launch
        {
            command = List.copyOf(requireNonNull(command, "command is null"));
            if (command.isEmpty()) {
                throw new IllegalArgumentException("command is empty");
            }
            environment = Map.copyOf(requireNonNull(environment, "environment is null"));
            requireNonNull(log, "log is null");
            requireNonNull(heap, "heap is null");
            requireNonNull(startTimeout, "startTimeout is null");
        }
    }

    /** One engine process, from its start to its end. */
    public static final class Engine
    {
        private final int number;
        private final Process process;
        private final Path scratch;
        private final CompletableFuture<Integer> port = new CompletableFuture<>();
        private volatile SqlEngineClient client;
        private volatile String killedBecause;
        private volatile String unavailable;

        private Engine(int number, Process process, Path scratch)
        {
            this.number = number;
            this.process = process;
            this.scratch = scratch;
        }

        /** 1 for the first engine of the server, 2 for the one started after it ended, … */
        public int number()
        {
            return number;
        }

        public long pid()
        {
            return process.pid();
        }

        public boolean alive()
        {
            return process.isAlive();
        }

        /** Alive, ready, and not being killed: statements may be sent to it. */
        boolean serving()
        {
            return client != null && killedBecause == null && process.isAlive();
        }

        SqlEngineClient client()
        {
            return client;
        }

        /**
         * Why this engine ended, to follow "the SQL engine": {@code ran out of memory (its heap is 2g)}; empty while it
         * runs.
         */
        Optional<String> endReason(String heap)
        {
            if (process.isAlive()) {
                return Optional.empty();
            }
            if (killedBecause != null) {
                return Optional.of(killedBecause);
            }
            int status = process.exitValue();
            if (status == 3) {
                return Optional.of("ran out of memory (its heap is " + heap + ")");
            }
            return Optional.of("ended (exit status " + status + ")");
        }

        /** Waits at most {@code timeout} for the process to end. */
        boolean awaitEnd(Duration timeout)
        {
            try {
                return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
    }

    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Launch launch;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private Thread supervisor;
    private Engine current;
    private boolean starting;
    private String lastFailure;
    private boolean closed;
    private int engines;

    public SqlEngineProcess(Launch launch, Clock clock)
    {
        this.launch = requireNonNull(launch, "launch is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Launch launch()
    {
        return launch;
    }

    /** Starts the first engine in the background, if not started yet; the server answers meanwhile. */
    public synchronized void start()
    {
        if (supervisor != null || closed) {
            return;
        }
        starting = true;
        supervisor = new Thread(this::supervise, "dancu-sql-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** True once an engine was started (and not closed). */
    public synchronized boolean started()
    {
        return supervisor != null && !closed;
    }

    /** The engine now serving, if one is. */
    public synchronized Optional<Engine> serving()
    {
        return current != null && current.serving() ? Optional.of(current) : Optional.empty();
    }

    /**
     * The serving engine, waiting for one to start (at most the launch's start timeout).
     *
     * @throws SqlException of category UNAVAILABLE when none can start
     */
    public Engine ready()
    {
        start();
        long deadline = System.nanoTime() + launch.startTimeout().toNanos();
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new SqlException(SqlException.Category.UNAVAILABLE, "the SQL engine is stopped: the server is shutting down");
                }
                if (current != null && current.serving()) {
                    return current;
                }
                if (!starting && lastFailure != null) {
                    throw new SqlException(SqlException.Category.UNAVAILABLE, lastFailure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SqlException(SqlException.Category.UNAVAILABLE, "the SQL engine did not become ready within "
                            + launch.startTimeout().toSeconds() + " s; see " + launch.log());
                }
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SqlException(SqlException.Category.UNAVAILABLE, "interrupted while waiting for the SQL engine");
                }
            }
        }
    }

    /**
     * Ends {@code engine} at once (its process tree, forcibly): it could not stop a statement. The supervisor then
     * starts the next one. The statements still running in it are told {@code reason}, which follows "the SQL
     * engine" ({@code was restarted to stop …}).
     */
    public void kill(Engine engine, String reason)
    {
        if (engine.killedBecause == null) {
            engine.killedBecause = reason;
        }
        engine.process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        engine.process.destroyForcibly();
    }

    private void supervise()
    {
        Duration pause = FIRST_PAUSE;
        while (true) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                starting = true;
                notifyAll();
            }
            Engine engine = null;
            String failure;
            try {
                engine = launchOne();
                failure = awaitReady(engine);
            }
            catch (IOException | RuntimeException e) {
                failure = "the SQL engine could not be started: " + e.getMessage();
            }
            if (failure == null) {
                synchronized (this) {
                    current = engine;
                    starting = false;
                    lastFailure = null;
                    notifyAll();
                }
                pause = FIRST_PAUSE;
                engine.awaitEnd(Duration.ofDays(3650));
                log("the SQL engine " + engine.number + " (pid " + engine.pid() + ") " + engine.endReason(launch.heap()).orElse("ended"));
                synchronized (this) {
                    current = null;
                    notifyAll();
                }
                deleteScratch(engine);
                continue;
            }
            if (engine != null) {
                kill(engine, "did not start");
                engine.awaitEnd(Duration.ofSeconds(10));
                deleteScratch(engine);
            }
            log(failure);
            synchronized (this) {
                starting = false;
                lastFailure = failure;
                notifyAll();
                if (closed) {
                    return;
                }
                try {
                    wait(pause.toMillis());
                }
                catch (InterruptedException e) {
                    return;
                }
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private Engine launchOne() throws IOException
    {
        Path scratch = Files.createTempDirectory("dancu-sql-engine-");
        ProcessBuilder builder = new ProcessBuilder(launch.command());
        builder.environment().putAll(launch.environment());
        String secret = HexFormat.of().formatHex(randomBytes());
        builder.environment().put(SqlProtocol.SECRET_ENVIRONMENT, secret);
        builder.environment().put(SqlProtocol.SCRATCH_ENVIRONMENT, scratch.toString());
        Files.createDirectories(launch.log().toAbsolutePath().getParent());
        builder.redirectError(ProcessBuilder.Redirect.appendTo(launch.log().toFile()));
        Process process;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            process = builder.start();
            engines++;
        }
        Engine engine = new Engine(engines, process, scratch);
        Thread reader = new Thread(() -> readOutput(engine, secret), "dancu-sql-engine-" + engine.number + "-output");
        reader.setDaemon(true);
        reader.start();
        return engine;
    }

    private static byte[] randomBytes()
    {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Reads the engine's standard output: its ready line, or why it cannot serve; the rest goes to the log. */
    private void readOutput(Engine engine, String secret)
    {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(engine.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(SqlProtocol.READY_LINE) && !engine.port.isDone()) {
                    int port = Integer.parseInt(line.substring(SqlProtocol.READY_LINE.length()).strip());
                    engine.client = new SqlEngineClient(http, port, secret);
                    engine.port.complete(port);
                    continue;
                }
                if (line.startsWith(SqlProtocol.UNAVAILABLE_LINE)) {
                    engine.unavailable = line.substring(SqlProtocol.UNAVAILABLE_LINE.length()).strip();
                }
                log("engine " + engine.number + ": " + line);
            }
        }
        catch (IOException | RuntimeException e) {
            // the process ended
        }
        engine.port.completeExceptionally(new IllegalStateException("the engine's output ended"));
    }

    /** Null when ready; otherwise why the engine could not start. */
    private String awaitReady(Engine engine)
    {
        try {
            engine.port.get(launch.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return null;
        }
        catch (TimeoutException e) {
            return "the SQL engine did not become ready within " + launch.startTimeout().toSeconds() + " s; see " + launch.log();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while starting the SQL engine";
        }
        catch (ExecutionException e) {
            engine.awaitEnd(Duration.ofSeconds(5));
            if (engine.unavailable != null) {
                return engine.unavailable;
            }
            return "the SQL engine could not start (it " + engine.endReason(launch.heap()).orElse("closed its output") + "); see " + launch.log();
        }
    }

    private void deleteScratch(Engine engine)
    {
        try (Stream<Path> paths = Files.walk(engine.scratch)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException | UncheckedIOException e) {
            log("cannot delete the SQL engine's scratch folder " + engine.scratch + ": " + e.getMessage());
        }
    }

    private synchronized void log(String line)
    {
        try {
            Files.writeString(launch.log(), clock.instant() + " dancu-sql-supervisor: " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            System.err.println("dancu: " + line);
        }
    }

    /** The process id of the serving engine, if one serves. */
    public OptionalLong pid()
    {
        return serving().map(engine -> OptionalLong.of(engine.pid())).orElse(OptionalLong.empty());
    }

    /** Stops the engine (closing its standard input ends it; forcibly after 10 s) and starts no other. */
    @Override
    public void close()
    {
        Engine engine;
        Thread thread;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            engine = current;
            thread = supervisor;
            notifyAll();
        }
        if (engine != null) {
            try (OutputStream in = engine.process.getOutputStream()) {
                in.flush();
            }
            catch (IOException e) {
                // already gone
            }
            if (!engine.awaitEnd(Duration.ofSeconds(10))) {
                kill(engine, "was stopped with the server");
                engine.awaitEnd(Duration.ofSeconds(10));
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(15_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
