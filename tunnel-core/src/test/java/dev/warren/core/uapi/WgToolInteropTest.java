package dev.warren.core.uapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Key;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real {@code wg(8)} against our UAPI: the bytes it sends for {@code setconf} and {@code show}, and what
 * it prints from our replies. wg only looks in /var/run/wireguard, so each test serves a uniquely named socket
 * there (needs root) and removes it afterwards.
 */
@Tag("tools")
class WgToolInteropTest {

    private final FakeUapiBackend backend = new FakeUapiBackend();
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private String iface;
    private Path socket;
    private ServerSocketChannel server;
    private Thread acceptor;

    @TempDir
    Path tmp;

    @BeforeEach
    void serve() throws IOException {
        iface = "wrn" + HexFormat.of().toHexDigits(ProcessHandle.current().pid() * 31 + System.nanoTime()).substring(8);
        socket = Path.of("/var/run/wireguard", iface + ".sock");
        Files.createDirectories(socket.getParent());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        // One connection at a time, recording every byte wg sends.
        acceptor = Thread.ofPlatform().start(() -> {
            while (true) {
                try (SocketChannel c = server.accept()) {
                    InputStream in = new FilterInputStream(Channels.newInputStream(c)) {
                        @Override
                        public int read(byte[] b, int off, int len) throws IOException {
                            int n = super.read(b, off, len);
                            if (n > 0) {
                                synchronized (recorded) {
                                    recorded.write(b, off, n);
                                }
                            }
                            return n;
                        }
                    };
                    new UapiSession(backend, in, Channels.newOutputStream(c)).serve();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(5000);
        Files.deleteIfExists(socket);
    }

    private String recorded() {
        synchronized (recorded) {
            String s = recorded.toString(StandardCharsets.US_ASCII);
            recorded.reset();
            return s;
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result wg(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("wg"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "wg " + String.join(" ", args) + " hangs");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void setconfShowconfAndShowDumpRoundTrip() throws Exception {
        Key priv = Key.generatePrivate();
        Key peerA = Key.generatePrivate().publicKey();
        Key peerB = Key.generatePrivate().publicKey();
        Key psk = Key.generatePreshared();
        String conf = "[Interface]\n"
                + "PrivateKey = " + priv.toBase64() + "\n"
                + "ListenPort = 51820\n"
                + "FwMark = 0x4d2\n"
                + "\n[Peer]\n"
                + "PublicKey = " + peerA.toBase64() + "\n"
                + "PresharedKey = " + psk.toBase64() + "\n"
                + "AllowedIPs = 10.0.0.7/24, fd00::1/128\n"
                + "Endpoint = 192.0.2.1:51820\n"
                + "PersistentKeepalive = 25\n"
                + "\n[Peer]\n"
                + "PublicKey = " + peerB.toBase64() + "\n"
                + "AllowedIPs = 0.0.0.0/0\n"
                + "Endpoint = [2001:db8::1]:4500\n";
        Path file = tmp.resolve("c.conf");
        Files.writeString(file, conf);

        Result set = wg("setconf", iface, file.toString());
        assertEquals(0, set.exit(), set.err());
        assertEquals("set=1\n"
                + "private_key=" + priv.toHex() + "\n"
                + "listen_port=51820\n"
                + "fwmark=1234\n"
                + "replace_peers=true\n"
                + "public_key=" + peerA.toHex() + "\n"
                + "preshared_key=" + psk.toHex() + "\n"
                + "endpoint=192.0.2.1:51820\n"
                + "persistent_keepalive_interval=25\n"
                + "replace_allowed_ips=true\n"
                + "allowed_ip=10.0.0.7/24\n"     // wg leaves the host bits; the device masks them
                + "allowed_ip=fd00::1/128\n"
                + "public_key=" + peerB.toHex() + "\n"
                + "endpoint=[2001:db8::1]:4500\n"
                + "replace_allowed_ips=true\n"
                + "allowed_ip=0.0.0.0/0\n"
                + "\n", recorded());

        Result showconf = wg("showconf", iface);
        assertEquals(0, showconf.exit(), showconf.err());
        assertEquals("get=1\n\n", recorded());
        assertEquals("[Interface]\n"
                + "ListenPort = 51820\n"
                + "FwMark = 0x4d2\n"
                + "PrivateKey = " + priv.toBase64() + "\n"
                + "\n[Peer]\n"
                + "PublicKey = " + peerA.toBase64() + "\n"
                + "PresharedKey = " + psk.toBase64() + "\n"
                + "AllowedIPs = 10.0.0.0/24, fd00::1/128\n"
                + "Endpoint = 192.0.2.1:51820\n"
                + "PersistentKeepalive = 25\n"
                + "\n[Peer]\n"
                + "PublicKey = " + peerB.toBase64() + "\n"
                + "AllowedIPs = 0.0.0.0/0\n"
                + "Endpoint = [2001:db8::1]:4500\n", showconf.out());

        FakeUapiBackend.Peer b = backend.peer(peerB);
        b.rx = 1000;
        b.tx = 2000;
        Result dump = wg("show", iface, "dump");
        assertEquals(0, dump.exit(), dump.err());
        assertEquals(String.join("\t", priv.toBase64(), priv.publicKey().toBase64(), "51820", "0x4d2") + "\n"
                + String.join("\t", peerA.toBase64(), psk.toBase64(), "192.0.2.1:51820", "10.0.0.0/24,fd00::1/128",
                        "0", "0", "0", "25") + "\n"
                + String.join("\t", peerB.toBase64(), "(none)", "[2001:db8::1]:4500", "0.0.0.0/0",
                        "0", "1000", "2000", "off") + "\n", dump.out());

        Result show = wg("show", iface);
        assertEquals(0, show.exit(), show.err());
        assertEquals("interface: " + iface + "\n"
                + "  public key: " + priv.publicKey().toBase64() + "\n"
                + "  private key: (hidden)\n"
                + "  listening port: 51820\n"
                + "  fwmark: 0x4d2\n"
                + "\npeer: " + peerA.toBase64() + "\n"
                + "  preshared key: (hidden)\n"
                + "  endpoint: 192.0.2.1:51820\n"
                + "  allowed ips: 10.0.0.0/24, fd00::1/128\n"
                + "  persistent keepalive: every 25 seconds\n"
                + "\npeer: " + peerB.toBase64() + "\n"
                + "  endpoint: [2001:db8::1]:4500\n"
                + "  allowed ips: 0.0.0.0/0\n"
                + "  transfer: 1000 B received, 1.95 KiB sent\n", show.out());
        assertEquals("get=1\n\n".repeat(2), recorded(), "dump and show each sent one get");
    }

    @Test
    void thousandPeerSetconfComesBackFromShowconfUnchanged() throws Exception {
        // Written in showconf's own layout, so the round trip through wg -> UAPI -> wg must reproduce it byte for byte.
        StringBuilder conf = new StringBuilder("[Interface]\nListenPort = 40000\nPrivateKey = "
                + Key.generatePrivate().toBase64() + "\n");
        for (int i = 0; i < 1000; i++) {
            conf.append("\n[Peer]\nPublicKey = ").append(Key.generatePrivate().publicKey().toBase64()).append('\n');
            if (i % 3 == 0) {
                conf.append("PresharedKey = ").append(Key.generatePreshared().toBase64()).append('\n');
            }
            conf.append("AllowedIPs = 10.").append(i >> 8).append('.').append(i & 255).append(".0/24, fd00:")
                    .append(Integer.toHexString(i + 1)).append("::/64\n");
            conf.append("Endpoint = ").append(i % 2 == 0 ? "198.51.100." + (i % 250) + ":" + (1024 + i)
                    : "[2001:db8::" + Integer.toHexString(i) + "]:" + (1024 + i)).append('\n');
            if (i % 5 == 0) {
                conf.append("PersistentKeepalive = ").append(1 + i % 60).append('\n');
            }
        }
        Path file = tmp.resolve("big.conf");
        Files.writeString(file, conf);
        Result set = wg("setconf", iface, file.toString());
        assertEquals(0, set.exit(), set.err());
        assertTrue(recorded().length() > 200_000);
        assertEquals(1000, backend.get().peers().size());
        Result showconf = wg("showconf", iface);
        assertEquals(0, showconf.exit(), showconf.err());
        assertEquals(conf.toString(), showconf.out());
    }

    @Test
    void wgFindsAndUsesTheProductionSocketServer() throws Exception {
        Path path = Path.of("/var/run/wireguard", iface + "s.sock");
        try (UapiSocketServer s = UapiSocketServer.start(path, backend)) {
            Result set = wg("set", iface + "s", "listen-port", "3456");
            assertEquals(0, set.exit(), set.err());
            Result port = wg("show", iface + "s", "listen-port");
            assertEquals("3456\n", port.out(), port.err());
            assertTrue(wg("show", "interfaces").out().contains(iface + "s"));
        }
        assertTrue(Files.notExists(path));
    }

    @Test
    void wgReportsOurErrnoByName() throws Exception {
        backend.failNextSet(new UapiException(UapiException.EADDRINUSE, "port in use"));
        Result r = wg("set", iface, "listen-port", "51820");
        assertEquals(1, r.exit());
        assertEquals("Unable to modify interface: Address already in use\n", r.err());
        assertEquals("set=1\nlisten_port=51820\n\n", recorded());
        assertEquals(0, backend.get().listenPort());

        Result ok = wg("set", iface, "listen-port", "51821", "peer", Key.generatePrivate().publicKey().toBase64(), "remove");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(51821, backend.get().listenPort());
    }
}
