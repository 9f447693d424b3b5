package dev.warren.bridge.linux;

import dev.warren.bridge.LinkEvent;
import dev.warren.bridge.NetworkListener;
import dev.warren.bridge.RouteEvent;
import dev.warren.core.config.IpNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.Closeable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("netns")
class LinuxNetworkMonitorTest {

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private NetNs ns;
    private Closeable subscription;

    @BeforeEach
    void subscribe() throws Exception {
        ns = NetNs.create("wmon");
        subscription = ns.call(() -> new LinuxNetworkMonitor().subscribe(recorder()));
    }

    private NetworkListener recorder() {
        return new NetworkListener() {
            @Override
            public void linkChanged(LinkEvent event) {
                events.add(event);
            }

            @Override
            public void routeChanged(RouteEvent event) {
                events.add(event);
            }

            @Override
            public void eventsLost() {
                events.add("lost");
            }
        };
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            subscription.close();
        } finally {
            ns.close();
        }
    }

    @Test
    void linkCreationMtuStateAndDeletion() throws Exception {
        ns.exec("ip", "link", "add", "wmon0", "type", "veth", "peer", "name", "wmon1");
        LinkEvent created = await(LinkEvent.class, e -> e.name().equals("wmon0") && !e.deleted());
        int index = created.index();
        assertTrue(index > 0);

        ns.exec("ip", "link", "set", "wmon0", "mtu", "1300");
        assertNotNull(await(LinkEvent.class, e -> e.index() == index && e.mtu() == 1300));

        ns.exec("ip", "link", "set", "wmon0", "up");
        LinkEvent up = await(LinkEvent.class, e -> e.index() == index && e.up());
        assertFalse(up.running(), "the peer end is still down, so there is no carrier");
        ns.exec("ip", "link", "set", "wmon1", "up");
        assertNotNull(await(LinkEvent.class, e -> e.index() == index && e.up() && e.running()));
        ns.exec("ip", "link", "set", "wmon0", "down");
        assertNotNull(await(LinkEvent.class, e -> e.index() == index && !e.up()));

        ns.exec("ip", "link", "del", "wmon0");
        LinkEvent deleted = await(LinkEvent.class, e -> e.index() == index && e.deleted());
        assertEquals("wmon0", deleted.name());
    }

    @Test
    void routeAdditionAndRemovalForBothFamilies() throws Exception {
        ns.exec("ip", "link", "add", "wmon0", "type", "veth", "peer", "name", "wmon1");
        ns.exec("ip", "link", "set", "wmon0", "up");
        int index = await(LinkEvent.class, e -> e.name().equals("wmon0")).index();

        ns.exec("ip", "route", "add", "10.5.0.0/16", "dev", "wmon0", "metric", "7");
        RouteEvent v4 = await(RouteEvent.class, e -> e.destination().equals(IpNetwork.parse("10.5.0.0/16")));
        assertEquals(index, v4.interfaceIndex());
        assertEquals(7, v4.metric());
        assertEquals(254, v4.table());
        assertFalse(v4.deleted());
        assertNull(v4.gateway());

        ns.exec("ip", "-6", "route", "add", "default", "via", "fe80::1", "dev", "wmon0", "table", "300");
        RouteEvent v6 = await(RouteEvent.class, e -> e.isDefault() && !e.destination().isIpv4());
        assertEquals(IpNetwork.parseLiteral("fe80::1"), v6.gateway());
        assertEquals(300, v6.table());

        ns.exec("ip", "route", "del", "10.5.0.0/16", "dev", "wmon0");
        assertNotNull(await(RouteEvent.class,
                e -> e.destination().equals(IpNetwork.parse("10.5.0.0/16")) && e.deleted()));
    }

    @Test
    void currentStateIsReportedFirst() throws Exception {
        ns.exec("ip", "link", "add", "wpre0", "type", "veth", "peer", "name", "wpre1");
        ns.exec("ip", "link", "set", "wpre0", "up");
        ns.exec("ip", "route", "add", "10.6.0.0/16", "dev", "wpre0");
        assertNotNull(await(RouteEvent.class, e -> e.destination().equals(IpNetwork.parse("10.6.0.0/16"))));
        events.clear();
        try (Closeable _ = ns.call(() -> new LinuxNetworkMonitor().subscribe(recorder()))) {
            assertNotNull(await(LinkEvent.class, e -> e.name().equals("lo") && e.up()));
            assertNotNull(await(LinkEvent.class, e -> e.name().equals("wpre0") && e.up() && e.mtu() == 1500));
            assertNotNull(await(RouteEvent.class, e -> e.destination().equals(IpNetwork.parse("10.6.0.0/16"))));
        }
    }

    @Test
    void closingStopsTheWatcherThread() throws Exception {
        assertTrue(monitorThreads() >= 1);
        subscription.close();
        assertEquals(0, monitorThreads(), "close() returns only after the watcher thread ended");
        subscription = () -> { };
    }

    private static long monitorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("warren-netlink-monitor")).count();
    }

    /** The first event of {@code type} matching {@code p} within 5 s (others are skipped). */
    private <T> T await(Class<T> type, Predicate<T> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            long left = deadline - System.nanoTime();
            Object e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching " + type.getSimpleName() + " within 5 s");
            }
            if (type.isInstance(e) && p.test(type.cast(e))) {
                return type.cast(e);
            }
        }
    }
}
