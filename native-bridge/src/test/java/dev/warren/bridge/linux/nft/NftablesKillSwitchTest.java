package dev.warren.bridge.linux.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.killswitch.KillSwitchException;
import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.bridge.linux.NetNs;
import dev.warren.core.config.IpNetwork;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The nftables kill-switch against real traffic, as root. Two namespaces the test owns: the client, where the
 * switch is installed, and "inet", on the other end of the client's uplink veth (10.77.0.0/24, a second LAN
 * subnet 192.168.77.0/24 and fd77::/64 on the same link; "internet" addresses 198.51.100.x behind it) and of a
 * second veth that stands in for the tunnel interface (10.99.0.0/24; the tunnel's DNS server is 10.99.0.1).
 * Echo servers (UDP and TCP) run in both namespaces on sockets created inside them.
 */
@Tag("netns")
class NftablesKillSwitchTest {

    private static final int ECHO = 9000;
    private static final int INBOUND = 9100;
    private static final int ENDPOINT_PORT = 51820;
    /** An endpoint nobody listens on: the peer's host answers with ICMP port unreachable. */
    private static final int SILENT_ENDPOINT_PORT = 51829;
    private static final int PROBE_TIMEOUT_MS = 600;

    private static NetNs client;
    private static NetNs inet;
    private static NftCommand clientNft;
    private static final List<Closeable> servers = new ArrayList<>();

    @BeforeAll
    static void topology() throws Exception {
        client = NetNs.create("ksc");
        inet = NetNs.create("ksi");
        clientNft = new NftCommand(List.of("ip", "netns", "exec", client.name(), "nft"));
        NetNs.run("ip", "-n", client.name(), "link", "add", "up0", "type", "veth", "peer", "name", "up1", "netns", inet.name());
        NetNs.run("ip", "-n", client.name(), "link", "add", "tun0", "type", "veth", "peer", "name", "tun1", "netns", inet.name());
        client.exec("ip", "addr", "add", "10.77.0.2/24", "dev", "up0");
        client.exec("ip", "addr", "add", "192.168.77.2/24", "dev", "up0");
        client.exec("ip", "addr", "add", "fd77::2/64", "dev", "up0", "nodad");
        client.exec("ip", "addr", "add", "10.99.0.2/24", "dev", "tun0");
        client.exec("ip", "link", "set", "up0", "up");
        client.exec("ip", "link", "set", "tun0", "up");
        client.exec("ip", "route", "add", "default", "via", "10.77.0.1");
        inet.exec("ip", "addr", "add", "10.77.0.1/24", "dev", "up1");
        inet.exec("ip", "addr", "add", "192.168.77.1/24", "dev", "up1");
        inet.exec("ip", "addr", "add", "fd77::1/64", "dev", "up1", "nodad");
        inet.exec("ip", "addr", "add", "10.99.0.1/24", "dev", "tun1");
        inet.exec("ip", "addr", "add", "10.99.0.53/24", "dev", "tun1");
        inet.exec("ip", "addr", "add", "198.51.100.1/32", "dev", "lo");
        inet.exec("ip", "addr", "add", "198.51.100.53/32", "dev", "lo");
        inet.exec("ip", "link", "set", "up1", "up");
        inet.exec("ip", "link", "set", "tun1", "up");
        for (int port : new int[] {53, ECHO, ENDPOINT_PORT, ENDPOINT_PORT + 1}) {
            udpEcho(inet, port, null);
        }
        tcpEcho(inet, 53);
        tcpEcho(inet, ECHO);
        udpEcho(client, ECHO, "127.0.0.1");
        udpEcho(client, INBOUND, null);
        awaitIpv6(client);
        awaitIpv6(inet);
    }

    /** IPv6 drops what it sends while its link-local addresses are tentative; the probes need it settled. */
    private static void awaitIpv6(NetNs ns) throws Exception {
        for (int i = 0; i < 100 && !ns.exec("ip", "-6", "addr", "show", "tentative").isBlank(); i++) {
            Thread.sleep(50);
        }
        assertEquals("", ns.exec("ip", "-6", "addr", "show", "tentative").strip(), "IPv6 addresses of " + ns.name());
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (Closeable c : servers) {
            c.close();
        }
        if (client != null) {
            client.close();
        }
        if (inet != null) {
            inet.close();
        }
    }

    private static void udpEcho(NetNs ns, int port, String bind) throws Exception {
        DatagramSocket s = ns.call(() -> bind == null ? new DatagramSocket(port)
                : new DatagramSocket(new InetSocketAddress(bind, port)));
        servers.add(s);
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

    private static void tcpEcho(NetNs ns, int port) throws Exception {
        ServerSocket s = ns.call(() -> new ServerSocket(port));
        servers.add(s);
        Thread.startVirtualThread(() -> {
            try {
                while (true) {
                    Socket c = s.accept();
                    Thread.startVirtualThread(() -> {
                        try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    });
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
    }

    /** Whether a UDP datagram from {@code ns} to {@code host:port} is echoed back. */
    private static boolean udp(NetNs ns, String host, int port) throws Exception {
        return ns.call(() -> {
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(PROBE_TIMEOUT_MS);
                byte[] msg = "probe".getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(msg, msg.length, new InetSocketAddress(IpNetwork.parseLiteral(host), port)));
                DatagramPacket reply = new DatagramPacket(new byte[64], 64);
                s.receive(reply);
                return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII).equals("probe");
            } catch (IOException blocked) {
                return false;
            }
        });
    }

    /** Whether a connected UDP socket learns of an ICMP error (port unreachable) instead of waiting in vain. */
    private static boolean icmpErrorArrives(String host, int port) throws Exception {
        return client.call(() -> {
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(PROBE_TIMEOUT_MS);
                s.connect(new InetSocketAddress(IpNetwork.parseLiteral(host), port));
                s.send(new DatagramPacket(new byte[1], 1));
                s.receive(new DatagramPacket(new byte[16], 16));
                return false;
            } catch (PortUnreachableException icmp) {
                return true;
            } catch (IOException timeout) {
                return false;
            }
        });
    }

    /** Whether a TCP connection from the client to {@code host:port} echoes a line. */
    private static boolean tcp(String host, int port) throws Exception {
        return client.call(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(IpNetwork.parseLiteral(host), port), PROBE_TIMEOUT_MS);
                s.setSoTimeout(PROBE_TIMEOUT_MS);
                s.getOutputStream().write('x');
                return s.getInputStream().read() == 'x';
            } catch (IOException blocked) {
                return false;
            }
        });
    }

    private static boolean ping(String host) throws InterruptedException {
        try {
            client.exec("ping", "-c", "1", "-W", "1", host);
            return true;
        } catch (IOException blocked) {
            return false;
        }
    }

    private static boolean tableIn(NetNs ns) throws Exception {
        return ns.exec("nft", "list", "tables").contains("table inet warren");
    }

    private static KillSwitchPolicy policy(boolean allowLan, List<IpNetwork> localNetworks) {
        List<IpNetwork> locals = new ArrayList<>(localNetworks);
        if (allowLan) {
            locals.addAll(KillSwitchPolicy.LINK_LOCAL_NETWORKS);
        }
        return new KillSwitchPolicy("tun0", OptionalLong.empty(),
                List.of(new InetSocketAddress(IpNetwork.parseLiteral("10.77.0.1"), ENDPOINT_PORT),
                        new InetSocketAddress(IpNetwork.parseLiteral("fd77::1"), ENDPOINT_PORT),
                        new InetSocketAddress(IpNetwork.parseLiteral("10.77.0.1"), SILENT_ENDPOINT_PORT)),
                OptionalLong.empty(), List.of(IpNetwork.parseLiteral("10.99.0.1")), allowLan, locals);
    }

    @Test
    void blocksEverythingButTheTunnelAndItsExceptionsUntilClosed() throws Exception {
        assertTrue(udp(client, "198.51.100.1", ECHO), "the internet is reachable before the switch");
        // Empty neighbour caches: reaching the IPv6 endpoint below needs neighbour discovery through the switch.
        client.exec("ip", "neigh", "flush", "dev", "up0");
        inet.exec("ip", "neigh", "flush", "dev", "up1");
        KillSwitch ks = new NftablesKillSwitch(clientNft);
        try (KillSwitch.Active active = ks.install(policy(false, List.of()))) {
            assertEquals("tun0", active.policy().interfaceName());
            assertFalse(udp(client, "198.51.100.1", ECHO), "UDP to the internet");
            assertFalse(tcp("198.51.100.1", ECHO), "TCP to the internet");
            assertFalse(ping("198.51.100.1"), "ICMP to the internet");

            assertTrue(udp(client, "10.99.0.1", ECHO), "UDP through the tunnel");
            assertTrue(tcp("10.99.0.1", ECHO), "TCP through the tunnel");
            assertTrue(ping("10.99.0.1"), "ICMP through the tunnel");

            assertTrue(udp(client, "10.77.0.1", ENDPOINT_PORT), "the tunnel's own UDP to its endpoint");
            assertTrue(udp(client, "fd77::1", ENDPOINT_PORT), "the IPv6 endpoint, after neighbour discovery");
            assertFalse(udp(client, "10.77.0.1", ENDPOINT_PORT + 1), "another port of the endpoint's host");
            assertTrue(icmpErrorArrives("10.77.0.1", SILENT_ENDPOINT_PORT),
                    "ICMP errors about the tunnel's own UDP come in (path-MTU discovery needs them)");

            assertTrue(udp(client, "10.99.0.1", 53), "DNS to the tunnel's server");
            assertTrue(tcp("10.99.0.1", 53), "DNS over TCP to the tunnel's server");
            assertFalse(udp(client, "10.99.0.53", 53), "DNS through the tunnel to a server it does not name");
            assertFalse(udp(client, "198.51.100.53", 53), "DNS to a resolver outside the tunnel");

            assertFalse(udp(client, "192.168.77.1", ECHO), "the LAN without allow-LAN");
            assertFalse(udp(inet, "10.77.0.2", INBOUND), "inbound from the uplink");
            assertTrue(udp(client, "127.0.0.1", ECHO), "loopback");

            assertTrue(tableIn(client));
            assertFalse(tableIn(inet), "only the client's namespace is affected");
            assertFalse(NetNs.run("nft", "list", "tables").contains("table inet warren"),
                    "the test's own (management) namespace is untouched");
        }
        assertFalse(tableIn(client), "closing removes the table");
        assertTrue(udp(client, "198.51.100.1", ECHO), "the internet is reachable again");
    }

    @Test
    void allowLocalNetworkOpensTheConnectedSubnetsButNotTheirDns() throws Exception {
        // The uplink's connected subnets, as LocalNetworks reports them in a process running in this namespace
        // (it cannot be asked from a namespace thread: Java lists IPv6 addresses from /proc/self/net).
        List<IpNetwork> subnets = List.of(IpNetwork.parse("10.77.0.0/24"), IpNetwork.parse("192.168.77.0/24"),
                IpNetwork.parse("fd77::/64"));
        try (KillSwitch.Active active = new NftablesKillSwitch(clientNft).install(policy(true, subnets))) {
            assertTrue(udp(client, "192.168.77.1", ECHO), "UDP to the LAN");
            assertTrue(udp(client, "fd77::1", ECHO), "UDP to the IPv6 LAN");
            assertTrue(udp(inet, "10.77.0.2", INBOUND), "inbound from the LAN");
            assertFalse(udp(client, "192.168.77.1", 53), "DNS to the LAN's resolver");
            assertFalse(udp(client, "198.51.100.1", ECHO), "the internet stays blocked");
            assertTrue(udp(client, "10.99.0.1", 53), "DNS to the tunnel's server");
        }
        assertFalse(tableIn(client));
    }

    @Test
    void updatesMoveTheEndpointAndTheLanExceptions() throws Exception {
        try (KillSwitch.Active active = new NftablesKillSwitch(clientNft)
                .install(policy(true, List.of(IpNetwork.parse("192.168.77.0/24"))))) {
            assertTrue(udp(client, "192.168.77.1", ECHO), "the LAN of the start");
            assertFalse(udp(client, "10.77.0.1", ECHO), "not yet the other subnet");
            assertFalse(udp(client, "10.77.0.1", ENDPOINT_PORT + 1), "not yet the new endpoint");

            // The server moved to another port of its host (no fwmark: the endpoint set decides).
            active.update(active.policy().withEndpoints(
                    List.of(new InetSocketAddress(IpNetwork.parseLiteral("10.77.0.1"), ENDPOINT_PORT + 1))));
            assertTrue(udp(client, "10.77.0.1", ENDPOINT_PORT + 1), "the new endpoint");
            assertFalse(udp(client, "10.77.0.1", ENDPOINT_PORT), "the old endpoint");

            // A new Wi-Fi: the other subnet.
            active.update(active.policy().withUplinkSubnets(
                    List.of(IpNetwork.parse("10.77.0.0/24"), IpNetwork.parse("fd77::/64"))));
            assertTrue(udp(client, "10.77.0.1", ECHO), "the new LAN");
            assertTrue(udp(client, "fd77::1", ECHO), "the new IPv6 LAN");
            assertFalse(udp(client, "192.168.77.1", ECHO), "the old LAN is gone");
            assertFalse(udp(client, "198.51.100.1", ECHO), "the internet stays blocked");
            String set = client.exec("nft", "list", "set", "inet", "warren", "local4");
            assertTrue(set.contains("10.77.0.0/24") && !set.contains("192.168.77.0/24"), set);
        }
        assertFalse(tableIn(client));
    }

    @Test
    void aManagerKilledWithTheSwitchOnLeavesItBlockingUntilTheNextStartRemovesIt() throws Exception {
        Process manager = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), KillSwitchHolder.class.getName(), client.name(), "10.77.0.1")
                .redirectErrorStream(true).start();
        try {
            String said = new BufferedReader(new InputStreamReader(manager.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertEquals("installed", said);
            manager.destroyForcibly(); // SIGKILL, to this process's own child by its handle
            assertTrue(manager.waitFor(10, TimeUnit.SECONDS));
        } finally {
            manager.destroyForcibly();
        }
        assertTrue(tableIn(client), "the switch outlives the killed manager (fails closed)");
        assertFalse(udp(client, "198.51.100.1", ECHO), "still blocked");

        KillSwitch restarted = new NftablesKillSwitch(clientNft);
        KillSwitchException e = assertThrows(KillSwitchException.class, () -> restarted.install(policy(false, List.of())));
        assertTrue(e.getMessage().contains("the nftables table inet warren already exists"), e.getMessage());

        assertTrue(restarted.removeLeftovers(), "removed at the next manager start");
        assertFalse(tableIn(client));
        assertTrue(udp(client, "198.51.100.1", ECHO));
        assertFalse(restarted.removeLeftovers(), "nothing left the second time");
    }

    @Test
    void closingAfterTheTableWasRemovedElsewhereIsQuiet() throws Exception {
        KillSwitch.Active active = new NftablesKillSwitch(clientNft).install(policy(false, List.of()));
        assertTrue(new NftablesKillSwitch(clientNft).removeLeftovers());
        active.close();
        assertFalse(tableIn(client));
    }
}
