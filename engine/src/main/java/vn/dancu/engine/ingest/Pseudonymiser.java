package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.unhex;

/**
 * Replaces identifiers by a keyed hash: the first 32 hex digits of HMAC-SHA-256(key, value) (RFC 2104), computed with
 * Spark's built-in {@code sha2} so that no UDF is needed: {@code H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m))}. The key never
 * leaves this object: only its padded forms are in the query plan, and nothing writes them out.
 */
public final class Pseudonymiser
{
    public static final int HEX_LENGTH = 32;
    private static final int BLOCK = 64;

    private final byte[] innerPad;
    private final byte[] outerPad;

    public Pseudonymiser(byte[] key)
    {
        requireNonNull(key, "key is null");
        if (key.length < 16) {
            throw new IllegalArgumentException("the pseudonymisation key must have at least 16 bytes, has " + key.length);
        }
        byte[] block = Arrays.copyOf(key.length > BLOCK ? sha256(key) : key, BLOCK);
        innerPad = new byte[BLOCK];
        outerPad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            innerPad[i] = (byte) (block[i] ^ 0x36);
            outerPad[i] = (byte) (block[i] ^ 0x5c);
        }
        Arrays.fill(block, (byte) 0);
    }

    /** The pseudonym of a string column; null stays null (every function here returns null for null). */
    public Column pseudonym(Column value)
    {
        Column inner = unhex(sha2(concat(lit(innerPad), value.cast("binary")), 256));
        Column outer = sha2(concat(lit(outerPad), inner), 256);
        return substring(outer, 1, HEX_LENGTH);
    }

    /** The same pseudonym computed in plain Java, for tests and for looking up one person. */
    public String pseudonym(String value)
    {
        byte[] inner = sha256(join(innerPad, value.getBytes(StandardCharsets.UTF_8)));
        byte[] outer = sha256(join(outerPad, inner));
        return java.util.HexFormat.of().formatHex(outer).substring(0, HEX_LENGTH);
    }

    /** A short public fingerprint of the key (the pseudonym of a fixed text), to tell snapshots made with different keys apart. */
    public String keyFingerprint()
    {
        return pseudonym("dancu key fingerprint").substring(0, 8);
    }

    private static byte[] join(byte[] a, byte[] b)
    {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static byte[] sha256(byte[] bytes)
    {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
