package vn.dancu.api.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} headers are believed. Without any,
 * the client is the address the connection comes from and a request is HTTPS only if it came in over TLS: a header
 * anyone can send never decides who the client is (rate limits, audit) or whether cookies are {@code Secure}.
 */
public final class TrustedProxies
{
    private record Network(byte[] address, int prefix)
    {
        boolean contains(byte[] candidate)
        {
            if (candidate.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (candidate[full] & mask) == (address[full] & mask);
        }
    }

    private final List<Network> networks;
    private final List<String> written;

    private TrustedProxies(List<Network> networks, List<String> written)
    {
        this.networks = List.copyOf(networks);
        this.written = List.copyOf(written);
    }

    public static TrustedProxies none()
    {
        return new TrustedProxies(List.of(), List.of());
    }

    /**
     * Parses addresses and networks ({@code 127.0.0.1}, {@code ::1}, {@code 10.0.0.0/8}); literal IP addresses only,
     * never host names. IllegalArgumentException naming the entry that is not one.
     */
    public static TrustedProxies parse(List<String> entries)
    {
        List<Network> networks = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split("/", -1);
            byte[] address = literal(parts[0]).orElseThrow(() -> new IllegalArgumentException("'" + entry
                    + "' is not an IP address or network (e.g. 127.0.0.1, ::1, 10.0.0.0/8)"));
            int prefix = address.length * 8;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                }
                catch (NumberFormatException e) {
                    prefix = -1;
                }
            }
            if (parts.length > 2 || prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("'" + entry + "' has no valid prefix length (0–" + address.length * 8 + ")");
            }
            networks.add(new Network(address, prefix));
            written.add(entry);
        }
        return new TrustedProxies(networks, written);
    }

    public List<String> entries()
    {
        return written;
    }

    public boolean isEmpty()
    {
        return networks.isEmpty();
    }

    public boolean trusts(String peer)
    {
        Optional<byte[]> address = literal(peer);
        return address.isPresent() && networks.stream().anyMatch(network -> network.contains(address.get()));
    }

    /**
     * The client: the connection's address, or, when that is a trusted proxy, the right-most address of
     * {@code X-Forwarded-For} that is not itself a trusted proxy (the left part of the header is whatever the client
     * sent, and proves nothing).
     */
    public String client(String peer, List<String> forwardedFor)
    {
        if (!trusts(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = unbracket(hops.get(i));
            if (literal(hop).isEmpty()) {
                return peer;
            }
            if (!trusts(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : unbracket(hops.get(0));
    }

    /** True when the request is HTTPS: it came in over TLS, or a trusted proxy says so ({@code X-Forwarded-Proto: https}). */
    public boolean secure(String peer, String scheme, String forwardedProto)
    {
        if ("https".equalsIgnoreCase(scheme)) {
            return true;
        }
        if (forwardedProto == null || !trusts(peer)) {
            return false;
        }
        String[] protocols = forwardedProto.split(",");
        return "https".equalsIgnoreCase(protocols[protocols.length - 1].strip());
    }

    /** The key a rate limit counts a client under: the address, or its /64 network for IPv6 (one household or office). */
    public static String rateKey(String client)
    {
        Optional<byte[]> address = literal(client);
        if (address.isEmpty() || address.get().length == 4) {
            return client;
        }
        byte[] bytes = address.get();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            key.append(Integer.toHexString((bytes[i] & 0xFF) << 8 | bytes[i + 1] & 0xFF)).append(':');
        }
        return key.append(":/64").toString();
    }

    private static String unbracket(String hop)
    {
        String value = hop;
        if (value.startsWith("[") && value.contains("]")) {
            return value.substring(1, value.indexOf(']'));
        }
        // an IPv4 address with a port (1.2.3.4:5678)
        if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0 && value.contains(".")) {
            return value.substring(0, value.indexOf(':'));
        }
        return value;
    }

    /** The bytes of a literal IPv4 or IPv6 address, without any name lookup; empty when it is not one. */
    static Optional<byte[]> literal(String text)
    {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        String value = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && java.util.Arrays.stream(value.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean ipv6 = value.contains(":") && value.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            // A literal address: InetAddress does no lookup for it.
            byte[] bytes = InetAddress.getByName(value).getAddress();
            if (bytes.length == 16 && isMappedIpv4(bytes)) {
                return Optional.of(java.util.Arrays.copyOfRange(bytes, 12, 16));
            }
            return Optional.of(bytes);
        }
        catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isMappedIpv4(byte[] bytes)
    {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }
}
