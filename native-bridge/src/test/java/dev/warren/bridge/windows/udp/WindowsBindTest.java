package dev.warren.bridge.windows.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.ptr.IntByReference;
import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.NetworkWatch;
import dev.warren.bridge.windows.net.NetworkChangeMonitor;
import dev.warren.bridge.windows.net.UnicastInterfaceBinder;
import dev.warren.bridge.windows.net.Uplink;
import dev.warren.core.config.IpNetwork;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bind's logic against recording Winsock, a recording {@code setsockopt} under the real
 * {@link UnicastInterfaceBinder}, and a {@link NetworkWatch} whose monitor the test plays: socket set-up, pinning to
 * the uplink, re-pinning when it changes, rebinding, and close waking a blocked receive.
 */
class WindowsBindTest {

    private static final int IPPROTO_IP = 0;
    private static final int IPPROTO_IPV6 = 41;
    private static final int UNICAST_IF = 31;

    private final CallLog log = new CallLog();
    private final RecordingWinsock winsock = new RecordingWinsock(log);
    private int setsockoptFailure;
    private final UnicastInterfaceBinder binder = new UnicastInterfaceBinder(new UnicastInterfaceBinder.Ws2Library() {
        @Override
        public int setsockopt(long socket, int level, int optionName, IntByReference optionValue, int optionLength) {
            log.add("setsockopt", RecordingWinsock.name(socket), level, optionName,
                    "0x" + Integer.toHexString(optionValue.getValue()), optionLength);
            return setsockoptFailure == 0 ? 0 : SOCKET_ERROR;
        }

        @Override
        public int WSAGetLastError() {
            return setsockoptFailure;
        }
    });
    /** The monitor's listener (the watch's fan-out) while the watch runs. */
    private NetworkChangeMonitor.Listener monitor;
    private final NetworkWatch watch = new NetworkWatch(l -> {
        log.add("NetworkChangeMonitor.start");
        monitor = l;
        l.uplinkChanged(AddressFamily.INET, Optional.of(uplink(AddressFamily.INET, 7)));
        l.uplinkChanged(AddressFamily.INET6, Optional.empty());
        return () -> log.add("NetworkChangeMonitor.close");
    });
    private final WindowsBind bind = new WindowsBind(winsock, binder, watch);

    private static Uplink uplink(AddressFamily family, int index) {
        return new Uplink(family, 1000 + index, index, 1500,
                IpNetwork.parseLiteral(family == AddressFamily.INET ? "192.168.1.1" : "fe80::1"), 35);
    }

    @Test
    void openMakesADualStackSocketAndPinsItToEachFamilysUplink() throws Exception {
        assertEquals(51820, bind.open(51820));
        assertEquals(List.of(
                "WSAStartup(2.2)",
                "WSASocketW(23, SOCK_DGRAM, IPPROTO_UDP, -> s1)",
                "setsockopt(s1, 41, 27, 0)",
                "WSAIoctl(s1, 0x9800000c, false)",
                "WSAIoctl(s1, 0x9800000f, false)",
                "bind(s1, [0:0:0:0:0:0:0:0]:51820, 28)",
                "getsockname(s1)",
                "NetworkChangeMonitor.start()",
                "setsockopt(s1, 0, 31, 0x7000000, 4)",
                "setsockopt(s1, 41, 31, 0x0, 4)"), log.calls(),
                "IPV6_V6ONLY off before bind; IP_UNICAST_IF takes the index in network order, IPV6_UNICAST_IF in host "
                        + "order; no IPv6 uplink clears the IPv6 pin");
        assertEquals(51820, bind.port());
        bind.close();
    }

    @Test
    void aNewUplinkRePinsTheSocketAndTheSameOneDoesNothing() throws Exception {
        bind.open(0);
        log.clear();
        monitor.uplinkChanged(AddressFamily.INET, Optional.of(uplink(AddressFamily.INET, 9)));
        monitor.uplinkChanged(AddressFamily.INET, Optional.of(uplink(AddressFamily.INET, 9)));
        monitor.uplinkChanged(AddressFamily.INET6, Optional.of(uplink(AddressFamily.INET6, 4)));
        monitor.uplinkChanged(AddressFamily.INET, Optional.empty());
        assertEquals(List.of(
                "setsockopt(s1, " + IPPROTO_IP + ", " + UNICAST_IF + ", 0x9000000, 4)",
                "setsockopt(s1, " + IPPROTO_IPV6 + ", " + UNICAST_IF + ", 0x4, 4)",
                "setsockopt(s1, " + IPPROTO_IP + ", " + UNICAST_IF + ", 0x0, 4)"), log.calls(),
                "Wi-Fi to Ethernet, IPv6 appearing, IPv4 going: each is one setsockopt");
        bind.close();
    }

    @Test
    void aRebindPinsTheNewSocketBeforeClosingTheOld() throws Exception {
        int first = bind.open(0);
        monitor.uplinkChanged(AddressFamily.INET, Optional.of(uplink(AddressFamily.INET, 9)));
        log.clear();
        int second = bind.open(0);
        assertTrue(second != first, "a fresh ephemeral port");
        assertEquals(List.of(
                "WSASocketW(23, SOCK_DGRAM, IPPROTO_UDP, -> s2)",
                "setsockopt(s2, 41, 27, 0)",
                "WSAIoctl(s2, 0x9800000c, false)",
                "WSAIoctl(s2, 0x9800000f, false)",
                "bind(s2, [0:0:0:0:0:0:0:0]:0, 28)",
                "getsockname(s2)",
                "setsockopt(s2, 0, 31, 0x9000000, 4)",
                "setsockopt(s2, 41, 31, 0x0, 4)",
                "closesocket(s1)"), log.calls(), "one watch subscription for the bind's life; WSAStartup once");
        bind.close();
    }

    @Test
    void closeWakesABlockedReceiveWhichReturnsNullAndReleasesEverything() throws Exception {
        bind.open(51820);
        CompletableFuture<InetSocketAddress> receiver = CompletableFuture.supplyAsync(() -> {
            try {
                return bind.receive(ByteBuffer.allocateDirect(1500));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        while (winsock.receiving.get() == 0) {
            Thread.onSpinWait();
        }
        log.clear();
        bind.close();
        assertNull(receiver.get(10, TimeUnit.SECONDS), "closesocket made recvfrom return; the bind says closed");
        assertEquals(List.of("NetworkChangeMonitor.close()", "closesocket(s1)", "WSACleanup()"), log.calls(),
                "the watch stops with its last subscriber");
        assertEquals(0, bind.port());
        assertNull(bind.receive(ByteBuffer.allocateDirect(1500)));
        assertThrows(ClosedChannelException.class,
                () -> bind.send(ByteBuffer.allocateDirect(4), new InetSocketAddress("192.0.2.1", 51820)));
    }

    @Test
    void receiveCopiesTheDatagramAndReturnsAnIpv4SenderUnmappedAndCached() throws Exception {
        bind.open(51820);
        InetSocketAddress peer = new InetSocketAddress(IpNetwork.parseLiteral("192.0.2.1"), 51000);
        winsock.incoming.add(RecordingWinsock.Incoming.failure(Winsock.WSAEMSGSIZE));
        winsock.incoming.add(RecordingWinsock.Incoming.datagram(new byte[] {1, 2, 3, 4, 5}, peer));
        winsock.incoming.add(RecordingWinsock.Incoming.datagram(new byte[] {6, 7}, peer));
        ByteBuffer dst = ByteBuffer.allocateDirect(1500);
        dst.position(10);
        InetSocketAddress from = bind.receive(dst);
        assertEquals(peer, from, "the oversize datagram before it was dropped");
        assertInstanceOf(Inet4Address.class, from.getAddress());
        assertEquals(15, dst.position());
        assertEquals(3, dst.get(12));
        assertSame(from, bind.receive(dst.clear()), "the same sender bytes decode to the same object");
        assertEquals(2, dst.position());
        bind.close();
    }

    /** The engine's packets are heap buffers: they go through native staging memory both ways. */
    @Test
    void heapBuffersAreReceivedIntoAndSentFromAtTheirPosition() throws Exception {
        bind.open(51820);
        InetSocketAddress peer = new InetSocketAddress(IpNetwork.parseLiteral("192.0.2.1"), 51000);
        winsock.incoming.add(RecordingWinsock.Incoming.datagram(new byte[] {1, 2, 3, 4, 5}, peer));
        ByteBuffer dst = ByteBuffer.allocate(1500).position(10);
        assertEquals(peer, bind.receive(dst));
        assertEquals(15, dst.position());
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 0}, Arrays.copyOfRange(dst.array(), 9, 16));

        ByteBuffer src = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5}).position(2);
        bind.send(src, peer);
        assertEquals(5, src.position());
        assertArrayEquals(new byte[] {7, 6, 5}, winsock.sent.getLast());
        bind.close();
    }

    @Test
    void sendWritesAnIpv4DestinationMappedAndAnIpv6OneWithItsScope() throws Exception {
        bind.open(51820);
        log.clear();
        ByteBuffer src = ByteBuffer.allocateDirect(148);
        bind.send(src, new InetSocketAddress(IpNetwork.parseLiteral("192.0.2.1"), 51000));
        assertEquals(148, src.position());
        bind.send(src.flip().position(100), new InetSocketAddress(
                Inet6Address.getByAddress(null, IpNetwork.parseLiteral("fe80::2").getAddress(), 5), 443));
        assertEquals(List.of("sendto(s1, 148 bytes, [::ffff:192.0.2.1]:51000, 28)",
                "sendto(s1, 48 bytes, [fe80:0:0:0:0:0:0:2%5]:443, 28)"), log.calls());
        bind.close();
    }

    @Test
    void aSocketThatCannotBePinnedWithholdsSendsUntilAPinSucceeds() throws Exception {
        bind.open(51820);
        setsockoptFailure = 10022;
        monitor.uplinkChanged(AddressFamily.INET, Optional.of(uplink(AddressFamily.INET, 9)));
        var e = assertThrows(IOException.class,
                () -> bind.send(ByteBuffer.allocateDirect(4), new InetSocketAddress("192.0.2.1", 51820)));
        assertTrue(e.getMessage().contains("could not be pinned to the uplink"), e.getMessage());
        assertEquals(List.of(), log.callsTo("sendto"), "nothing went out unpinned");
        setsockoptFailure = 0;
        monitor.uplinkChanged(AddressFamily.INET, Optional.of(uplink(AddressFamily.INET, 11)));
        bind.send(ByteBuffer.allocateDirect(4), new InetSocketAddress("192.0.2.1", 51820));
        assertEquals(1, log.callsTo("sendto").size());
        bind.close();
    }

    @Test
    void aPortInUseIsNamedAndTheSocketClosed() throws Exception {
        winsock.failures.put("bind", Winsock.WSAEADDRINUSE);
        var e = assertThrows(IOException.class, () -> bind.open(51820));
        assertEquals("UDP port 51820 is in use", e.getMessage());
        assertEquals("closesocket(s1)", log.calls().getLast());
        assertEquals(List.of(), log.callsTo("NetworkChangeMonitor.start"), "no watch for a bind that never opened");
        bind.close();
        assertEquals("WSACleanup()", log.calls().getLast());
    }

    @Test
    void fwmarkIsNotAWindowsConcept() throws Exception {
        bind.open(51820);
        log.clear();
        bind.setFwmark(0xca6c);
        assertEquals(List.of(), log.calls());
        bind.close();
    }
}
