package dev.warren.core.uapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UapiSessionTest {

    // RFC 7748 section 6.1 Alice's private key, clamped; the other keys are arbitrary distinct patterns.
    static final String PRIV = "70076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c6a";
    static final String PUB_A = "a1".repeat(32);
    static final String PUB_B = "b2".repeat(32);
    static final String PSK = "c3".repeat(32);
    static final String ZERO = "0".repeat(64);

    private final FakeUapiBackend backend = new FakeUapiBackend();

    private String session(String request) throws IOException {
        return session(new ByteArrayInputStream(request.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private String session(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UapiSession(backend, in, out).serve();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static Key pub(String hex) {
        return Key.fromHex(Key.Kind.PUBLIC, hex);
    }

    @Test
    void getOfAnEmptyDevice() throws IOException {
        assertEquals("errno=0\n\n", session("get=1\n\n"));
    }

    @Test
    void setThenGetGivesWireguardGoBytes() throws IOException {
        String set = "set=1\n"
                + "private_key=" + PRIV + "\n"
                + "listen_port=51820\n"
                + "fwmark=4294967295\n"
                + "replace_peers=true\n"
                + "public_key=" + PUB_A + "\n"
                + "preshared_key=" + PSK + "\n"
                + "endpoint=192.0.2.1:51820\n"
                + "persistent_keepalive_interval=25\n"
                + "replace_allowed_ips=true\n"
                + "allowed_ip=10.0.0.77/24\n"
                + "allowed_ip=fd00::1/128\n"
                + "public_key=" + PUB_B + "\n"
                + "endpoint=[2001:db8::1]:4500\n"
                + "allowed_ip=0.0.0.0/0\n"
                + "\n";
        assertEquals("errno=0\n\n", session(set));
        FakeUapiBackend.Peer b = backend.peer(pub(PUB_B));
        b.handshakeSec = 1_700_000_000L;
        b.handshakeNsec = 123_456_789;
        b.rx = -1L;
        b.tx = 42;
        String expected = "private_key=" + PRIV + "\n"
                + "listen_port=51820\n"
                + "fwmark=4294967295\n"
                + "public_key=" + PUB_A + "\n"
                + "preshared_key=" + PSK + "\n"
                + "protocol_version=1\n"
                + "endpoint=192.0.2.1:51820\n"
                + "last_handshake_time_sec=0\n"
                + "last_handshake_time_nsec=0\n"
                + "tx_bytes=0\n"
                + "rx_bytes=0\n"
                + "persistent_keepalive_interval=25\n"
                + "allowed_ip=10.0.0.0/24\n"
                + "allowed_ip=fd00::1/128\n"
                + "public_key=" + PUB_B + "\n"
                + "preshared_key=" + ZERO + "\n"
                + "protocol_version=1\n"
                + "endpoint=[2001:db8::1]:4500\n"
                + "last_handshake_time_sec=1700000000\n"
                + "last_handshake_time_nsec=123456789\n"
                + "tx_bytes=42\n"
                + "rx_bytes=18446744073709551615\n"
                + "persistent_keepalive_interval=0\n"
                + "allowed_ip=0.0.0.0/0\n"
                + "errno=0\n\n";
        assertEquals(expected, session("get=1\n\n"));
    }

    @Test
    void severalOperationsOnOneConnectionSplitIntoTinyReads() throws IOException {
        String request = "get=1\n\nset=1\nlisten_port=1\n\nset=1\nlisten_port=x\n\nset=1\nfwmark=7\n\nget=1\n\n";
        String reply = session(new TricklingStream(request.getBytes(StandardCharsets.US_ASCII), new Random(3)));
        assertEquals("errno=0\n\nerrno=0\n\nerrno=-22\n\nerrno=0\n\nlisten_port=1\nfwmark=7\nerrno=0\n\n", reply);
    }

    @Test
    void thousandPeerSetconfRoundTripsThroughGet() throws IOException {
        Random rnd = new Random(1000);
        StringBuilder set = new StringBuilder("set=1\nprivate_key=" + PRIV + "\nlisten_port=40000\nreplace_peers=true\n");
        StringBuilder expected = new StringBuilder("private_key=" + PRIV + "\nlisten_port=40000\n");
        for (int i = 0; i < 1000; i++) {
            byte[] k = new byte[32];
            rnd.nextBytes(k);
            String hex = Key.of(Key.Kind.PUBLIC, k).toHex();
            String endpoint = i % 2 == 0 ? "198.51.100." + (i % 250) + ":" + (1024 + i) : "[2001:db8::" + Integer.toHexString(i) + "]:" + (1024 + i);
            String v4 = "10." + (i >> 8) + "." + (i & 255) + ".0/24";
            String v6 = "fd00:" + Integer.toHexString(i + 1) + "::/64";
            set.append("public_key=").append(hex).append('\n')
                    .append("endpoint=").append(endpoint).append('\n')
                    .append("persistent_keepalive_interval=").append(i % 60).append('\n')
                    .append("replace_allowed_ips=true\n")
                    .append("allowed_ip=").append(v4).append('\n')
                    .append("allowed_ip=").append(v6).append('\n');
            expected.append("public_key=").append(hex).append('\n')
                    .append("preshared_key=").append(ZERO).append('\n')
                    .append("protocol_version=1\n")
                    .append("endpoint=").append(endpoint).append('\n')
                    .append("last_handshake_time_sec=0\nlast_handshake_time_nsec=0\ntx_bytes=0\nrx_bytes=0\n")
                    .append("persistent_keepalive_interval=").append(i % 60).append('\n')
                    .append("allowed_ip=").append(v4).append('\n')
                    .append("allowed_ip=").append(v6).append('\n');
        }
        set.append('\n');
        assertTrue(set.length() > 200_000, "far larger than any read buffer");
        assertEquals("errno=0\n\n", session(new TricklingStream(set.toString().getBytes(StandardCharsets.US_ASCII), new Random(5))));
        assertEquals(1000, backend.get().peers().size());
        assertEquals(expected + "errno=0\n\n", session("get=1\n\n"));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("no equals sign", "listen_port\n", 71),
                Arguments.of("unknown device key", "listen-port=1\n", 22),
                Arguments.of("unknown peer key", "public_key=" + PUB_A + "\nfoo=bar\n", 22),
                Arguments.of("bad hex public key", "public_key=" + "zz".repeat(32) + "\n", 22),
                Arguments.of("short private key", "private_key=abcd\n", 22),
                Arguments.of("empty private key", "private_key=\n", 22),
                Arguments.of("port too big", "listen_port=65536\n", 22),
                Arguments.of("negative port", "listen_port=-1\n", 22),
                Arguments.of("port with space", "listen_port= 1\n", 22),
                Arguments.of("fwmark too big", "fwmark=4294967296\n", 22),
                Arguments.of("allowed_ip before public_key", "allowed_ip=10.0.0.0/8\n", 22),
                Arguments.of("device key after public_key", "public_key=" + PUB_A + "\nlisten_port=1\n", 22),
                Arguments.of("allowed ip without prefix", "public_key=" + PUB_A + "\nallowed_ip=10.0.0.1\n", 22),
                Arguments.of("allowed ip prefix too long", "public_key=" + PUB_A + "\nallowed_ip=10.0.0.1/33\n", 22),
                Arguments.of("allowed ip hostname", "public_key=" + PUB_A + "\nallowed_ip=example.com/32\n", 22),
                Arguments.of("endpoint hostname", "public_key=" + PUB_A + "\nendpoint=example.com:1\n", 22),
                Arguments.of("endpoint v6 without brackets", "public_key=" + PUB_A + "\nendpoint=fd00::1:51820\n", 22),
                Arguments.of("endpoint bad port", "public_key=" + PUB_A + "\nendpoint=1.2.3.4:70000\n", 22),
                Arguments.of("endpoint without port", "public_key=" + PUB_A + "\nendpoint=1.2.3.4\n", 22),
                Arguments.of("endpoint octet with leading zero", "public_key=" + PUB_A + "\nendpoint=01.2.3.4:5\n", 22),
                Arguments.of("endpoint zone of no interface", "public_key=" + PUB_A + "\nendpoint=[fe80::1%nosuch9]:5\n", 22),
                Arguments.of("endpoint IPv4 in brackets", "public_key=" + PUB_A + "\nendpoint=[1.2.3.4]:5\n", 22),
                Arguments.of("allowed ip octet with leading zero", "public_key=" + PUB_A + "\nallowed_ip=10.0.0.01/32\n", 22),
                Arguments.of("allowed ip with zone", "public_key=" + PUB_A + "\nallowed_ip=fe80::1%1/128\n", 22),
                Arguments.of("allowed ip with space", "public_key=" + PUB_A + "\nallowed_ip= 10.0.0.0/8\n", 22),
                Arguments.of("allowed ip negative length", "public_key=" + PUB_A + "\nallowed_ip=10.0.0.0/-8\n", 22),
                Arguments.of("allowed ip v4-mapped", "public_key=" + PUB_A + "\nallowed_ip=::ffff:1.2.3.4/128\n", 22),
                Arguments.of("port with plus sign", "listen_port=+5\n", 22),
                Arguments.of("keepalive too big", "public_key=" + PUB_A + "\npersistent_keepalive_interval=65536\n", 22),
                Arguments.of("remove not true", "public_key=" + PUB_A + "\nremove=false\n", 22),
                Arguments.of("replace_peers not true", "replace_peers=1\n", 22),
                Arguments.of("protocol version 2", "public_key=" + PUB_A + "\nprotocol_version=2\n", 22),
                Arguments.of("protocol version in device section", "protocol_version=1\n", 22),
                Arguments.of("bad psk", "public_key=" + PUB_A + "\npreshared_key=" + PSK.substring(2) + "\n", 22),
                Arguments.of("line too long", "public_key=" + PUB_A + "\nallowed_ip=" + "1".repeat(5000) + "\n", 22),
                Arguments.of("error late in a big request",
                        "public_key=" + PUB_A + "\n" + "allowed_ip=10.1.0.0/16\n".repeat(500) + "public_key=" + PUB_B
                                + "\nallowed_ip=10.1.0.0/99\n", 22));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedRequestGivesWireguardGoErrnoAndChangesNothing(String name, String body, int errno) throws IOException {
        session("set=1\nprivate_key=" + PRIV + "\npublic_key=" + PUB_B + "\nallowed_ip=192.168.0.0/16\n\n");
        DeviceState before = backend.get();
        int updatesBefore = backend.received().size();
        // The connection stays usable: the get after the failed set still answers.
        String reply = session("set=1\nlisten_port=999\n" + body + "\nget=1\n\n");
        assertTrue(reply.startsWith("errno=-" + errno + "\n\n"), name + ": " + reply);
        assertEquals(updatesBefore, backend.received().size(), name + ": the backend must not be called");
        assertEquals(before, backend.get(), name);
        assertTrue(reply.endsWith("allowed_ip=192.168.0.0/16\nerrno=0\n\n"), name + ": " + reply);
    }

    @Test
    void errorMessagesNeverContainKeyMaterial() {
        SetRequestParser p = new SetRequestParser();
        String almostKey = PRIV.substring(0, 63) + "x";
        try {
            p.line("private_key=" + almostKey);
        } catch (UapiException e) {
            assertEquals(22, e.errno());
            assertFalse(e.getMessage().contains(PRIV.substring(0, 16)), e.getMessage());
            assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("private_key"), e.getMessage());
            return;
        }
        throw new AssertionError("a bad private key was accepted");
    }

    @Test
    void privateKeyIsReportedClampedAsWireguardGoDoes() throws IOException {
        session("set=1\nprivate_key=77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a\n\n");
        assertEquals("private_key=" + PRIV + "\nerrno=0\n\n", session("get=1\n\n"));
    }

    @Test
    void backendFailureIsReportedAndLeavesTheDeviceUnchanged() throws IOException {
        backend.failNextSet(new UapiException(UapiException.EADDRINUSE, "port 51820 is in use"));
        assertEquals("errno=-98\n\nerrno=0\n\n", session("set=1\nlisten_port=51820\n\nget=1\n\n"));
        assertEquals(0, backend.get().listenPort());
    }

    @Test
    void zeroPrivateKeyRemovesItAndZeroPresharedKeyMeansNone() throws IOException {
        session("set=1\nprivate_key=" + PRIV + "\npublic_key=" + PUB_A + "\npreshared_key=" + PSK + "\n\n");
        session("set=1\nprivate_key=" + ZERO + "\npublic_key=" + PUB_A + "\npreshared_key=" + ZERO + "\n\n");
        DeviceUpdate last = backend.received().getLast();
        assertTrue(last.removePrivateKey());
        assertTrue(last.privateKey().isEmpty());
        DeviceState s = backend.get();
        assertNull(s.privateKey());
        assertNull(s.peers().getFirst().presharedKey());
    }

    @Test
    void peerSectionsKeepWireguardGoSemantics() throws IOException {
        String ownPublic = Key.fromHex(Key.Kind.PRIVATE, PRIV).publicKey().toHex();
        assertEquals("errno=0\n\n", session("set=1\nprivate_key=" + PRIV + "\n"
                + "public_key=" + ownPublic + "\nallowed_ip=10.9.0.0/16\n"     // the device itself: ignored
                + "public_key=" + PUB_A + "\nallowed_ip=10.0.0.0/8\nallowed_ip=10.1.0.0/16\n"
                + "public_key=" + PUB_B + "\nupdate_only=true\nallowed_ip=10.2.0.0/16\n\n"));
        assertEquals(List.of(pub(PUB_A)), backend.get().peers().stream().map(PeerState::publicKey).toList());
        assertEquals("errno=0\n\n", session("set=1\npublic_key=" + ownPublic + "\n\n"));
        assertEquals(1, backend.get().peers().size(), "still ignored when the private key is not in the request");
        assertEquals("errno=0\n\n", session("set=1\n"
                + "public_key=" + PUB_B + "\nallowed_ip=10.1.0.0/16\n"         // moves the prefix from A to B
                + "public_key=" + PUB_A + "\nallowed_ip=192.168.0.0/16\nreplace_allowed_ips=true\n"
                + "allowed_ip=172.16.0.0/12\nallowed_ip=-172.16.0.0/12\nallowed_ip=10.0.0.1/8\n\n"));
        DeviceState s = backend.get();
        assertEquals(List.of(IpNetwork.parse("10.0.0.0/8")), s.peers().get(0).allowedIps());
        assertEquals(List.of(IpNetwork.parse("10.1.0.0/16")), s.peers().get(1).allowedIps());
        assertEquals("errno=0\n\n", session("set=1\npublic_key=" + PUB_A + "\nendpoint=1.2.3.4:5\nremove=true\n"
                + "allowed_ip=10.5.0.0/16\n\n"));
        assertEquals(PeerUpdate.removal(pub(PUB_A)), backend.received().getLast().peers().getFirst());
        assertEquals(List.of(pub(PUB_B)), backend.get().peers().stream().map(PeerState::publicKey).toList());
    }

    @Test
    void requestEndingAtALineBoundaryIsAppliedButOneCutMidLineIsNot() throws IOException {
        assertEquals("errno=0\n\n", session("set=1\nlisten_port=7\n"));
        assertEquals(7, backend.get().listenPort());
        assertEquals("errno=-71\n\n", session("set=1\nlisten_port=8\nfwmark=1"));
        assertEquals(7, backend.get().listenPort());
        assertEquals(0, backend.get().fwmark());
    }

    @Test
    void unknownOperationOrGetWithTrailingDataIsRefused() throws IOException {
        assertEquals("", session("get=2\n\nget=1\n\n"), "an unknown operation closes the connection");
        assertEquals("errno=-22\n\nerrno=0\n\n", session("get=1\nx\nget=1\n\n"));
        assertEquals("", session("get=1\n"), "a client that leaves early gets nothing");
    }

    @Test
    void windowsLineEndingsInsideASetAreTolerated() throws IOException {
        assertEquals("errno=0\n\n", session("set=1\nlisten_port=9\r\n\r\n"));
        assertEquals(9, backend.get().listenPort());
    }

    @Test
    void valuesGoAcceptsAreAccepted() throws IOException {
        assertEquals("errno=0\n\n", session("set=1\nlisten_port=0005\npublic_key=" + PUB_A.toUpperCase()
                + "\nendpoint=[fe80::1%1]:5\nallowed_ip=::1/0128\nallowed_ip=10.0.0.0/032\n\n"));
        PeerState p = backend.get().peers().getFirst();
        assertEquals(pub(PUB_A), p.publicKey());
        assertEquals(5, backend.get().listenPort());
        assertEquals(List.of(IpNetwork.parse("::1/128"), IpNetwork.parse("10.0.0.0/32")), p.allowedIps());
        assertTrue(session("get=1\n\n").contains("\nendpoint=[fe80::1]:5\n"), "printed without the zone, as wireguard-go does");
    }

    @Test
    void endpointsFormatAsWgPrintsThem() {
        assertEquals("192.0.2.1:51820", UapiSyntax.formatEndpoint(new InetSocketAddress(IpNetwork.parseLiteral("192.0.2.1"), 51820)));
        assertEquals("[fd00::1]:0", UapiSyntax.formatEndpoint(new InetSocketAddress(IpNetwork.parseLiteral("fd00:0::1"), 0)));
        assertEquals(new InetSocketAddress(IpNetwork.parseLiteral("fd00::1"), 65535), UapiSyntax.parseEndpoint("[fd00::1]:65535"));
    }

    /** Hands out the bytes a few at a time, as a socket may. */
    static final class TricklingStream extends InputStream {
        private final byte[] data;
        private final Random rnd;
        private int pos;

        TricklingStream(byte[] data, Random rnd) {
            this.data = data;
            this.rnd = rnd;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + rnd.nextInt(7)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
