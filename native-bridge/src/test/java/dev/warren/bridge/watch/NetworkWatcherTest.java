package dev.warren.bridge.watch;

import static dev.warren.core.testing.DevicePair.await;
import static dev.warren.core.testing.DevicePair.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.LinkEvent;
import dev.warren.bridge.NetworkConfigurator;
import dev.warren.bridge.NetworkListener;
import dev.warren.bridge.NetworkMonitor;
import dev.warren.bridge.PolicyRule;
import dev.warren.bridge.Route;
import dev.warren.bridge.RouteEvent;
import dev.warren.bridge.RouteLookup;
import dev.warren.core.config.Endpoint;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import dev.warren.core.device.DeviceEvent;
import dev.warren.core.testing.DevicePair;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher's reactions, driven by a scripted monitor and resume signal, on two in-memory engines (a is the
 * watched tunnel, interface #10; the uplinks are #2 and #3).
 */
class NetworkWatcherTest {

    private static final int TUNNEL = 10;
    private static final int ETH = 2;
    private static final int WLAN = 3;
    private static final IpNetwork ANY4 = IpNetwork.parse("0.0.0.0/0");

    private final ScriptedMonitor monitor = new ScriptedMonitor();
    private final RecordingConfigurator net = new RecordingConfigurator();
    private final AtomicReference<Runnable> resume = new AtomicReference<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicReference<InetSocketAddress> dns = new AtomicReference<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger deletions = new AtomicInteger();
    private final AtomicInteger lanChanges = new AtomicInteger();
    private DevicePair pair;
    private NetworkWatcher watcher;

    @BeforeEach
    void start() throws Exception {
        pair = new DevicePair();
        watcher = NetworkWatcher.start(monitor, net, onResume -> {
            resume.set(onResume);
            return () -> resume.set(null);
        }, e -> {
            lookups.incrementAndGet();
            InetSocketAddress a = dns.get();
            if (a == null) {
                throw new UnknownHostException(e.host());
            }
            return a;
        });
        link(ETH, 1500, true);
        link(WLAN, 1500, true);
        route(ETH, 100, false);
        link(TUNNEL, DevicePair.MTU, true);
        net.mtus.put(TUNNEL, DevicePair.MTU);
        // The first uplink to appear is a change too: let it pass before a tunnel registers.
        await("the initial uplink", () -> watcher.uplink(false).isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        watcher.close();
        pair.close();
    }

    private void link(int index, int mtu, boolean running) {
        monitor.listener.linkChanged(new LinkEvent(index, "if" + index, mtu, true, running, false));
    }

    private void route(int index, int metric, boolean deleted) {
        monitor.listener.routeChanged(new RouteEvent(ANY4, index, IpNetwork.parseLiteral("192.0.2.254"),
                Route.MAIN_TABLE, metric, deleted));
    }

    /** The uplink's MTU changes, as the kernel reports it in link events and route lookups. */
    private void uplinkMtu(int mtu) {
        net.linkMtus.put(ETH, mtu);
        link(ETH, mtu, true);
    }

    private Closeable register(boolean autoMtu, boolean v6, Map<Key, Endpoint> named) {
        return watcher.register(new WatchedTunnel(TUNNEL, pair.a, named, autoMtu, v6, log::add, deletions::incrementAndGet,
                lanChanges::incrementAndGet));
    }

    private long initiations() {
        return count(pair.eventsA, DeviceEvent.HandshakeInitiated.class);
    }

    /** Connects a to b and moves the clock past the flood limit, so that a forced handshake may go. */
    private void connected() throws InterruptedException {
        pair.roundTripAtoB(100, 1);
        pair.clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void theTunnelInterfacesMtuReachesTheEngine() {
        register(false, false, Map.of());
        link(TUNNEL, 1300, true);
        await("engine MTU 1300", () -> pair.a.mtu() == 1300);
        await("logged", () -> log.contains("interface MTU 1420 → 1300: packets are padded for it"));
        assertEquals(Map.of(TUNNEL, DevicePair.MTU), net.mtus, "the interface itself is left alone");
    }

    @Test
    void aConnectedSubnetOfAnotherInterfaceComingOrGoingIsALanChange() {
        register(false, false, Map.of());
        IpNetwork lan = IpNetwork.parse("192.168.7.0/24");
        // Not the LAN: the tunnel's own subnet, a route via a gateway, another table.
        monitor.listener.routeChanged(new RouteEvent(IpNetwork.parse("10.66.0.0/24"), TUNNEL, null, Route.MAIN_TABLE,
                0, false));
        monitor.listener.routeChanged(new RouteEvent(IpNetwork.parse("10.9.0.0/16"), WLAN,
                IpNetwork.parseLiteral("192.168.7.1"), Route.MAIN_TABLE, 0, false));
        monitor.listener.routeChanged(new RouteEvent(lan, WLAN, null, 255, 0, false));
        // Markers: the queue is ordered, so what came before them was handled when they were.
        link(TUNNEL, 1300, true);
        await("the marker handled", () -> pair.a.mtu() == 1300);
        assertEquals(0, lanChanges.get(), "no LAN change yet");

        monitor.listener.routeChanged(new RouteEvent(lan, WLAN, null, Route.MAIN_TABLE, 600, false));
        await("a new address on the Wi-Fi", () -> lanChanges.get() == 1);
        monitor.listener.routeChanged(new RouteEvent(lan, WLAN, null, Route.MAIN_TABLE, 600, true));
        await("and gone again", () -> lanChanges.get() == 2);
        monitor.listener.eventsLost();
        await("lost events may have been anything", () -> lanChanges.get() == 3);
    }

    @Test
    void aTunnelInterfaceDeletedFromOutsideIsReportedWhileRegistered() throws Exception {
        Closeable c = register(false, false, Map.of());
        watcher.register(new WatchedTunnel(TUNNEL + 1, pair.b, Map.of(), false, false, l -> { }, () -> { }, () -> { }));
        monitor.listener.linkChanged(new LinkEvent(WLAN, "if3", 1500, false, false, true));
        monitor.listener.linkChanged(new LinkEvent(TUNNEL, "wga", DevicePair.MTU, false, false, true));
        await("the deletion reported", () -> deletions.get() == 1);

        c.close();
        monitor.listener.linkChanged(new LinkEvent(TUNNEL, "wga", DevicePair.MTU, false, false, true));
        // A marker for the still registered tunnel: the queue is ordered, so the deletion above was handled.
        link(TUNNEL + 1, 1300, true);
        await("the marker handled", () -> pair.b.mtu() == 1300);
        assertEquals(1, deletions.get(), "a closed registration hears of no deletion");
    }

    @Test
    void anAutoMtuFollowsTheUplinksMtuWithTheIpv4Floor() {
        net.routes.put(pair.peerBOnA.endpoint().getAddress(), ETH);
        register(true, false, Map.of());
        uplinkMtu(1400);
        await("tunnel MTU 1320", () -> net.mtus.get(TUNNEL) == 1320 && pair.a.mtu() == 1320);
        await("logged", () -> log.contains("uplink MTU 1400: tunnel MTU 1420 → 1320"));
        uplinkMtu(1300);
        await("IPv4-only tunnel: 1220", () -> net.mtus.get(TUNNEL) == 1220);
        uplinkMtu(600);
        await("IPv4 floor 576", () -> net.mtus.get(TUNNEL) == 576);
    }

    /** A config's own FwMark on Windows: the marked lookup is refused there, and the uplink decides. */
    @Test
    void anAutoMtuFollowsTheUplinkWhereRouteLookupsByMarkAreUnsupported() throws Exception {
        net.marksUnsupported = true;
        net.routes.put(pair.peerBOnA.endpoint().getAddress(), ETH);
        pair.a.setFwmark(51820);
        register(true, false, Map.of());
        uplinkMtu(1400);
        await("tunnel MTU 1320", () -> net.mtus.get(TUNNEL) == 1320 && pair.a.mtu() == 1320);
    }

    @Test
    void anAutoMtuWithoutARouteToThePeerFollowsTheUplink() {
        register(true, false, Map.of());
        link(ETH, 1400, true);
        await("tunnel MTU 1320", () -> net.mtus.get(TUNNEL) == 1320);
    }

    @Test
    void anIpv6TunnelStaysAt1280() {
        net.routes.put(pair.peerBOnA.endpoint().getAddress(), ETH);
        register(true, true, Map.of());
        uplinkMtu(1300);
        await("IPv6 floor 1280", () -> net.mtus.get(TUNNEL) == 1280);
    }

    @Test
    void aFixedMtuIsNeverChanged() {
        net.routes.put(pair.peerBOnA.endpoint().getAddress(), ETH);
        register(false, true, Map.of());
        uplinkMtu(1300);
        // A marker: the tunnel's event goes through the same ordered queue after the uplink's.
        link(TUNNEL, 1419, true);
        await("the tunnel event handled", () -> pair.a.mtu() == 1419);
        assertEquals(DevicePair.MTU, net.mtus.get(TUNNEL), "MTU = 1420 in the config stays");
        assertTrue(log.stream().noneMatch(l -> l.startsWith("uplink MTU")), log.toString());
    }

    @Test
    void aNewUplinkStartsAHandshakeAtOnce() throws Exception {
        register(false, false, Map.of());
        connected();
        long before = initiations();

        route(WLAN, 50, false);
        await("a forced handshake", () -> initiations() == before + 1);
        await("logged",
                () -> log.contains("IPv4 uplink moved from if2 (#2) to if3 (#3): handshake started with 1 peer"));
        await("it completes", () -> count(pair.eventsA, DeviceEvent.HandshakeCompleted.class) == 2);
    }

    @Test
    void routesThatAreNotAnUplinkChangeNothing() throws Exception {
        register(false, false, Map.of());
        connected();
        long before = initiations();
        // The tunnel's own default route (wg-quick's table), a worse default route and a more specific route.
        monitor.listener.routeChanged(new RouteEvent(ANY4, TUNNEL, null, 51820, 0, false));
        monitor.listener.routeChanged(new RouteEvent(ANY4, TUNNEL, null, Route.MAIN_TABLE, 0, false));
        route(WLAN, 600, false);
        monitor.listener.routeChanged(new RouteEvent(IpNetwork.parse("198.51.100.0/24"), WLAN, null,
                Route.MAIN_TABLE, 0, false));
        // A marker the test can wait for: the tunnel's MTU event goes through the same queue after them.
        link(TUNNEL, 1400, true);
        await("queue handled", () -> pair.a.mtu() == 1400);
        assertEquals(before, initiations());
    }

    @Test
    void theUplinkComingBackStartsAHandshake() throws Exception {
        register(false, false, Map.of());
        connected();
        long before = initiations();
        link(ETH, 1500, false);
        link(TUNNEL, 1400, true);
        await("queue handled", () -> pair.a.mtu() == 1400);
        assertEquals(before, initiations(), "nothing to do while there is no uplink");

        link(ETH, 1500, true);
        await("a forced handshake when the carrier is back", () -> initiations() == before + 1);
        await("logged", () -> log.contains("IPv4 uplink if2 (#2) is back: handshake started with 1 peer"));
    }

    @Test
    void resumeFromSleepStartsAHandshake() throws Exception {
        register(false, false, Map.of());
        connected();
        long before = initiations();
        resume.get().run();
        await("a forced handshake", () -> initiations() == before + 1);
        await("logged", () -> log.contains("resumed from sleep: handshake started with 1 peer"));
    }

    @Test
    void aNameThatResolvesElsewhereAfterANetworkChangeMovesThePeer() throws Exception {
        InetSocketAddress real = pair.peerBOnA.endpoint();
        InetSocketAddress stale = new InetSocketAddress("192.0.2.99", real.getPort());
        pair.peerBOnA.setEndpoint(stale);
        register(false, false, Map.of(pair.b.publicKey(), Endpoint.parse("b.example:" + real.getPort())));

        dns.set(real);
        route(WLAN, 50, false);
        await("the tunnel follows the name", () -> count(pair.eventsA, DeviceEvent.HandshakeCompleted.class) == 1);
        assertEquals(real, pair.peerBOnA.endpoint());
        await("logged", () -> log.contains("peer " + pair.b.publicKey() + ": b.example resolved again, endpoint "
                + "192.0.2.99:51820 → 192.0.2.2:51820"));
    }

    @Test
    void aRoamedPeerStaysWhereItIsWhileItsNameSaysTheSame() throws Exception {
        InetSocketAddress resolvedAtStart = pair.peerBOnA.endpoint();
        register(false, false, Map.of(pair.b.publicKey(), Endpoint.parse("b.example:51820")));
        InetSocketAddress roamed = new InetSocketAddress("192.0.2.77", 51820);
        pair.peerBOnA.setEndpoint(roamed);
        dns.set(resolvedAtStart);
        resume.get().run();
        await("handshake", () -> log.contains("resumed from sleep: handshake started with 1 peer"));
        assertEquals(1, lookups.get());
        assertEquals(roamed, pair.peerBOnA.endpoint());
        assertTrue(log.stream().noneMatch(l -> l.contains("resolved again")), log.toString());
    }

    @Test
    void aClosedRegistrationGetsNothingMore() throws Exception {
        Closeable c = register(false, false, Map.of());
        watcher.register(new WatchedTunnel(TUNNEL + 1, pair.b, Map.of(), false, false, l -> { }, () -> { }, () -> { }));
        connected();
        long before = initiations();
        c.close();
        resume.get().run();
        link(TUNNEL, 1300, true);
        route(WLAN, 50, false);
        // A marker for the still registered tunnel: the queue is ordered, so everything above was handled.
        link(TUNNEL + 1, 1300, true);
        await("the other tunnel's event handled", () -> pair.b.mtu() == 1300);
        assertEquals(before, initiations());
        assertEquals(DevicePair.MTU, pair.a.mtu());
    }

    @Test
    void closingStopsTheSubscriptions() throws Exception {
        watcher.close();
        assertTrue(monitor.closed);
        assertEquals(null, resume.get());
    }

    /** Hands the test the listener; events are then delivered from the test's thread. */
    private static final class ScriptedMonitor implements NetworkMonitor {
        volatile NetworkListener listener;
        volatile boolean closed;

        @Override
        public Closeable subscribe(NetworkListener l) {
            listener = l;
            return () -> closed = true;
        }
    }

    /** Interface MTUs and routes to destinations as the test sets them; records the MTUs set. */
    private static final class RecordingConfigurator implements NetworkConfigurator {
        final Map<Integer, Integer> mtus = new ConcurrentHashMap<>();
        final Map<InetAddress, Integer> routes = new ConcurrentHashMap<>();
        /** Link MTUs as the kernel would report them in a route lookup. */
        final Map<Integer, Integer> linkMtus = new ConcurrentHashMap<>();
        /** As on Windows: no firewall marks, so a lookup "as marked" is refused. */
        volatile boolean marksUnsupported;

        @Override
        public void setMtu(int interfaceIndex, int mtu) {
            mtus.put(interfaceIndex, mtu);
        }

        @Override
        public String leftoverInterfaceAdvice(String name) {
            throw new UnsupportedOperationException("the watcher never reports leftovers");
        }

        @Override
        public int mtu(int interfaceIndex) throws IOException {
            Integer m = mtus.get(interfaceIndex);
            if (m == null) {
                throw new IOException("no interface #" + interfaceIndex);
            }
            return m;
        }

        @Override
        public RouteLookup lookupRoute(InetAddress destination, int fwmark) throws IOException {
            if (marksUnsupported && fwmark != 0) {
                throw new UnsupportedOperationException("no firewall marks here");
            }
            Integer index = routes.get(destination);
            if (index == null) {
                throw new IOException("Network is unreachable");
            }
            return new RouteLookup(index, null, linkMtus.getOrDefault(index, 0));
        }

        @Override
        public int interfaceIndex(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addAddress(int interfaceIndex, IpNetwork address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeAddress(int interfaceIndex, IpNetwork address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addRoute(Route route) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeRoute(Route route) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setUp(int interfaceIndex, boolean up) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addRule(PolicyRule rule) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeRule(PolicyRule rule) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
