package vn.dancu.api.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedProxiesTest
{
    private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("127.0.0.1", "10.0.0.0/8", "::1", "fd00:1::/32"));

    @Test
    void theClientIsTheRightMostAddressThatIsNotATrustedProxy()
    {
        assertEquals("198.51.100.7", PROXIES.client("127.0.0.1", List.of("198.51.100.7")));
        assertEquals("198.51.100.7", PROXIES.client("127.0.0.1", List.of("203.0.113.66, 198.51.100.7")));
        assertEquals("198.51.100.7", PROXIES.client("127.0.0.1", List.of("198.51.100.7, 10.1.2.3")), "an inner proxy is skipped");
        assertEquals("198.51.100.7", PROXIES.client("::1", List.of("203.0.113.66", "198.51.100.7:52344")), "a port is dropped");
        assertEquals("2001:db8::5", PROXIES.client("127.0.0.1", List.of("[2001:db8::5]:443")));
        assertEquals("127.0.0.1", PROXIES.client("127.0.0.1", List.of("gibberish")), "a hop that is not an address ends the search");
        assertEquals("10.9.9.9", PROXIES.client("127.0.0.1", List.of("10.9.9.9")), "only trusted hops: the first");
        assertEquals("203.0.113.5", PROXIES.client("203.0.113.5", List.of("198.51.100.7")), "a client that is not a proxy decides nothing");
        assertEquals("127.0.0.1", PROXIES.client("127.0.0.1", List.of()));
        assertEquals("198.51.100.7", TrustedProxies.none().client("198.51.100.7", List.of("1.2.3.4")));
    }

    @Test
    void httpsComesFromTlsOrFromATrustedProxy()
    {
        assertTrue(PROXIES.secure("127.0.0.1", "http", "https"));
        assertTrue(PROXIES.secure("10.20.30.40", "http", "http, https"), "the last proxy's word counts");
        assertFalse(PROXIES.secure("203.0.113.5", "http", "https"));
        assertFalse(PROXIES.secure("127.0.0.1", "http", null));
        assertTrue(TrustedProxies.none().secure("203.0.113.5", "https", null));
        assertTrue(PROXIES.trusts("fd00:1:ffff::1"));
        assertFalse(PROXIES.trusts("fd00:2::1"));
        assertTrue(PROXIES.trusts("::ffff:127.0.0.1"), "an IPv4-mapped address is its IPv4 address");
    }

    @Test
    void onlyLiteralAddressesAndNetworksAreAccepted()
    {
        for (String bad : List.of("proxy.example.org", "10.0.0.0/33", "1.2.3.999", "10.0.0.0/x", "::1/129")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of(bad)), bad);
            assertTrue(error.getMessage().startsWith("'" + bad + "'"), error.getMessage());
        }
        assertFalse(PROXIES.trusts("localhost"), "a name is never looked up");
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64()
    {
        assertEquals(TrustedProxies.rateKey("2001:db8:1:2::1"), TrustedProxies.rateKey("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertFalse(TrustedProxies.rateKey("2001:db8:1:2::1").equals(TrustedProxies.rateKey("2001:db8:1:3::1")));
        assertEquals("198.51.100.7", TrustedProxies.rateKey("198.51.100.7"));
    }
}
