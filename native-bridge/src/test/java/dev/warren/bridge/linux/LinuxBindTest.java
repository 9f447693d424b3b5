package dev.warren.bridge.linux;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two namespaces joined by a veth pair, a LinuxBind in each. */
@Tag("netns")
class LinuxBindTest {

    private NetNs a;
    private NetNs b;
    private LinuxBind bindA;
    private LinuxBind bindB;

    @BeforeEach
    void link() throws Exception {
        a = NetNs.create("wbnda");
        b = NetNs.create("wbndb");
        a.exec("ip", "link", "add", "wbnd0", "type", "veth", "peer", "name", "wbnd1", "netns", b.name());
        a.exec("ip", "addr", "add", "10.66.0.1/24", "dev", "wbnd0");
        a.exec("ip", "addr", "add", "fd66::1/64", "dev", "wbnd0", "nodad");
        b.exec("ip", "addr", "add", "10.66.0.2/24", "dev", "wbnd1");
        b.exec("ip", "addr", "add", "fd66::2/64", "dev", "wbnd1", "nodad");
        a.exec("ip", "link", "set", "wbnd0", "up");
        b.exec("ip", "link", "set", "wbnd1", "up");
        bindA = new LinuxBind();
        bindB = new LinuxBind();
        a.call(() -> bindA.open(0));
        b.call(() -> bindB.open(0));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            bindA.close();
            bindB.close();
        } finally {
            try {
                a.close();
            } finally {
                b.close();
            }
        }
    }

    @Test
    void exchangesDatagramsOverIpv4AndIpv6() throws Exception {
        assertTrue(bindA.hasIpv6() && bindB.hasIpv6());
        for (String[] pair : new String[][] {{"10.66.0.1", "10.66.0.2"}, {"fd66::1", "fd66::2"}}) {
            InetSocketAddress toB = new InetSocketAddress(InetAddress.getByName(pair[1]), bindB.port());
            bindA.send(text("ping " + pair[1]), toB);
            ByteBuffer rx = ByteBuffer.allocateDirect(2048);
            InetSocketAddress from = bindB.receive(rx);
            assertEquals(new InetSocketAddress(InetAddress.getByName(pair[0]), bindA.port()), from);
            assertEquals("ping " + pair[1], string(rx));

            bindB.send(text("pong"), from);
            rx.clear();
            assertEquals(toB, bindA.receive(rx));
            assertEquals("pong", string(rx));
        }
    }

    @Test
    void repeatedSenderIsTheSameObjectSoReceivingAllocatesNoAddress() throws Exception {
        InetSocketAddress toB = new InetSocketAddress(InetAddress.getByName("10.66.0.2"), bindB.port());
        ByteBuffer rx = ByteBuffer.allocateDirect(2048);
        bindA.send(text("one"), toB);
        InetSocketAddress first = bindB.receive(rx);
        bindA.send(text("two"), toB);
        rx.clear();
        assertSame(first, bindB.receive(rx));
        assertEquals("two", string(rx));

        LinuxBind other = new LinuxBind();
        try {
            a.call(() -> other.open(0));
            other.send(text("three"), toB);
            rx.clear();
            InetSocketAddress third = bindB.receive(rx);
            assertEquals(other.port(), third.getPort(), "a different sender must not be mistaken for the cached one");
        } finally {
            other.close();
        }
    }

    /** Direct buffers, and the engine's heap buffers (through the per-thread staging buffer). */
    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {true, false})
    void steadyTrafficAllocatesNothingOnEitherFamily(boolean direct) throws Exception {
        for (String target : new String[] {"10.66.0.2", "fd66::2"}) {
            InetSocketAddress toB = new InetSocketAddress(InetAddress.getByName(target), bindB.port());
            ByteBuffer tx = direct ? ByteBuffer.allocateDirect(1400) : ByteBuffer.allocate(1400);
            ByteBuffer rx = direct ? ByteBuffer.allocateDirect(2048) : ByteBuffer.allocate(2048);
            InetSocketAddress sender = null;
            long before = 0;
            int rounds = 20_000;
            for (int i = -2_000; i < rounds; i++) {
                if (i == 0) {
                    before = AllocationCounter.currentThread();
                }
                tx.clear();
                bindA.send(tx, toB);
                rx.clear();
                sender = bindB.receive(rx);
            }
            long perPacket = (AllocationCounter.currentThread() - before) / rounds;
            assertEquals(1400, rx.position());
            assertEquals(bindA.port(), sender.getPort());
            assertEquals(0, perPacket, "bytes allocated per send+receive to " + target);
        }
    }

    @Test
    void fwmarkIsOnTheWire() throws Exception {
        a.exec("nft", "add", "table", "inet", "wbnd");
        a.exec("nft", "add", "chain", "inet", "wbnd", "out", "{ type filter hook output priority 0 ; }");
        a.exec("nft", "add", "rule", "inet", "wbnd", "out", "udp", "dport", String.valueOf(bindB.port()),
                "meta", "mark", "0x00001234", "counter");
        InetSocketAddress toB = new InetSocketAddress(InetAddress.getByName("10.66.0.2"), bindB.port());
        InetSocketAddress toB6 = new InetSocketAddress(InetAddress.getByName("fd66::2"), bindB.port());
        bindA.send(text("unmarked"), toB);
        assertEquals(0, markedPackets());
        bindA.setFwmark(0x1234);
        bindA.send(text("marked"), toB);
        bindA.send(text("marked"), toB6);
        assertEquals(2, markedPackets());

        a.call(() -> bindA.open(0));
        bindA.send(text("marked after rebind"), toB);
        assertEquals(3, markedPackets(), "the mark survives rebinding");
        bindA.setFwmark(0);
        bindA.send(text("unmarked again"), toB);
        assertEquals(3, markedPackets());
    }

    @Test
    void closeReleasesBlockedReceiver() throws Exception {
        CompletableFuture<InetSocketAddress> rx = receiveAsync(bindB);
        Thread.sleep(200);
        assertFalse(rx.isDone());
        bindB.close();
        assertNull(rx.get(5, TimeUnit.SECONDS));
        assertNull(bindB.receive(ByteBuffer.allocateDirect(64)));
        assertEquals(0, bindB.port());
        assertThrows(IOException.class, () -> bindB.send(text("x"), new InetSocketAddress("10.66.0.1", 9)));
    }

    @Test
    void rebindingMovesABlockedReceiverToTheNewPort() throws Exception {
        int oldPort = bindB.port();
        CompletableFuture<InetSocketAddress> rx = receiveAsync(bindB);
        Thread.sleep(200);
        int newPort = b.call(() -> bindB.open(0));
        assertNotEquals(oldPort, newPort);
        assertEquals(newPort, bindB.port());
        String sockets = b.exec("ss", "-uln");
        assertTrue(sockets.contains(":" + newPort + " "), sockets);
        assertFalse(sockets.contains(":" + oldPort + " "), sockets);

        bindA.send(text("to the new port"), new InetSocketAddress(InetAddress.getByName("fd66::2"), newPort));
        InetSocketAddress from = rx.get(5, TimeUnit.SECONDS);
        assertEquals(new InetSocketAddress(InetAddress.getByName("fd66::1"), bindA.port()), from);
    }

    @Test
    void explicitPortInUseIsAClearError() throws Exception {
        LinuxBind clash = new LinuxBind();
        try {
            IOException e = assertThrows(IOException.class, () -> b.call(() -> clash.open(bindB.port())));
            assertTrue(e.getMessage().contains("UDP port " + bindB.port() + " is in use"), e.getMessage());
        } finally {
            clash.close();
        }
    }

    private long markedPackets() throws Exception {
        String chain = a.exec("nft", "list", "chain", "inet", "wbnd", "out");
        Matcher m = Pattern.compile("counter packets (\\d+)").matcher(chain);
        assertTrue(m.find(), chain);
        return Long.parseLong(m.group(1));
    }

    private static CompletableFuture<InetSocketAddress> receiveAsync(LinuxBind bind) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return bind.receive(ByteBuffer.allocateDirect(2048));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static ByteBuffer text(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(raw.length).put(raw).flip();
    }

    private static String string(ByteBuffer rx) {
        byte[] raw = new byte[rx.position()];
        rx.get(0, raw);
        return new String(raw, StandardCharsets.UTF_8);
    }
}
