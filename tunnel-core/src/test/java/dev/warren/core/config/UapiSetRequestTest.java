package dev.warren.core.config;

import static dev.warren.core.config.WgQuickParserTest.PRIV;
import static dev.warren.core.config.WgQuickParserTest.PSK;
import static dev.warren.core.config.WgQuickParserTest.PUB1;
import static dev.warren.core.config.WgQuickParserTest.PUB2;
import static dev.warren.core.config.WgQuickParserTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class UapiSetRequestTest {

    private static final String CONFIG = """
            [Interface]
            PrivateKey = %s
            ListenPort = 51820
            FwMark = 0x10
            Address = 10.0.0.2/24
            DNS = 10.0.0.1
            MTU = 1380
            PostUp = echo not for the device

            [Peer]
            PublicKey = %s
            PresharedKey = %s
            AllowedIPs = 10.0.0.1/24, fd00::/64
            Endpoint = vpn.example.com:51820
            PersistentKeepalive = 25

            [Peer]
            PublicKey = %s
            Endpoint = [::1]:4500
            """.formatted(PRIV.toBase64(), PUB1, PSK, PUB2);

    private static String hex(Key.Kind kind, String base64) {
        return Key.fromBase64(kind, base64).toHex();
    }

    @Test
    void deviceKeysThenPeersWithTheirAllowedIps() {
        String request = UapiSetRequest.of(valid(CONFIG), e -> e.host().equals("vpn.example.com")
                ? new InetSocketAddress(IpNetwork.parseLiteral("192.0.2.7"), e.port())
                : new InetSocketAddress(IpNetwork.parseLiteral(e.host()), e.port()));
        assertEquals("set=1\n"
                + "private_key=" + PRIV.toHex() + "\n"
                + "listen_port=51820\n"
                + "fwmark=16\n"
                + "replace_peers=true\n"
                + "public_key=" + hex(Key.Kind.PUBLIC, PUB1) + "\n"
                + "preshared_key=" + hex(Key.Kind.PRESHARED, PSK) + "\n"
                + "endpoint=192.0.2.7:51820\n"
                + "persistent_keepalive_interval=25\n"
                + "replace_allowed_ips=true\n"
                + "allowed_ip=10.0.0.0/24\n"
                + "allowed_ip=fd00::/64\n"
                + "public_key=" + hex(Key.Kind.PUBLIC, PUB2) + "\n"
                + "endpoint=[::1]:4500\n"
                + "replace_allowed_ips=true\n"
                + "\n", request);
    }

    @Test
    void absentPortAndMarkAreSentAsZeroBecauseASetReplacesTheDevice() throws UnknownHostException {
        String request = UapiSetRequest.of(valid("[Interface]\nPrivateKey = " + PRIV.toBase64() + "\n"));
        assertEquals("set=1\nprivate_key=" + PRIV.toHex() + "\nlisten_port=0\nfwmark=0\nreplace_peers=true\n\n", request);
    }

    @Test
    void literalEndpointsNeedNoResolver() throws UnknownHostException {
        String request = UapiSetRequest.of(valid(CONFIG.replace("vpn.example.com", "198.51.100.1")));
        assertEquals(1, request.lines().filter("endpoint=198.51.100.1:51820"::equals).count(), request);
    }

    @Test
    void unresolvedEndpointIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UapiSetRequest.of(valid(CONFIG),
                e -> InetSocketAddress.createUnresolved(e.host(), e.port())));
    }
}
