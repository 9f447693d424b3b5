package dev.warren.app.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warren.app.interop.Lab.Impl;
import dev.warren.app.interop.Lab.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code warren userspace} (side A) against another implementation (side B: Debian's wireguard-go, or Warren itself
 * — every check holds against both), both configured with the stock {@code wg} tool over their UAPI sockets, in two network namespaces joined by a veth pair. One lab serves the
 * whole class (starting two daemons is the slow part); each test starts from fresh peer entries (so it runs
 * alone too), and roaming, which moves the outer addresses for good, runs last.
 */
@Tag("netns")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class InteropSuite {

    private final Impl peerImpl;
    private final String peerName;
    private Lab lab;
    private Node warren;
    private Node peer;

    /** @param peerImpl what runs on side B, against Warren on side A */
    InteropSuite(Impl peerImpl, String peerName) {
        this.peerImpl = peerImpl;
        this.peerName = peerName;
    }

    @BeforeAll
    void startBoth() throws Exception {
        lab = Lab.create(1500);
        warren = lab.start('a', Impl.WARREN);
        peer = lab.start('b', peerImpl);
    }

    @AfterAll
    void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private void repair(boolean endpointOnWarren, boolean endpointOnWgo, boolean ipv6Outer) throws Exception {
        Lab.unpair(warren, peer);
        Lab.pair(warren, peer, endpointOnWarren, endpointOnWgo, ipv6Outer);
    }

    @Test
    @Order(1)
    void handshakeInitiatedByWarren() throws Exception {
        // Only Warren knows where the other is, so only Warren can start the handshake; the peer must learn
        // Warren's endpoint from it.
        repair(true, false, false);
        Lab.ping(warren, peer.inner4(), 3);
        assertTrue(warren.latestHandshake(peer) > 0, "Warren records the handshake");
        assertTrue(peer.latestHandshake(warren) > 0, peerName + " records the handshake");
        assertEquals("10.99.0.1:" + warren.port(), peer.peerRow(warren)[2], peerName + " learned Warren's endpoint");
        assertTrue(lab.log(warren.iface()).contains("Sending handshake initiation"), lab.log(warren.iface()));
    }

    @Test
    @Order(2)
    void handshakeInitiatedByThePeer() throws Exception {
        repair(false, true, false);
        Lab.ping(peer, warren.inner4(), 3);
        assertTrue(warren.latestHandshake(peer) > 0, "Warren records the handshake");
        assertEquals("10.99.0.2:" + peer.port(), warren.peerRow(peer)[2], "Warren learned " + peerName + "'s endpoint");
        assertTrue(lab.log(warren.iface()).contains("Sending handshake response"), lab.log(warren.iface()));
    }

    @Test
    @Order(3)
    void pingsInnerIpv4AndIpv6BothWays() throws Exception {
        repair(true, true, false);
        Lab.ping(warren, peer.inner4(), 3);
        Lab.ping(warren, peer.inner6(), 3);
        Lab.ping(peer, warren.inner4(), 3);
        Lab.ping(peer, warren.inner6(), 3);
    }

    @Test
    @Order(4)
    void ipv6OuterTransport() throws Exception {
        repair(true, true, true);
        Lab.ping(warren, peer.inner4(), 3);
        Lab.ping(peer, warren.inner6(), 3);
        assertEquals("[fd99::2]:" + peer.port(), warren.peerRow(peer)[2]);
        assertEquals("[fd99::1]:" + warren.port(), peer.peerRow(warren)[2]);
        repair(true, true, false);
        Lab.ping(warren, peer.inner4(), 2);
        assertEquals("10.99.0.2:" + peer.port(), warren.peerRow(peer)[2], "and back to IPv4 outer");
    }

    @Test
    @Order(5)
    void iperf3TcpAndUdpBothWays() throws Exception {
        repair(true, true, false);
        for (boolean reverse : new boolean[] {false, true}) {
            double mbits = Traffic.tcpReceivedMbits(Traffic.iperf(lab, lab.a, lab.b, peer.inner4(), false, reverse, 3));
            assertTrue(mbits > 0, "TCP throughput, reverse=" + reverse);
            JsonNode udp = Traffic.iperf(lab, lab.a, lab.b, peer.inner4(), true, reverse, 3).path("end").path("sum");
            assertTrue(udp.path("packets").asLong() > 0, "UDP packets, reverse=" + reverse + ": " + udp);
            assertTrue(udp.path("lost_percent").asDouble() < 5, "UDP loss, reverse=" + reverse + ": " + udp);
        }
    }

    @Test
    @Order(6)
    void checksummedTransferBothWaysOverIpv4AndIpv6() throws Exception {
        repair(true, true, false);
        Traffic.checkedTransfer(lab.a, lab.b, peer.inner4(), 16 << 20);
        Traffic.checkedTransfer(lab.b, lab.a, warren.inner4(), 16 << 20);
        Traffic.checkedTransfer(lab.a, lab.b, peer.inner6(), 4 << 20);
        Traffic.checkedTransfer(lab.b, lab.a, warren.inner6(), 4 << 20);
    }

    @Test
    @Order(7)
    void wgShowDumpHasTheSameFieldsAsThePeers() throws Exception {
        repair(true, true, false);
        Lab.ping(warren, peer.inner4(), 2);
        List<String[]> w = warren.dump();
        List<String[]> g = peer.dump();
        assertEquals(2, w.size(), "interface line and one peer");
        assertEquals(g.size(), w.size());
        assertEquals(g.get(0).length, w.get(0).length, "interface fields");
        assertEquals(g.get(1).length, w.get(1).length, "peer fields");
        // Interface: private key, public key, listen port, fwmark
        assertEquals(warren.privateKey().toBase64(), w.get(0)[0]);
        assertEquals(warren.publicKey().toBase64(), w.get(0)[1]);
        assertEquals(Integer.toString(warren.port()), w.get(0)[2]);
        assertEquals(g.get(0)[3], w.get(0)[3], "fwmark off on both");
        // Peer: public key, preshared key, endpoint, allowed ips, latest handshake, rx, tx, keepalive
        String[] wp = w.get(1);
        String[] gp = g.get(1);
        assertEquals(peer.publicKey().toBase64(), wp[0]);
        assertEquals(gp[1], wp[1], "no preshared key on either");
        assertEquals("10.99.0.2:" + peer.port(), wp[2]);
        assertEquals(peer.inner4() + "/32," + peer.inner6() + "/128", wp[3]);
        assertEquals(warren.inner4() + "/32," + warren.inner6() + "/128", gp[3], peerName + "'s form, for comparison");
        assertTrue(Math.abs(Long.parseLong(wp[4]) - Long.parseLong(gp[4])) <= 5, "handshake times agree: "
                + wp[4] + " vs " + gp[4]);
        assertEquals(gp[7], wp[7], "persistent keepalive off on both");
        long rx = Long.parseLong(wp[5]);
        long tx = Long.parseLong(wp[6]);
        Lab.ping(warren, peer.inner4(), 2);
        String[] after = warren.peerRow(peer);
        assertTrue(Long.parseLong(after[5]) > rx, "rx grows");
        assertTrue(Long.parseLong(after[6]) > tx, "tx grows");
    }

    @Test
    @Order(8)
    void packetFromSourceOutsideAllowedIpsIsDropped() throws Exception {
        repair(true, true, false);
        peer.exec("ip", "addr", "add", "10.100.0.99/32", "dev", peer.iface());
        try {
            Lab.ping(peer, warren.inner4(), 1);
            // Warren's own check must drop them: the lost replies alone would prove nothing, since Warren's send
            // side drops a reply to 10.100.0.99 too (no peer's allowed IPs hold it). What Warren writes into its
            // TUN the kernel counts as the interface's rx, so the check held if that count does not move.
            long tunRxBefore = tunRxPackets();
            long rxBefore = warren.rxBytes(peer);
            Lab.Result r = Lab.tryRun(lab.b, "ping", "-c", "3", "-i", "0.2", "-W", "1", "-I", "10.100.0.99",
                    warren.inner4());
            assertNotEquals(0, r.status(), "Warren must not answer a source outside " + peerName + "'s allowed IPs: "
                    + r.output());
            assertTrue(r.output().contains("100% packet loss"), r.output());
            assertTrue(warren.rxBytes(peer) >= rxBefore + 3 * (32 + 84), "the packets did arrive and were authenticated");
            assertEquals(tunRxBefore, tunRxPackets(), "no packet from 10.100.0.99 reached Warren's TUN");

            // Control: once 10.100.0.99 is among the peer's allowed IPs on Warren's side, the same packets
            // reach the TUN (so the count above could have moved) and are answered.
            warren.exec("wg", "set", warren.iface(), "peer", peer.publicKey().toBase64(), "allowed-ips",
                    peer.inner4() + "/32," + peer.inner6() + "/128,10.100.0.99/32");
            long allowedBefore = tunRxPackets();
            Lab.Result allowed = Lab.tryRun(lab.b, "ping", "-c", "3", "-i", "0.2", "-W", "5", "-I", "10.100.0.99",
                    warren.inner4());
            assertEquals(0, allowed.status(), allowed.output());
            assertTrue(tunRxPackets() >= allowedBefore + 3, "the allowed source's packets reached Warren's TUN");
        } finally {
            Lab.peer(warren, peer, true, false);
            peer.exec("ip", "addr", "del", "10.100.0.99/32", "dev", peer.iface());
        }
    }

    /** Packets Warren has written into its TUN, as the kernel counts them on the interface. */
    private long tunRxPackets() throws Exception {
        return Long.parseLong(warren.exec("cat", "/sys/class/net/" + warren.iface() + "/statistics/rx_packets").strip());
    }

    @Test
    @Order(9)
    void persistentKeepaliveOnTheWireAtTheInterval() throws Exception {
        repair(true, true, false);
        Lab.ping(warren, peer.inner4(), 1);
        warren.exec("wg", "set", warren.iface(), "peer", peer.publicKey().toBase64(), "persistent-keepalive", "1");
        try {
            assertEquals("1", warren.peerRow(peer)[7]);
            // Keepalives are transport messages with no payload: 32 bytes of UDP payload, 40 with the UDP header.
            Lab.Result r = Lab.tryRun(lab.b, "timeout", "20", "tcpdump", "-i", lab.vethB, "-n", "-tt", "-c", "5",
                    "-Q", "in", "udp and src host " + warren.outer4() + " and udp[4:2] = 40 and udp[8:4] = 0x04000000");
            List<Double> times = new ArrayList<>();
            for (String line : r.output().split("\n")) {
                if (line.matches("^\\d+\\.\\d+ IP .*")) {
                    times.add(Double.parseDouble(line.substring(0, line.indexOf(' '))));
                }
            }
            assertEquals(5, times.size(), "five keepalives within 20 s: " + r.output());
            double[] gaps = new double[times.size() - 1];
            for (int i = 1; i < times.size(); i++) {
                gaps[i - 1] = times.get(i) - times.get(i - 1);
            }
            Arrays.sort(gaps);
            double median = (gaps[1] + gaps[2]) / 2;
            assertTrue(median > 0.7 && median < 1.5, "keepalives about 1 s apart: " + Arrays.toString(gaps));
        } finally {
            warren.exec("wg", "set", warren.iface(), "peer", peer.publicKey().toBase64(), "persistent-keepalive", "0");
        }
    }

    @Test
    @Order(10)
    void bigPacketsWithMtu9000() throws Exception {
        repair(true, true, false);
        for (Node n : List.of(warren, peer)) {
            n.exec("ip", "link", "set", n.veth(), "mtu", "9100");
            n.exec("ip", "link", "set", n.iface(), "mtu", "9020");
        }
        try {
            // 8992 bytes of ICMP payload make a 9020-byte IP packet, not fragmented (-M do), one 9080-byte datagram.
            warren.exec("ping", "-c", "3", "-i", "0.2", "-W", "5", "-M", "do", "-s", "8992", peer.inner4());
            peer.exec("ping", "-c", "3", "-i", "0.2", "-W", "5", "-M", "do", "-s", "8992", warren.inner4());
            // Warren follows the MTU set after it started: a 9009-byte packet is padded to the MTU (9020), not by
            // the rule for its initial 1420, so the datagram carries 16 + 9020 + 16 = 9052 bytes.
            Path capture = lab.workDir().resolve("mtu-capture.txt");
            Process tcpdump = lab.background(lab.a, capture, "timeout", "20", "tcpdump", "-i", lab.vethA, "-n", "-c",
                    "1", "-Q", "out", "udp and dst port " + peer.port() + " and greater 9000");
            Thread.sleep(1000);
            warren.exec("ping", "-c", "1", "-W", "5", "-M", "do", "-s", "8981", peer.inner4());
            assertTrue(tcpdump.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Files.readString(capture).contains("UDP, length 9052"), Files.readString(capture));

            Traffic.tcpReceivedMbits(Traffic.iperf(lab, lab.a, lab.b, peer.inner4(), false, false, 3));
            Traffic.tcpReceivedMbits(Traffic.iperf(lab, lab.a, lab.b, peer.inner4(), false, true, 3));
            Traffic.checkedTransfer(lab.a, lab.b, peer.inner4(), 16 << 20);
            Traffic.checkedTransfer(lab.b, lab.a, warren.inner4(), 16 << 20);
        } finally {
            for (Node n : List.of(warren, peer)) {
                n.exec("ip", "link", "set", n.iface(), "mtu", "1420");
                n.exec("ip", "link", "set", n.veth(), "mtu", "1500");
            }
        }
    }

    @Test
    @Order(11)
    void roamingEndpointFollowsTheLastAuthenticatedPacket() throws Exception {
        repair(true, true, false);
        Lab.ping(warren, peer.inner4(), 1);
        // The peer moves to 10.99.0.12. It keeps sending from the address its peer last reached it at
        // (sticky source), so its source is moved by a route and by setting its endpoint again, which clears that.
        peer.exec("ip", "addr", "add", "10.99.0.12/24", "dev", lab.vethB);
        peer.exec("ip", "route", "add", warren.outer4() + "/32", "dev", lab.vethB, "src", "10.99.0.12");
        peer.exec("wg", "set", peer.iface(), "peer", warren.publicKey().toBase64(), "endpoint",
                warren.outer4() + ":" + warren.port());
        Lab.ping(peer, warren.inner4(), 2);
        assertEquals("10.99.0.12:" + peer.port(), warren.peerRow(peer)[2], "Warren follows " + peerName);
        peer.exec("ip", "addr", "del", "10.99.0.2/24", "dev", lab.vethB);
        Lab.ping(warren, peer.inner4(), 2);
        // Warren moves to 10.99.0.11: its socket is not bound to an address, so the kernel picks the new one, and
        // The peer must follow after Warren's next packet.
        warren.exec("ip", "addr", "add", "10.99.0.11/24", "dev", lab.vethA);
        warren.exec("ip", "addr", "del", "10.99.0.1/24", "dev", lab.vethA);
        Lab.ping(warren, peer.inner4(), 2);
        assertEquals("10.99.0.11:" + warren.port(), peer.peerRow(warren)[2], peerName + " follows Warren");
        Lab.ping(peer, warren.inner4(), 2);
    }
}
