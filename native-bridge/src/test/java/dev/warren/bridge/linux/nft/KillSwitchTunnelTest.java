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
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill-switch with a real WireGuard tunnel: wireguard-go in the client namespace (with a fwmark, as a full
 * tunnel has) and in the peer's. The switch lets the endpoint's UDP through only with the device's fwmark, so a
 * working handshake proves the tunnel's own marked socket gets past it, while the internet behind the peer's
 * uplink stays unreachable outside the tunnel. (Warren's engine takes wireguard-go's place here once its packet
 * buffers are direct, which the Linux TUN and bind require.)
 */
@Tag("netns")
class KillSwitchTunnelTest {

    private static final int MARK = 0xca6c;

    @Test
    void theTunnelWorksUnderTheSwitchAndNothingElseLeaves(@TempDir Path dir) throws Exception {
        byte[] rnd = new byte[3];
        new SecureRandom().nextBytes(rnd);
        String peerIf = "ksg" + HexFormat.of().formatHex(rnd);
        Key ours = Key.generatePrivate();
        Key theirs = Key.generatePrivate();
        Process peerGo = null;
        Process clientGo = null;
        try (NetNs client = NetNs.create("kse"); NetNs peer = NetNs.create("ksp")) {
            NetNs.run("ip", "-n", client.name(), "link", "add", "up0", "type", "veth", "peer", "name", "up1", "netns",
                    peer.name());
            client.exec("ip", "addr", "add", "10.88.0.2/24", "dev", "up0");
            client.exec("ip", "link", "set", "up0", "up");
            client.exec("ip", "route", "add", "default", "via", "10.88.0.1");
            peer.exec("ip", "addr", "add", "10.88.0.1/24", "dev", "up1");
            peer.exec("ip", "addr", "add", "198.51.100.1/32", "dev", "lo");
            peer.exec("ip", "link", "set", "up1", "up");

            peerGo = startWireguardGo(peer, peerIf, dir);
            Path key = dir.resolve("peer.key");
            Files.writeString(key, theirs.toBase64());
            peer.exec("wg", "set", peerIf, "private-key", key.toString(), "listen-port", "51820", "peer",
                    ours.publicKey().toBase64(), "allowed-ips", "10.66.0.1/32");
            peer.exec("ip", "addr", "add", "10.66.0.2/24", "dev", peerIf);
            peer.exec("ip", "link", "set", peerIf, "up");
            DatagramSocket dns = peer.call(() -> new DatagramSocket(53));
            DatagramSocket web = peer.call(() -> new DatagramSocket(9000));
            echo(dns);
            echo(web);

            InetSocketAddress endpoint = new InetSocketAddress(IpNetwork.parseLiteral("10.88.0.1"), 51820);
            String clientIf = peerIf + "c";
            clientGo = startWireguardGo(client, clientIf, dir);
            Path ourKey = dir.resolve("our.key");
            Files.writeString(ourKey, ours.toBase64());
            client.exec("wg", "set", clientIf, "private-key", ourKey.toString(), "fwmark", "0x" + Integer.toHexString(MARK),
                    "peer", theirs.publicKey().toBase64(), "endpoint", "10.88.0.1:51820", "allowed-ips", "10.66.0.0/24");
            try {
                client.exec("ip", "addr", "add", "10.66.0.1/24", "dev", clientIf);
                client.exec("ip", "link", "set", clientIf, "up");
                assertTrue(udp(client, "198.51.100.1", 9000), "the internet is reachable before the switch");

                KillSwitchPolicy policy = new KillSwitchPolicy(clientIf, OptionalLong.empty(), List.of(endpoint),
                        OptionalLong.of(MARK), List.of(IpNetwork.parseLiteral("10.66.0.2")), false, List.of());
                NftCommand nft = new NftCommand(List.of("ip", "netns", "exec", client.name(), "nft"));
                try (KillSwitch.Active active = new NftablesKillSwitch(nft).install(policy)) {
                    client.exec("ping", "-c", "3", "-i", "0.2", "-W", "3", "10.66.0.2");
                    assertTrue(peer.exec("wg", "show", peerIf, "latest-handshakes").matches("(?s).*\\t[1-9]\\d*\\s*"),
                            "handshake through the switch");
                    assertTrue(udp(client, "10.66.0.2", 53), "DNS to the tunnel's server, through the tunnel");
                    assertFalse(udp(client, "198.51.100.1", 9000), "the internet outside the tunnel");
                    assertFalse(udp(client, "10.88.0.1", 9000), "the peer's uplink address outside the tunnel");
                }
                assertFalse(client.exec("nft", "list", "tables").contains("warren"));
                assertTrue(udp(client, "198.51.100.1", 9000), "reachable again after stop");
            } finally {
                dns.close();
                web.close();
            }
        } finally {
            stop(clientGo);
            stop(peerGo);
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
