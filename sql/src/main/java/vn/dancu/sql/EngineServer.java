package vn.dancu.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import vn.dancu.engine.sql.ReadOnlySql;
import vn.dancu.model.sql.SqlException;
import vn.dancu.model.sql.SqlJson;
import vn.dancu.model.sql.SqlProtocol;
import vn.dancu.model.sql.SqlResult;
import vn.dancu.model.sql.StatementAnswer;
import vn.dancu.model.sql.StatementRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The SQL engine's side of {@link SqlProtocol}: the JDK's HTTP server on 127.0.0.1, every request checked for the
 * shared secret, statements run by {@link ReadOnlySql} on the request's thread (one thread per running statement),
 * answers and messages passed through the {@link PathScrubber}.
 */
final class EngineServer implements AutoCloseable
{
    private static final Pattern STATEMENT_ACTION = Pattern.compile("/v1/statements/([A-Za-z0-9_-]{1,64})/(cancel|progress)");
    private static final int MAX_BODY = 1 << 20;
    private static final int MAX_THREADS = 64;

    private final ReadOnlySql sql;
    private final byte[] authorization;
    private final PathScrubber scrubber;
    private final HttpServer server;
    private final ExecutorService threads;

    EngineServer(ReadOnlySql sql, String secret, PathScrubber scrubber) throws IOException
    {
        this.sql = requireNonNull(sql, "sql is null");
        this.authorization = ("Bearer " + requireNonNull(secret, "secret is null")).getBytes(StandardCharsets.UTF_8);
        this.scrubber = requireNonNull(scrubber, "scrubber is null");
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(1, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "dancu-sql-request-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /** Starts serving; returns the port. */
    int start()
    {
        server.start();
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException
    {
        try (exchange) {
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            if (given == null || !MessageDigest.isEqual(authorization, given.getBytes(StandardCharsets.UTF_8))) {
                send(exchange, 401, SqlJson.mapper().createObjectNode().put("error", "unauthorized"));
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("GET") && path.equals(SqlProtocol.HEALTH)) {
                send(exchange, 200, SqlJson.mapper().createObjectNode().put("ready", true).put("views", sql.views().names().size()));
                return;
            }
            if (method.equals("GET") && path.equals(SqlProtocol.VIEWS)) {
                send(exchange, 200, SqlJson.views(sql.views().views()));
                return;
            }
            if (method.equals("POST") && path.equals(SqlProtocol.STATEMENTS)) {
                StatementRequest request;
                try {
                    request = SqlJson.request(SqlJson.read(body(exchange)));
                }
                catch (RuntimeException e) {
                    send(exchange, 400, SqlJson.mapper().createObjectNode().put("error", "bad statement request: " + e.getMessage()));
                    return;
                }
                send(exchange, 200, SqlJson.answer(run(request)));
                return;
            }
            Matcher action = STATEMENT_ACTION.matcher(path);
            if (action.matches() && method.equals("POST") && action.group(2).equals("cancel")) {
                boolean running = sql.running(action.group(1));
                sql.cancel(action.group(1));
                send(exchange, 200, SqlJson.mapper().createObjectNode().put("cancelled", running));
                return;
            }
            if (action.matches() && method.equals("GET") && action.group(2).equals("progress")) {
                send(exchange, 200, SqlJson.progress(sql.progress(action.group(1))));
                return;
            }
            send(exchange, 404, SqlJson.mapper().createObjectNode().put("error", method + " " + path + " is not part of the protocol"));
        }
        catch (RuntimeException e) {
            // an answer that cannot be written (the server stopped waiting) or a bug: the exchange is closed either way
            System.err.println("dancu-sql-engine: " + scrubber.message(String.valueOf(e)));
        }
    }

    /** Runs a statement; its answer says whether a stopped statement's work really ended. */
    StatementAnswer run(StatementRequest request)
    {
        try {
            SqlResult result = sql.execute(request.statement(), request.limits(), request.id());
            return StatementAnswer.of(scrubber.result(result));
        }
        catch (SqlException e) {
            // a stopped statement was given its grace already; a failed one may leave tasks of its job to end
            boolean stopped = e.category() == SqlException.Category.TIME_LIMIT || e.category() == SqlException.Category.CANCELLED;
            boolean idle = sql.awaitIdle(request.id(), stopped ? Duration.ZERO : ReadOnlySql.STOP_GRACE);
            // out of time behind tasks of earlier statements that never stopped: only a new engine frees the cores
            boolean blocked = e.category() == SqlException.Category.TIME_LIMIT && sql.orphanTasks(request.id()) > 0;
            return StatementAnswer.failed(e.category(), scrubber.message(e.getMessage()), idle && !blocked);
        }
        catch (RuntimeException e) {
            return StatementAnswer.failed(SqlException.Category.FAILED, scrubber.message("the statement failed: " + e.getMessage()),
                    sql.awaitIdle(request.id(), ReadOnlySql.STOP_GRACE));
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException
    {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IllegalArgumentException("the body is larger than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException
    {
        byte[] bytes = SqlJson.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().putAll(Map.of("Content-Type", java.util.List.of("application/json")));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
        threads.shutdownNow();
    }
}
