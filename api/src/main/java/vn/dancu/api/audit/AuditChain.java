package vn.dancu.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The hash of an audit line: SHA-256 over the previous entry's hash, a newline, and the line as written with an empty
 * {@code hash} (its last field). Checked on the raw text of the line, so lines written by older or newer versions of
 * dancu, with other fields, verify alike.
 */
final class AuditChain
{
    static final String EMPTY_HASH_SUFFIX = "\"hash\":\"\"}";
    private static final String HASH_FIELD = "\"hash\":\"";

    private AuditChain() {}

    static String hash(String previousHash, byte[] unhashedLine)
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

    /** The line as written, with the hash set: {@code unhashed} ends with {@code "hash":""}}. */
    static byte[] withHash(byte[] unhashed, String hash)
    {
        String text = new String(unhashed, 0, unhashed.length - EMPTY_HASH_SUFFIX.length(), StandardCharsets.UTF_8);
        return (text + HASH_FIELD + hash + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The hash a stored line claims, if the line ends with one. */
    static Optional<String> claimedHash(String line)
    {
        int field = line.lastIndexOf(HASH_FIELD);
        if (field < 0 || !line.endsWith("\"}") || line.length() - field - HASH_FIELD.length() - 2 != 64) {
            return Optional.empty();
        }
        return Optional.of(line.substring(field + HASH_FIELD.length(), line.length() - 2));
    }

    /** The hash the line's content gives after {@code previousHash}, computed from its raw text. */
    static String computedHash(String previousHash, String line)
    {
        int field = line.lastIndexOf(HASH_FIELD);
        String unhashed = line.substring(0, field) + EMPTY_HASH_SUFFIX;
        return hash(previousHash, unhashed.getBytes(StandardCharsets.UTF_8));
    }
}
