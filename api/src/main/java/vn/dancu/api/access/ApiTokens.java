package vn.dancu.api.access;

import org.jdbi.v3.core.Handle;
import vn.dancu.api.state.StateDatabase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * API tokens for scripts: {@code Authorization: Bearer dct_<id>_<secret>}. The server keeps only the SHA-256 of the
 * secret (a 256-bit random value needs no slow hash), in the state database (table {@code api_token}). A token acts
 * with its account's current role and scope, and expires (default 90 days).
 */
public final class ApiTokens
{
    /** The file that held the tokens before the state database (imported once, then renamed {@code .migrated}). */
    public static final String FILE_NAME = "tokens.json";
    public static final String PREFIX = "dct_";
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);

    private static final String SELECT = "SELECT token_id, username, token_name, secret_sha256, created_at, expires_at FROM api_token";

    private final StateDatabase database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** A stored token (never its secret). */
    public record Token(String id, String username, String name, String secretSha256, Instant createdAt, Instant expiresAt) {}

    /** A token just created: the only time its full text is known. */
    public record Issued(Token token, String text) {}

    public ApiTokens(StateDatabase database, Clock clock)
    {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Issued issue(String username, String name, Duration lifetime)
    {
        return issue(username, name, lifetime, Instant.MAX);
    }

    /**
     * A new token that expires after {@code lifetime}, and not after {@code notAfter} (a token that makes a token
     * passes its own expiry: a token cannot make one that outlives it).
     */
    public Issued issue(String username, String name, Duration lifetime, Instant notAfter)
    {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("a token lives from 1 day to 366 days");
        }
        if (clock.instant().plus(lifetime).isAfter(notAfter)) {
            throw new IllegalArgumentException("the token would expire after " + notAfter + ", the expiry of the token that asks for it");
        }
        byte[] idBytes = new byte[6];
        byte[] secretBytes = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Instant now = clock.instant();
        Token token = new Token(id, username, name == null || name.isBlank() ? "token" : name.strip(), sha256(secret), now, now.plus(lifetime));
        database.inTransaction(handle -> {
            insert(handle, token);
            return null;
        });
        return new Issued(token, PREFIX + id + "_" + secret);
    }

    /** The live token this text names, or empty when malformed, unknown, wrong or expired. */
    public Optional<Token> verify(String text)
    {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = text.substring(PREFIX.length());
        int separator = rest.indexOf('_');
        if (separator <= 0 || separator > 32) {
            return Optional.empty();
        }
        String id = rest.substring(0, separator);
        Optional<Token> stored = database.withHandle(handle -> read(handle, SELECT + " WHERE token_id = :id", Map.of("id", id)).stream().findFirst());
        if (stored.isEmpty() || clock.instant().isAfter(stored.get().expiresAt())) {
            return Optional.empty();
        }
        byte[] expected = stored.get().secretSha256().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = sha256(rest.substring(separator + 1)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) ? stored : Optional.empty();
    }

    public List<Token> of(String username)
    {
        return database.withHandle(handle -> read(handle, SELECT + " WHERE username = :username ORDER BY created_at, token_id", Map.of("username", username)));
    }

    public List<Token> all()
    {
        return database.withHandle(handle -> read(handle, SELECT + " ORDER BY created_at, token_id", Map.of()));
    }

    public boolean revoke(String id)
    {
        return database.inTransaction(handle -> handle.createUpdate("DELETE FROM api_token WHERE token_id = :id").bind("id", id).execute() > 0);
    }

    public void revokeAll(String username)
    {
        database.inTransaction(handle -> deleteOf(handle, username));
    }

    /** Deletes an account's tokens on a handle in a transaction (a change of its credentials, its deletion). */
    static int deleteOf(Handle handle, String username)
    {
        return handle.createUpdate("DELETE FROM api_token WHERE username = :username").bind("username", username).execute();
    }

    /** Writes a token on a handle in a transaction: issue and the import of old files. */
    public static void insert(Handle handle, Token token)
    {
        handle.createUpdate("INSERT INTO api_token (token_id, username, token_name, secret_sha256, created_at, expires_at)"
                        + " VALUES (:id, :username, :name, :secret, :created, :expires)")
                .bind("id", token.id())
                .bind("username", token.username())
                .bind("name", token.name())
                .bind("secret", token.secretSha256())
                .bind("created", StateDatabase.text(token.createdAt()))
                .bind("expires", StateDatabase.text(token.expiresAt()))
                .execute();
    }

    private static List<Token> read(Handle handle, String sql, Map<String, Object> arguments)
    {
        return handle.createQuery(sql).bindMap(arguments)
                .map((result, context) -> new Token(result.getString("token_id"), result.getString("username"), result.getString("token_name"),
                        result.getString("secret_sha256"), StateDatabase.instant(result.getString("created_at")), StateDatabase.instant(result.getString("expires_at"))))
                .list();
    }

    private static String sha256(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
