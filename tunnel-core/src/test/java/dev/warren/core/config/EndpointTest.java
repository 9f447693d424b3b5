package dev.warren.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1:51820            | 192.0.2.1                  | 51820 | [ok]192.0.2.1:51820",
        "VPN.Example.com:443        | vpn.example.com            | 443   | [ok]vpn.example.com:443",
        "[2001:DB8:0:0::1]:1        | 2001:db8::1                | 1     | [ok][2001:db8::1]:1",
        "[fe80::1%eth0]:51820       | fe80::1%eth0               | 51820 | [ok][fe80::1%eth0]:51820",
        "[fe80::1%2]:65535          | fe80::1%2                  | 65535 | [ok][fe80::1%2]:65535",
        "' host.example.:7 '        | host.example.              | 7     | [ok]host.example.:7",
    })
    void parsesToCanonicalForm(String text, String host, int port, String printed) {
        Endpoint e = Endpoint.parse(text);
        assertEquals(host, e.host());
        assertEquals(port, e.port());
        assertEquals(printed.substring(4), e.toString());
        assertEquals(e, Endpoint.parse(e.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", "host:", "host:0", "host:65536", "host:12a", "2001:db8::1:51820",
        "[2001:db8::1]", "[2001:db8::1]51820", "[2001:db8::1:51820", "[192.0.2.1]:1", "[fe80::1%]:1",
        "[fe80::1%a/b]:1", "bad host:1", "-bad.example:1", "a..b:1", "999.1.1.1:1", ":51820"})
    void rejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void literalsResolveWithoutDns() throws UnknownHostException {
        assertTrue(Endpoint.parse("192.0.2.1:5").isLiteral());
        assertTrue(Endpoint.parse("[::1]:5").isLiteral());
        assertFalse(Endpoint.parse("example.com:5").isLiteral());
        assertEquals(new InetSocketAddress(IpNetwork.parseLiteral("192.0.2.1"), 5), Endpoint.parse("192.0.2.1:5").resolve());
    }

    @Test
    void scopedLiteralResolvesToItsInterface() throws Exception {
        int lo = NetworkInterface.getByName("lo").getIndex();
        InetSocketAddress a = Endpoint.parse("[fe80::1%lo]:51820").resolve();
        assertEquals(lo, ((Inet6Address) a.getAddress()).getScopeId());
        assertEquals(51820, a.getPort());
        assertEquals(lo, ((Inet6Address) Endpoint.parse("[fe80::1%" + lo + "]:1").resolve().getAddress()).getScopeId());
        assertThrows(UnknownHostException.class, () -> Endpoint.parse("[fe80::1%nosuchif0]:1").resolve());
    }

    @Test
    void hostNamesResolveThroughTheSystemResolver() throws UnknownHostException {
        assertTrue(Endpoint.parse("localhost:9").resolve().getAddress().isLoopbackAddress());
    }
}
