package vn.dancu.api.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import vn.dancu.model.cube.CubeCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * API tokens for scripts: {@code Authorization: Bearer dct_<id>_<secret>}. The server keeps only the SHA-256 of the
 * secret (a 256-bit random value needs no slow hash), in {@code DATA/server/tokens.json}. A token acts with its
 * account's current role and scope, and expires (default 90 days).
 */
public final class ApiTokens
{
    public static final String FILE_NAME = "tokens.json";
    public static final String PREFIX = "dct_";
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);

    private final Path file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = CubeCatalog.json().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, Token> tokens = new LinkedHashMap<>();

    /** A stored token (never its secret). */
    public record Token(String id, String username, String name, String secretSha256, Instant createdAt, Instant expiresAt) {}

    /** A token just created: the only time its full text is known. */
    public record Issued(Token token, String text) {}

    record Tokens(List<Token> tokens) {}

    public ApiTokens(Path serverFolder, Clock clock)
    {
        this.file = requireNonNull(serverFolder, "serverFolder is null").resolve(FILE_NAME);
        this.clock = requireNonNull(clock, "clock is null");
        if (Files.exists(file)) {
            try {
                ServerFiles.ownerOnly(file);
                for (Token token : json.readValue(file.toFile(), Tokens.class).tokens()) {
                    tokens.put(token.id(), token);
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read the tokens file " + file, e);
            }
        }
    }

    public synchronized Issued issue(String username, String name, Duration lifetime)
    {
        return issue(username, name, lifetime, Instant.MAX);
    }

    /**
     * A new token that expires after {@code lifetime}, and not after {@code notAfter} (a token that makes a token
     * passes its own expiry: a token cannot make one that outlives it).
     */
    public synchronized Issued issue(String username, String name, Duration lifetime, Instant notAfter)
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
        tokens.put(id, token);
        save();
        return new Issued(token, PREFIX + id + "_" + secret);
    }

    /** The live token this text names, or empty when malformed, unknown, wrong or expired. */
    public synchronized Optional<Token> verify(String text)
    {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = text.substring(PREFIX.length());
        int separator = rest.indexOf('_');
        if (separator <= 0) {
            return Optional.empty();
        }
        Token token = tokens.get(rest.substring(0, separator));
        if (token == null || clock.instant().isAfter(token.expiresAt())) {
            return Optional.empty();
        }
        byte[] expected = token.secretSha256().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = sha256(rest.substring(separator + 1)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) ? Optional.of(token) : Optional.empty();
    }

    public synchronized List<Token> of(String username)
    {
        return tokens.values().stream().filter(token -> token.username().equals(username)).toList();
    }

    public synchronized List<Token> all()
    {
        return new ArrayList<>(tokens.values());
    }

    public synchronized boolean revoke(String id)
    {
        boolean removed = tokens.remove(id) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    public synchronized void revokeAll(String username)
    {
        if (tokens.values().removeIf(token -> token.username().equals(username))) {
            save();
        }
    }

    private void save()
    {
        try {
            ServerFiles.ownerOnlyFolder(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            ServerFiles.ownerOnly(temporary);
            json.writeValue(temporary.toFile(), new Tokens(new ArrayList<>(tokens.values())));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the tokens file " + file, e);
        }
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
