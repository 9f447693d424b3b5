package dev.warren.bridge.watch;

import static dev.warren.bridge.watch.UplinkLab.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Endpoint;
import dev.warren.core.device.DeviceEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's acceptance against the real wireguard-go: Warren's engine under the {@link NetworkWatcher} in one
 * namespace, wireguard-go in another, two uplinks between them ({@link UplinkLab}).
 */
@Tag("netns")
class NetworkWatcherInteropTest {

    private static final Endpoint SERVER = Endpoint.parse("10.9.0.1:" + UplinkLab.PORT);
    private static final Pattern UDP_LENGTH = Pattern.compile("UDP, length (\\d+)");

    private UplinkLab lab;
    private Process tcpdump;

    @BeforeEach
    void lab() throws Exception {
        lab = UplinkLab.create();
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (tcpdump != null) {
                tcpdump.destroy();
                tcpdump.waitFor(5, TimeUnit.SECONDS);
            }
        } finally {
            lab.close();
        }
    }

    /** Starts tcpdump on the client's uplink A; returns the UDP payload length of each datagram sent to the server. */
    private BlockingQueue<Integer> captureSentDatagrams() throws Exception {
        tcpdump = lab.client.start("tcpdump", "-i", UplinkLab.UPLINK_A, "-n", "-l", "-Q", "out", "udp", "and", "dst",
                "port", String.valueOf(UplinkLab.PORT));
        BlockingQueue<Integer> lengths = new LinkedBlockingQueue<>();
        AtomicReference<Boolean> listening = new AtomicReference<>(false);
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.contains("listening on")) {
                        listening.set(true);
                    }
                    Matcher m = UDP_LENGTH.matcher(line);
                    if (m.find()) {
                        lengths.add(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (java.io.IOException e) {
                // tcpdump stopped.
            }
        });
        awaitTrue("tcpdump listening", listening::get);
        return lengths;
    }

    /** The next transport-data datagram's length (initiations are 148 bytes, keepalives 32). */
    private static int nextDataLength(BlockingQueue<Integer> lengths) throws InterruptedException {
        while (true) {
            Integer n = lengths.poll(10, TimeUnit.SECONDS);
            if (n == null) {
                throw new AssertionError("no data packet captured");
            }
            if (n != 148 && n != 32) {
                return n;
            }
        }
    }

    @Test
    void paddingFollowsATunnelMtuChangeFromTheNextPacket() throws Exception {
        lab.startClient(SERVER, false, ResumeSignal.NONE, Endpoint::resolve);
        BlockingQueue<Integer> sent = captureSentDatagrams();
        // 1249 bytes of ICMP payload = a 1277-byte IP packet: padded to 1280 under MTU 1420.
        assertTrue(lab.pingServer(1249, 5), "ping through the tunnel to wireguard-go");
        assertEquals(32 + 1280, nextDataLength(sent));

        lab.client.exec("ip", "link", "set", "dev", UplinkLab.TUNNEL, "mtu", "1278");
        assertTrue(lab.pingServer(1249, 5), "wireguard-go accepts the packet padded for the new MTU");
        assertEquals(32 + 1278, nextDataLength(sent), "the first packet after the change is padded only to 1278");
        assertEquals(1278, lab.device.mtu());
    }

    @Test
    void anAutoMtuFollowsTheUplinksMtu() throws Exception {
        lab.startClient(SERVER, true, ResumeSignal.NONE, Endpoint::resolve);
        assertTrue(lab.pingServer(56, 5));
        lab.client.exec("ip", "link", "set", "dev", UplinkLab.UPLINK_A, "mtu", "1400");
        awaitTrue("tunnel MTU 1400 - 80", () -> lab.device.mtu() == 1320);
        assertEquals("1320", lab.client.exec("cat", "/sys/class/net/" + UplinkLab.TUNNEL + "/mtu").strip(),
                "set on the interface itself");
        assertTrue(lab.pingServer(1320 - 28, 5), "a full-size packet for the new MTU passes");
    }

    @Test
    void trafficFromTheServerResumesWithin2sOfAnUplinkSwitch() throws Exception {
        lab.startClient(SERVER, false, ResumeSignal.NONE, Endpoint::resolve);
        assertTrue(lab.pingServer(56, 5));
        assertTrue(UplinkLab.succeeds(lab.server, "ping", "-c", "1", "-W", "2", UplinkLab.CLIENT_TUNNEL_IP),
                "the server reaches the client through the tunnel");

        // Uplink A dies (its routes with it) and B takes the default route: the server still sends to the
        // client's old address until an authenticated packet arrives from the new one.
        lab.client.exec("ip", "link", "set", UplinkLab.UPLINK_A, "down");
        lab.client.exec("ip", "route", "add", "default", "via", "10.2.0.1", "dev", UplinkLab.UPLINK_B);
        long switched = System.nanoTime();
        // Pings every 200 ms for up to 2 s; success means a reply came back over uplink B.
        assertTrue(UplinkLab.succeeds(lab.server, "ping", "-c", "1", "-i", "0.2", "-w", "2",
                UplinkLab.CLIENT_TUNNEL_IP), "server-to-client traffic resumes within 2 s; log: " + lab.log);
        assertTrue(System.nanoTime() - switched < TimeUnit.SECONDS.toNanos(2) + TimeUnit.MILLISECONDS.toNanos(100));
        assertTrue(lab.log.stream().anyMatch(l -> l.startsWith("IPv4 uplink moved from upa (#")),
                lab.log.toString());
    }

    @Test
    void aHandshakeFollowsWithin1sWhenTheUplinksCarrierReturns() throws Exception {
        lab.startClient(SERVER, false, ResumeSignal.NONE, Endpoint::resolve);
        assertTrue(lab.pingServer(56, 5));
        // The far end goes down: the client's uplink loses its carrier (a cable pulled, Wi-Fi out of range).
        lab.server.exec("ip", "link", "set", UplinkLab.UPLINK_A + "s", "down");
        awaitTrue("the watcher sees no uplink", () -> lab.watcher.uplink(false).isEmpty());
        Thread.sleep(30_000); // a 30 s outage, as a dropped Wi-Fi or a suspended laptop gives
        long completedBefore = lab.count(DeviceEvent.HandshakeCompleted.class);

        lab.server.exec("ip", "link", "set", UplinkLab.UPLINK_A + "s", "up");
        long up = System.nanoTime();
        awaitTrue("a handshake", () -> lab.count(DeviceEvent.HandshakeCompleted.class) > completedBefore);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - up);
        assertTrue(ms < 1000, "handshake " + ms + " ms after the link came back; log: " + lab.log);
        assertTrue(lab.log.stream().anyMatch(l -> l.startsWith("IPv4 uplink upa (#")
                && l.endsWith(" is back: handshake started with 1 peer")), lab.log.toString());
    }

    @Test
    void theTunnelFollowsItsServerToTheAddressItsNameNowHas() throws Exception {
        lab.clientHosts("10.9.0.1 wg-server.test\n");
        AtomicReference<Runnable> resume = new AtomicReference<>();
        lab.startClient(Endpoint.parse("wg-server.test:" + UplinkLab.PORT), false, onResume -> {
            resume.set(onResume);
            return () -> { };
        }, lab.namespaceResolver());
        assertTrue(lab.pingServer(56, 5));

        // The server moves to another address and DNS (here the namespace's hosts file) follows it.
        lab.server.exec("ip", "addr", "del", "10.9.0.1/32", "dev", "lo");
        lab.clientHosts("10.9.0.2 wg-server.test\n");
        assertFalse(lab.pingServer(56, 1), "the old address is gone");

        resume.get().run();
        awaitTrue("the endpoint moves", () -> new InetSocketAddress("10.9.0.2", UplinkLab.PORT)
                .equals(lab.device.peers().getFirst().endpoint()));
        assertTrue(lab.pingServer(56, 5), "the tunnel works again at the new address; log: " + lab.log);
        assertTrue(lab.log.stream().anyMatch(l -> l.endsWith(
                ": wg-server.test resolved again, endpoint 10.9.0.1:51820 → 10.9.0.2:51820")), lab.log.toString());
    }
}
