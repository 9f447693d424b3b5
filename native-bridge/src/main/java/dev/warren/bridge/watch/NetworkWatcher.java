package dev.warren.bridge.watch;

import dev.warren.bridge.Closing;
import dev.warren.bridge.LinkEvent;
import dev.warren.bridge.NetworkConfigurator;
import dev.warren.bridge.NetworkListener;
import dev.warren.bridge.NetworkMonitor;
import dev.warren.bridge.Route;
import dev.warren.bridge.RouteEvent;
import dev.warren.bridge.RouteLookup;
import dev.warren.core.device.Device;
import dev.warren.core.device.EndpointReresolver;
import dev.warren.core.device.Peer;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The manager's one watch on the network: a single {@link NetworkMonitor} subscription and a
 * {@link ResumeSignal}, whose events fan out to every registered tunnel. Nothing polls: the monitor's thread
 * sleeps until the OS reports a change, and the watcher's own thread sleeps on its queue until the monitor or
 * the resume signal hands it something.
 *
 * <p>What a tunnel gets:
 * <ul>
 * <li>its interface was deleted from outside: it is told, so that the manager can report the tunnel broken;</li>
 * <li>its interface's MTU changed: the engine pads for the new MTU from the next packet on;</li>
 * <li>with MTU = auto, the uplink's MTU or the uplink itself changed: the tunnel MTU is derived again (the MTU of
 *     the route its UDP takes to its peers, as the kernel resolves it with the tunnel's firewall mark, minus 80,
 *     with the family floors) and set on the interface;</li>
 * <li>a new uplink, the uplink back (carrier, admin state, default route), or a resume from sleep: endpoint host
 *     names are resolved again and every peer gets a handshake at once, so the peer learns the new source
 *     address (roaming) instead of the tunnel staying dead until a timer fires;</li>
 * <li>a directly connected route of another interface came or went (an address added or removed, a link
 *     down): it is told, so that a kill-switch's local-network exception follows the LAN it is on now.</li>
 * </ul>
 *
 * <p>The UDP socket is not rebound on Linux: {@code LinuxBind} listens on the wildcard address without pinning a
 * source, so the kernel routes each datagram afresh — by the socket's firewall mark, which stays set — and the
 * datagrams after a route change already leave by the new uplink with its address. What the peer needs is an
 * authenticated packet from that address, which the forced handshake is. (Where a bind pins its source or
 * interface, as Windows' does, following the uplink is that bind's own business.)
 */
public final class NetworkWatcher implements Closeable {

    private static final Logger LOG = Logger.getLogger(NetworkWatcher.class.getName());
    private static final Object EVENTS_LOST = new Object();
    private static final Object RESUMED = new Object();
    private static final Object STOP = new Object();

    private final NetworkConfigurator net;
    private final EndpointReresolver.Resolver resolver;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final List<Registration> tunnels = new CopyOnWriteArrayList<>();
    private final Uplinks uplinks = new Uplinks();
    private final Thread thread;
    private Closeable monitorSubscription;
    private Closeable resumeSubscription;
    private volatile Optional<Uplink> uplink4 = Optional.empty();
    private volatile Optional<Uplink> uplink6 = Optional.empty();
    /** Each family's last uplink, kept while it has none: to tell "back" from "moved". */
    private Uplink lastUplink4;
    private Uplink lastUplink6;
    private boolean closed;

    private record Registration(WatchedTunnel tunnel, Reconnector reconnector) {
    }

    private NetworkWatcher(NetworkConfigurator net, EndpointReresolver.Resolver resolver) {
        this.net = net;
        this.resolver = resolver;
        this.thread = Thread.ofPlatform().daemon().name("warren-netwatch").unstarted(this::run);
    }

    /**
     * Starts watching. On Linux the monitor and the configurator watch and change the network namespace of the
     * thread that created them. The watcher closes neither {@code net} nor anything else it was given, except
     * its own subscriptions.
     *
     * @param net      looks up routes and sets the MTU of tunnels with MTU = auto; used only by the watcher's thread
     * @param resolver resolves endpoint host names again after a network change ({@code Endpoint::resolve}
     *                 outside tests)
     */
    public static NetworkWatcher start(NetworkMonitor monitor, NetworkConfigurator net, ResumeSignal resume,
            EndpointReresolver.Resolver resolver) throws IOException {
        NetworkWatcher w = new NetworkWatcher(net, resolver);
        w.thread.start();
        try {
            w.monitorSubscription = monitor.subscribe(w.new Inbox());
            w.resumeSubscription = resume.subscribe(() -> w.inbox.add(RESUMED));
        } catch (IOException | RuntimeException e) {
            Closing.afterFailure(e, w);
            throw e;
        }
        return w;
    }

    /** Starts following the network for a tunnel, until the returned handle is closed (before the device is). */
    public Closeable register(WatchedTunnel tunnel) {
        Registration r = new Registration(tunnel, new Reconnector(tunnel, resolver));
        tunnels.add(r);
        return () -> tunnels.remove(r);
    }

    /** The family's uplink as the watcher last worked it out. */
    Optional<Uplink> uplink(boolean ipv6) {
        return ipv6 ? uplink6 : uplink4;
    }

    /** Hands the monitor's events to the watcher's thread: the monitor's listener must return at once. */
    private final class Inbox implements NetworkListener {
        @Override
        public void linkChanged(LinkEvent event) {
            inbox.add(event);
        }

        @Override
        public void routeChanged(RouteEvent event) {
            inbox.add(event);
        }

        @Override
        public void eventsLost() {
            inbox.add(EVENTS_LOST);
        }
    }

    private void run() {
        List<Object> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(inbox.take());
                // Changes come in bursts (an address brings routes, a link flap several messages): act once a burst.
                inbox.drainTo(batch);
                if (batch.contains(STOP)) {
                    return;
                }
                try {
                    handle(batch);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "reacting to a network change failed", e);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(List<Object> batch) {
        boolean resumed = false;
        boolean lanChanged = false;
        for (Object o : batch) {
            if (o instanceof LinkEvent e) {
                uplinks.link(e);
                tunnelLinkChanged(e);
            } else if (o instanceof RouteEvent e) {
                uplinks.route(e);
                lanChanged |= isConnectedRoute(e);
            } else if (o == EVENTS_LOST) {
                uplinks.clear();
                lanChanged = true;
            } else if (o == RESUMED) {
                resumed = true;
            }
        }
        if (lanChanged) {
            for (Registration r : tunnels) {
                r.tunnel().localNetworksChanged().run();
            }
        }
        Optional<Uplink> now4 = uplinks.best(false, this::isTunnel);
        Optional<Uplink> now6 = uplinks.best(true, this::isTunnel);
        String change4 = describeChange("IPv4", uplink4, lastUplink4, now4);
        String change6 = describeChange("IPv6", uplink6, lastUplink6, now6);
        String change = resumed ? "resumed from sleep" : change4 != null ? change4 : change6;
        lastUplink4 = now4.orElse(lastUplink4);
        lastUplink6 = now6.orElse(lastUplink6);
        boolean mtuChanged = !now4.equals(uplink4) || !now6.equals(uplink6);
        uplink4 = now4;
        uplink6 = now6;
        if (change != null) {
            for (Registration r : tunnels) {
                r.reconnector().networkChanged(change);
            }
        }
        if (mtuChanged || change != null) {
            for (Registration r : tunnels) {
                if (r.tunnel().autoMtu()) {
                    deriveMtu(r.tunnel());
                }
            }
        }
    }

    /**
     * What changed about a family's uplink that calls for new handshakes, or null if nothing did: another
     * interface took over, or the uplink came back after the family had none for a while.
     */
    private static String describeChange(String family, Optional<Uplink> before, Uplink last, Optional<Uplink> now) {
        if (now.isEmpty() || (before.isPresent() && before.get().interfaceIndex() == now.get().interfaceIndex())) {
            return null;
        }
        Uplink u = now.get();
        if (last == null) {
            return family + " uplink is " + u.label();
        }
        return last.interfaceIndex() == u.interfaceIndex() ? family + " uplink " + u.label() + " is back"
                : family + " uplink moved from " + last.label() + " to " + u.label();
    }

    /**
     * A main-table route without gateway on an interface other than a tunnel: what the kernel adds and removes
     * with an address (and a link going down), i.e. a directly connected subnet.
     */
    private boolean isConnectedRoute(RouteEvent e) {
        return e.table() == Route.MAIN_TABLE && e.gateway() == null && !e.isDefault() && e.interfaceIndex() != 0
                && !isTunnel(e.interfaceIndex());
    }

    private boolean isTunnel(int index) {
        for (Registration r : tunnels) {
            if (r.tunnel().interfaceIndex() == index) {
                return true;
            }
        }
        return false;
    }

    /** The tunnel's own interface changed: the engine pads for its MTU from the next packet; or it was deleted. */
    private void tunnelLinkChanged(LinkEvent e) {
        if (e.deleted()) {
            for (Registration r : tunnels) {
                if (r.tunnel().interfaceIndex() == e.index()) {
                    r.tunnel().deleted().run();
                }
            }
            return;
        }
        if (e.mtu() == 0) {
            return;
        }
        for (Registration r : tunnels) {
            Device d = r.tunnel().device();
            if (r.tunnel().interfaceIndex() == e.index() && d.mtu() != e.mtu()) {
                int old = d.mtu();
                d.setMtu(e.mtu());
                r.tunnel().log().accept("interface MTU " + old + " → " + e.mtu() + ": packets are padded for it");
            }
        }
    }

    /**
     * MTU = auto: the largest MTU of the routes the tunnel's UDP takes to its peers (asked with its firewall mark,
     * so the tunnel's own default route does not count), else the uplink's; minus the overhead.
     */
    private void deriveMtu(WatchedTunnel t) {
        Device d = t.device();
        int path = 0;
        for (Peer p : d.peers()) {
            InetSocketAddress ep = p.endpoint();
            if (ep == null) {
                continue;
            }
            try {
                RouteLookup route = net.lookupRoute(ep.getAddress(), d.fwmark());
                if (!isTunnel(route.interfaceIndex())) {
                    path = Math.max(path, route.mtu());
                }
            } catch (IOException | UnsupportedOperationException unreachable) {
                // No route to this peer right now, or no lookup "as marked" on this OS (Windows has no firewall
                // marks; a config's own FwMark still reaches the device): the others, or the uplink, decide.
            }
        }
        if (path == 0) {
            path = Math.max(uplink4.map(Uplink::mtu).orElse(0), uplink6.map(Uplink::mtu).orElse(0));
        }
        if (path == 0) {
            return;
        }
        int mtu = TunnelMtu.fromUplink(path, t.carriesIpv6());
        try {
            int old = net.mtu(t.interfaceIndex());
            if (old != mtu) {
                net.setMtu(t.interfaceIndex(), mtu);
                d.setMtu(mtu);
                t.log().accept("uplink MTU " + path + ": tunnel MTU " + old + " → " + mtu);
            }
        } catch (IOException e) {
            t.log().accept("setting the tunnel MTU to " + mtu + " for an uplink MTU of " + path + " failed: "
                    + e.getMessage());
        }
    }

    /** Stops the subscriptions and the watcher's thread; registered tunnels are left as they are. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Closing.all(resumeSubscription, monitorSubscription);
        } finally {
            inbox.add(STOP);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
