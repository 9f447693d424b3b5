package dev.warren.bridge.linux.nft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.bridge.linux.NetNs;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kill-switch with a real WireGuard tunnel: wireguard-go in the client namespace (with a fwmark, as a full
 * tunnel has, or without) and in the peer's. With a mark the switch lets the tunnel's UDP through by that mark
 * alone, so a working handshake proves the tunnel's own marked socket gets past it, while the internet behind the
 * peer's uplink stays unreachable outside the tunnel. (Warren's engine takes wireguard-go's place here once its packet
 * buffers are direct, which the Linux TUN and bind require.)
 */
@Tag("netns")
class KillSwitchTunnelTest {

    private static final int MARK = 0xca6c;

    @Test
    void theTunnelWorksUnderTheSwitchAndNothingElseLeaves(@TempDir Path dir) throws Exception {
        try (Lab lab = new Lab(dir, true)) {
            assertTrue(udp(lab.client, "198.51.100.1", 9000), "the internet is reachable before the switch");
            try (KillSwitch.Active active = lab.install()) {
                lab.client.exec("ping", "-c", "3", "-i", "0.2", "-W", "3", "10.66.0.2");
                assertTrue(lab.peer.exec("wg", "show", lab.peerIf, "latest-handshakes").matches("(?s).*\\t[1-9]\\d*\\s*"),
                        "handshake through the switch");
                assertTrue(udp(lab.client, "10.66.0.2", 53), "DNS to the tunnel's server, through the tunnel");
                assertFalse(udp(lab.client, "198.51.100.1", 9000), "the internet outside the tunnel");
                assertFalse(udp(lab.client, "10.88.0.1", 9000), "the peer's uplink address outside the tunnel");
            }
            assertFalse(lab.client.exec("nft", "list", "tables").contains("warren"));
            assertTrue(udp(lab.client, "198.51.100.1", 9000), "reachable again after stop");
        }
    }

    /**
     * The peer's underlay address moves while the switch is on: first the client is told the new address (what
     * re-resolving the endpoint's name does), then the server moves again and reaches out from its new address
     * (roaming). With the device's fwmark the switch needs no change for either; without one, the endpoint set
     * is updated and the tunnel goes on. The traffic outside the tunnel stays blocked throughout.
     */
    @ParameterizedTest(name = "fwmark {0}")
    @ValueSource(booleans = {true, false})
    void theTunnelFollowsItsPeerToANewAddressUnderTheSwitch(boolean marked, @TempDir Path dir) throws Exception {
        try (Lab lab = new Lab(dir, marked); KillSwitch.Active active = lab.install()) {
            lab.client.exec("ping", "-c", "1", "-W", "3", "10.66.0.2");

            lab.movePeer("10.88.0.1", "10.88.0.9");
            InetSocketAddress resolved = new InetSocketAddress(IpNetwork.parseLiteral("10.88.0.9"), 51820);
            if (!marked) {
                active.update(active.policy().withEndpoints(List.of(resolved)));
            }
            lab.client.exec("wg", "set", lab.clientIf, "peer", lab.theirs.publicKey().toBase64(), "endpoint",
                    "10.88.0.9:51820");
            lab.client.exec("ping", "-c", "2", "-i", "0.2", "-W", "3", "10.66.0.2");
            assertFalse(udp(lab.client, "10.88.0.9", 9000), "the peer's new address outside the tunnel");

            if (marked) {
                // The server's reply path now leaves from an address the client never heard of; its next packet
                // teaches the client the new endpoint, and the switch must let it in.
                lab.movePeer("10.88.0.9", "10.88.0.7");
                // wireguard-go keeps sending from the address it last received on, even once it is gone; setting
                // the endpoint it already has makes it pick its source afresh, as after a reboot of the server.
                String clientPort = lab.client.exec("wg", "show", lab.clientIf, "listen-port").strip();
                lab.peer.exec("wg", "set", lab.peerIf, "peer", lab.ours.publicKey().toBase64(), "endpoint",
                        "10.88.0.2:" + clientPort);
                lab.peer.exec("ping", "-c", "2", "-i", "0.2", "-W", "3", "10.66.0.1");
                assertTrue(lab.client.exec("wg", "show", lab.clientIf, "endpoints").contains("10.88.0.7:51820"),
                        "the client roamed to the server's new address");
            }
        }
    }

    /**
     * A client namespace (wireguard-go, with or without a fwmark) behind a peer namespace that routes to a stand-in
     * internet (198.51.100.1) and runs the other wireguard-go with echo servers on its tunnel side.
     */
    private static final class Lab implements AutoCloseable {
        final NetNs client;
        final NetNs peer;
        final String peerIf;
        final String clientIf;
        final Key theirs = Key.generatePrivate();
        final Key ours = Key.generatePrivate();
        final boolean marked;
        private final Process peerGo;
        private final Process clientGo;
        private final DatagramSocket dns;
        private final DatagramSocket web;

        Lab(Path dir, boolean marked) throws Exception {
            this.marked = marked;
            byte[] rnd = new byte[3];
            new SecureRandom().nextBytes(rnd);
            peerIf = "ksg" + HexFormat.of().formatHex(rnd);
            clientIf = peerIf + "c";
            client = NetNs.create("kse");
            NetNs p = null;
            Process pg = null;
            Process cg = null;
            DatagramSocket d = null;
            DatagramSocket w = null;
            try {
                p = NetNs.create("ksp");
                NetNs.run("ip", "-n", client.name(), "link", "add", "up0", "type", "veth", "peer", "name", "up1",
                        "netns", p.name());
                client.exec("ip", "addr", "add", "10.88.0.2/24", "dev", "up0");
                client.exec("ip", "link", "set", "up0", "up");
                client.exec("ip", "route", "add", "default", "via", "10.88.0.1");
                // Addresses of the peer come and go in the move tests: the remaining one takes over the subnet.
                p.exec("sysctl", "-q", "-w", "net.ipv4.conf.up1.promote_secondaries=1");
                p.exec("ip", "addr", "add", "10.88.0.1/24", "dev", "up1");
                p.exec("ip", "addr", "add", "198.51.100.1/32", "dev", "lo");
                p.exec("ip", "link", "set", "up1", "up");

                pg = startWireguardGo(p, peerIf, dir);
                Path key = dir.resolve("peer.key");
                Files.writeString(key, theirs.toBase64());
                p.exec("wg", "set", peerIf, "private-key", key.toString(), "listen-port", "51820", "peer",
                        ours.publicKey().toBase64(), "allowed-ips", "10.66.0.1/32");
                p.exec("ip", "addr", "add", "10.66.0.2/24", "dev", peerIf);
                p.exec("ip", "link", "set", peerIf, "up");
                NetNs peerNs = p;
                d = peerNs.call(() -> new DatagramSocket(53));
                w = peerNs.call(() -> new DatagramSocket(9000));
                echo(d);
                echo(w);

                cg = startWireguardGo(client, clientIf, dir);
                Path ourKey = dir.resolve("our.key");
                Files.writeString(ourKey, ours.toBase64());
                List<String> set = new ArrayList<>(List.of("wg", "set", clientIf, "private-key", ourKey.toString()));
                if (marked) {
                    set.addAll(List.of("fwmark", "0x" + Integer.toHexString(MARK)));
                }
                set.addAll(List.of("peer", theirs.publicKey().toBase64(), "endpoint", "10.88.0.1:51820",
                        "allowed-ips", "10.66.0.0/24"));
                client.exec(set.toArray(String[]::new));
                client.exec("ip", "addr", "add", "10.66.0.1/24", "dev", clientIf);
                client.exec("ip", "link", "set", clientIf, "up");
            } catch (Exception | Error e) {
                closeQuietly(w);
                closeQuietly(d);
                stop(cg);
                stop(pg);
                if (p != null) {
                    p.close();
                }
                client.close();
                throw e;
            }
            peer = p;
            peerGo = pg;
            clientGo = cg;
            dns = d;
            web = w;
        }

        /** The switch for the client's tunnel: the endpoint as configured, DNS only to the peer's tunnel side. */
        KillSwitch.Active install() throws Exception {
            KillSwitchPolicy policy = new KillSwitchPolicy(clientIf, OptionalLong.empty(),
                    List.of(new InetSocketAddress(IpNetwork.parseLiteral("10.88.0.1"), 51820)),
                    marked ? OptionalLong.of(MARK) : OptionalLong.empty(),
                    List.of(IpNetwork.parseLiteral("10.66.0.2")), false, List.of());
            return new NftablesKillSwitch(new NftCommand(List.of("ip", "netns", "exec", client.name(), "nft")))
                    .install(policy);
        }

        /** The peer's underlay address changes: the new one is added, the old one removed. */
        void movePeer(String from, String to) throws Exception {
            peer.exec("ip", "addr", "add", to + "/24", "dev", "up1");
            peer.exec("ip", "addr", "del", from + "/24", "dev", "up1");
        }

        @Override
        public void close() throws Exception {
            try {
                closeQuietly(dns);
                closeQuietly(web);
                stop(clientGo);
                stop(peerGo);
            } finally {
                try {
                    peer.close();
                } finally {
                    client.close();
                }
            }
        }

        private static void closeQuietly(DatagramSocket s) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static Process startWireguardGo(NetNs ns, String ifname, Path dir) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), "wireguard-go", "-f", ifname)
                .redirectErrorStream(true).redirectOutput(dir.resolve(ifname + ".out").toFile()).start();
        Path sock = Path.of("/var/run/wireguard/" + ifname + ".sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(sock)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                stop(p);
                throw new AssertionError("wireguard-go " + ifname + " did not start");
            }
            Thread.sleep(20);
        }
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static void echo(DatagramSocket s) {
        Thread.startVirtualThread(() -> {
            byte[] buf = new byte[1500];
            try {
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    s.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
    }

    private static boolean udp(NetNs ns, String host, int port) throws Exception {
        return ns.call(() -> {
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(1000);
                s.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, new InetSocketAddress(IpNetwork.parseLiteral(host), port)));
                DatagramPacket reply = new DatagramPacket(new byte[16], 16);
                s.receive(reply);
                return reply.getLength() == 3;
            } catch (IOException blocked) {
                return false;
            }
        });
    }
}
