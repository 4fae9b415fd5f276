package vn.dancu.api.sql;

import com.fasterxml.jackson.databind.JsonNode;
import vn.dancu.model.sql.SqlJson;
import vn.dancu.model.sql.SqlProtocol;
import vn.dancu.model.sql.StatementAnswer;
import vn.dancu.model.sql.StatementProgress;
import vn.dancu.model.sql.StatementRequest;
import vn.dancu.model.sql.ViewDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** The server's side of {@link SqlProtocol}: requests to one SQL engine process on 127.0.0.1, with its secret. */
final class SqlEngineClient
{
    private static final Duration SHORT = Duration.ofSeconds(10);
    /** The page asks for progress every half second: an engine too busy to answer in 2 s is answered "running". */
    private static final Duration PROGRESS = Duration.ofSeconds(2);

    private final HttpClient http;
    private final URI base;
    private final String authorization;

    SqlEngineClient(HttpClient http, int port, String secret)
    {
        this.http = requireNonNull(http, "http is null");
        this.base = URI.create("http://127.0.0.1:" + port);
        this.authorization = "Bearer " + requireNonNull(secret, "secret is null");
    }

    List<ViewDefinition> views()
    {
        return SqlJson.views(get(SqlProtocol.VIEWS));
    }

    /** The statement's answer, once the engine has one; fails when the engine's connection breaks (it ended). */
    CompletableFuture<StatementAnswer> execute(StatementRequest request)
    {
        HttpRequest post = request(SqlProtocol.STATEMENTS)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SqlJson.bytes(SqlJson.request(request))))
                .build();
        return http.sendAsync(post, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the SQL engine answered " + response.statusCode() + ": " + new String(response.body(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            return SqlJson.answer(SqlJson.read(response.body()));
        });
    }

    void cancel(String id)
    {
        http.sendAsync(request(SqlProtocol.cancel(id)).timeout(SHORT).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    Optional<StatementProgress> progress(String id)
    {
        return SqlJson.progress(get(SqlProtocol.progress(id), PROGRESS));
    }

    private JsonNode get(String path)
    {
        return get(path, SHORT);
    }

    private JsonNode get(String path, Duration timeout)
    {
        try {
            HttpResponse<byte[]> response = http.send(request(path).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the SQL engine answered " + response.statusCode() + " to " + path);
            }
            return SqlJson.read(response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException("the SQL engine does not answer: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the SQL engine", e);
        }
    }

    private HttpRequest.Builder request(String path)
    {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization);
    }
}
