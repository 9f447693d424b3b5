package dev.warren.bridge.linux;

import dev.warren.bridge.InterfaceDeletedException;
import dev.warren.core.config.IpNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("netns")
class LinuxTunTest {

    private NetNs ns;

    @BeforeEach
    void namespace() throws Exception {
        ns = NetNs.create("wtun");
    }

    @AfterEach
    void cleanup() throws Exception {
        ns.close();
    }

    @Test
    void createsInterfaceWithMtuAndLinkStateVisibleToIp() throws Exception {
        try (LinuxTun tun = ns.call(() -> LinuxTun.create("wtest0"))) {
            assertEquals("wtest0", tun.name());
            tun.setMtu(1420);
            tun.setUp(true);
            String json = ns.exec("ip", "-j", "link", "show", "dev", "wtest0");
            assertTrue(json.contains("\"mtu\":1420"), json);
            assertTrue(json.contains("\"ifindex\":" + tun.index() + ","), json);
            assertTrue(json.matches("(?s).*\"flags\":\\[[^]]*\"UP\".*"), json);
            assertEquals(1420, tun.mtu());
            assertTrue(tun.isUp());

            tun.setUp(false);
            assertFalse(tun.isUp());
            assertFalse(ns.exec("ip", "-j", "link", "show", "dev", "wtest0").matches("(?s).*\"flags\":\\[[^]]*\"UP\".*"));
        }
        assertThrows(IOException.class, () -> ns.exec("ip", "link", "show", "dev", "wtest0"),
                "closing the fd removes the (non-persistent) interface");
    }

    @Test
    void kernelPicksNumberForPattern() throws Exception {
        try (LinuxTun tun = ns.call(() -> LinuxTun.create("wpat%d"))) {
            assertEquals("wpat0", tun.name());
        }
    }

    @Test
    void pingRoutedIntoTunIsReadAndAnsweredThroughIt() throws Exception {
        try (LinuxTun tun = ns.call(() -> LinuxTun.create("wping0"));
             LinuxNetworkConfigurator net = ns.call(LinuxNetworkConfigurator::new)) {
            net.setMtu(tun.index(), 1380);
            net.addAddress(tun.index(), IpNetwork.parse("10.77.0.1/24"));
            net.setUp(tun.index(), true);
            String addr = ns.exec("ip", "-j", "addr", "show", "dev", "wping0");
            assertTrue(addr.contains("\"mtu\":1380") && addr.contains("\"local\":\"10.77.0.1\",\"prefixlen\":24"), addr);
            assertEquals(1380, tun.mtu());

            Process ping = ns.start("ping", "-c", "1", "-W", "5", "10.77.0.2");
            try {
                ByteBuffer buf = ByteBuffer.allocateDirect(2048);
                while (true) {
                    buf.clear();
                    int n = tun.read(buf);
                    assertEquals(n, buf.position());
                    if (IcmpPackets.isEchoRequest(buf, 0, n, "10.77.0.1", "10.77.0.2")) {
                        break;
                    }
                }
                buf.flip();
                ByteBuffer reply = ByteBuffer.allocateDirect(2048);
                IcmpPackets.echoReply(buf, reply);
                reply.flip();
                int len = reply.remaining();
                tun.write(reply);
                assertEquals(len, reply.position());
                assertTrue(ping.waitFor(10, TimeUnit.SECONDS));
                String out = new String(ping.getInputStream().readAllBytes());
                assertEquals(0, ping.exitValue(), out);
                assertTrue(out.contains("1 received"), out);
            } finally {
                ping.destroyForcibly();
            }
        }
    }

    @Test
    void ipv6PingRoutedIntoTunIsReadAndAnsweredThroughIt() throws Exception {
        try (LinuxTun tun = ns.call(() -> LinuxTun.create("wping6"));
             LinuxNetworkConfigurator net = ns.call(LinuxNetworkConfigurator::new)) {
            net.addAddress(tun.index(), IpNetwork.parse("fd77::1/64"));
            net.setUp(tun.index(), true);
            Process ping = ns.start("ping", "-6", "-c", "1", "-W", "5", "fd77::2");
            try {
                ByteBuffer buf = ByteBuffer.allocateDirect(2048);
                while (true) {
                    buf.clear();
                    int n = tun.read(buf);
                    if (IcmpPackets.isEchoRequest6(buf, n, "fd77::1", "fd77::2")) {
                        break;
                    }
                }
                buf.flip();
                ByteBuffer reply = ByteBuffer.allocateDirect(2048);
                IcmpPackets.echoReply6(buf, reply);
                tun.write(reply.flip());
                assertTrue(ping.waitFor(10, TimeUnit.SECONDS));
                String out = new String(ping.getInputStream().readAllBytes());
                assertEquals(0, ping.exitValue(), out);
                assertTrue(out.contains("1 received"), out);
            } finally {
                ping.destroyForcibly();
            }
        }
    }

    /**
     * Echo requests written into the TUN are answered by the namespace's own stack, and the replies come back
     * out of the TUN: steady packet I/O through both directions, which must not allocate, with direct buffers and
     * with the heap buffers the engine uses (which go through the per-thread staging buffer).
     */
    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {true, false})
    void steadyPacketIoAllocatesNothing(boolean direct) throws Exception {
        String name = direct ? "walloc0" : "walloc1";
        try (LinuxTun tun = ns.call(() -> LinuxTun.create(name))) {
            tun.setUp(true);
            ns.exec("ip", "addr", "add", "10.78.0.1/24", "dev", name);
            ByteBuffer request = IcmpPackets.echoRequest("10.78.0.2", "10.78.0.1");
            if (!direct) {
                request = ByteBuffer.allocate(request.remaining()).put(request).flip();
            }
            ByteBuffer reply = direct ? ByteBuffer.allocateDirect(2048) : ByteBuffer.allocate(2048);
            long before = 0;
            int rounds = 20_000;
            for (int i = -2_000; i < rounds; i++) {
                if (i == 0) {
                    before = AllocationCounter.currentThread();
                }
                request.position(0);
                tun.write(request);
                reply.clear();
                tun.read(reply);
            }
            long perPacket = (AllocationCounter.currentThread() - before) / rounds;
            assertTrue(IcmpPackets.isEchoReply(reply, "10.78.0.1", "10.78.0.2"), "the stack answered the pings");
            assertEquals(0, perPacket, "bytes allocated per write+read");
        }
    }

    @Test
    void closeUnblocksEveryReaderWhichThenSeesEndOfStream() throws Exception {
        LinuxTun tun = ns.call(() -> LinuxTun.create("wclose0"));
        List<CompletableFuture<Integer>> reads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            reads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return tun.read(ByteBuffer.allocateDirect(2048));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, task -> Thread.ofPlatform().daemon().start(task)));
        }
        Thread.sleep(200);
        assertFalse(reads.stream().anyMatch(CompletableFuture::isDone),
                "nothing was routed into the TUN, so every read must still be waiting");
        tun.close();
        for (CompletableFuture<Integer> read : reads) {
            assertEquals(-1, read.get(5, TimeUnit.SECONDS));
        }
        assertEquals(-1, tun.read(ByteBuffer.allocateDirect(2048)));
        assertThrows(IOException.class, () -> tun.write(IcmpPackets.minimalIpv4()));
        tun.close();
    }

    @Test
    void deletionFromOutsideIsReportedToBlockedReader() throws Exception {
        try (LinuxTun tun = ns.call(() -> LinuxTun.create("wdel0"))) {
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return tun.read(ByteBuffer.allocateDirect(2048));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(200);
            ns.exec("ip", "link", "del", "wdel0");
            ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(5, TimeUnit.SECONDS));
            assertInstanceOf(InterfaceDeletedException.class, e.getCause().getCause());
            assertThrows(InterfaceDeletedException.class, () -> tun.write(IcmpPackets.minimalIpv4()));
        }
    }

    @Test
    void rejectsBadNames() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ns.call(() -> LinuxTun.create("a-name-that-is-too-long")));
        assertTrue(e.getMessage().contains("1-15"), e.getMessage());
    }
}
