package vn.dancu.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Responses already computed, by request (cube version, settings revision, role and scope, path and parameters):
 * the bytes sent and their ETag. A new cube version or a settings change makes new keys; entries of an older version
 * are dropped when a newer one is seen. Bounded by total bytes, least recently used first out.
 */
public final class ResponseCache
{
    /**
     * A response ready to send.
     *
     * @param cells values in it, for the audit log
     */
    public record Entry(byte[] body, byte[] gzip, String contentType, String etag, String cube, long cells, String fileName)
    {
        /** Responses of at least this many bytes are also kept gzipped, so that a cached answer is compressed once. */
        public static final int GZIP_FROM = 1024;

        public static Entry of(byte[] body, String contentType, String version, String cube, long cells, String fileName)
        {
            return new Entry(body, body.length >= GZIP_FROM ? ResponseCache.gzip(body) : null, contentType,
                    "\"" + version + "-" + sha256(body).substring(0, 20) + "\"", cube, cells, fileName);
        }

        long bytes()
        {
            return body.length + (gzip == null ? 0 : gzip.length);
        }
    }

    static byte[] gzip(byte[] body)
    {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length / 4 + 64);
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(body);
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private final long maxBytes;
    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;
    private String version;

    public ResponseCache(long maxBytes)
    {
        this.maxBytes = maxBytes;
    }

    public Entry get(String version, String key, Supplier<Entry> compute)
    {
        synchronized (this) {
            if (!version.equals(this.version)) {
                entries.clear();
                bytes = 0;
                this.version = version;
            }
            Entry cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Entry computed = compute.get();
        synchronized (this) {
            if (version.equals(this.version) && computed.bytes() <= maxBytes / 4 && entries.putIfAbsent(key, computed) == null) {
                bytes += computed.bytes();
                Iterator<Entry> eldest = entries.values().iterator();
                while (bytes > maxBytes && eldest.hasNext()) {
                    Entry removed = eldest.next();
                    bytes -= removed.bytes();
                    eldest.remove();
                }
            }
        }
        return computed;
    }

    public synchronized int size()
    {
        return entries.size();
    }

    public synchronized void clear()
    {
        entries.clear();
        bytes = 0;
    }

    static String sha256(byte[] body)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
