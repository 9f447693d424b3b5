package dev.warren.bridge.windows;

import dev.warren.bridge.LinkEvent;
import dev.warren.bridge.NetworkListener;
import dev.warren.bridge.NetworkMonitor;
import dev.warren.bridge.Route;
import dev.warren.bridge.RouteEvent;
import dev.warren.bridge.windows.net.IpHelper;
import dev.warren.bridge.windows.net.NetworkChangeMonitor;
import dev.warren.bridge.windows.net.Uplink;
import dev.warren.core.config.IpNetwork;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OS-neutral {@link NetworkMonitor} on Windows, translating the shared {@link NetworkWatch}
 * ({@code NotifyRouteChange2} / {@code NotifyIpInterfaceChange}) into the events the Linux monitor delivers:
 * <ul>
 *   <li>a family's uplink moving to another interface: a deleted default {@link RouteEvent} for the old one, then
 *       a {@link LinkEvent} with the new one's MTU and an added default {@link RouteEvent} for it;</li>
 *   <li>the uplink's MTU changing: a {@link LinkEvent} for it (its name is empty: Windows names an uplink by LUID,
 *       and nothing here needs more);</li>
 *   <li>the MTU of one of Warren's own adapters changing: a {@link LinkEvent} with the tunnel's name and the
 *       smallest MTU of its address families, the one every packet fits.</li>
 * </ul>
 * Subscribing first reports Warren's live adapters, then the current uplinks, as if they had just appeared. Events
 * arrive on the system's notification threads, one at a time. Windows does not drop route or interface
 * notifications the way a full netlink socket does, so {@link NetworkListener#eventsLost()} is never called.
 */
public final class WindowsNetworkMonitor implements NetworkMonitor {

    private final NetworkWatch watch;
    private final TunnelAdapters tunnels;
    private final IpHelper ip;

    public WindowsNetworkMonitor(NetworkWatch watch, TunnelAdapters tunnels, IpHelper ip) {
        this.watch = watch;
        this.tunnels = tunnels;
        this.ip = ip;
    }

    @Override
    public Closeable subscribe(NetworkListener listener) throws IOException {
        Translator translator = new Translator(listener);
        for (TunnelAdapters.Adapter a : tunnels.all()) {
            int mtu;
            try {
                mtu = WindowsNetworkConfigurator.interfaceMtu(ip, a.luid());
            } catch (WindowsApiException e) {
                continue; // closing at this moment: it is no longer there to report
            }
            translator.tunnelMtu(a, mtu);
        }
        return watch.subscribe(translator);
    }

    /** One subscriber's view: what it was last told, so that it hears only of changes. */
    private final class Translator implements NetworkChangeMonitor.Listener {
        private final NetworkListener listener;
        private final Map<AddressFamily, Uplink> uplinks = new EnumMap<>(AddressFamily.class);
        private final Map<Long, Map<AddressFamily, Integer>> tunnelMtus = new HashMap<>();
        private final Map<Long, Integer> reportedMtus = new HashMap<>();

        Translator(NetworkListener listener) {
            this.listener = listener;
        }

        @Override
        public synchronized void uplinkChanged(AddressFamily family, Optional<Uplink> uplink) {
            Uplink previous = uplinks.get(family);
            Uplink now = uplink.orElse(null);
            boolean moved = previous == null || now == null || previous.interfaceIndex() != now.interfaceIndex();
            if (previous != null && moved) {
                listener.routeChanged(defaultRoute(previous, true));
            }
            if (now != null && (moved || previous.mtu() != now.mtu())) {
                listener.linkChanged(new LinkEvent(now.interfaceIndex(), "", now.mtu(), true, true, false));
            }
            if (now != null && moved) {
                listener.routeChanged(defaultRoute(now, false));
            }
            if (now == null) {
                uplinks.remove(family);
            } else {
                uplinks.put(family, now);
            }
        }

        @Override
        public synchronized void tunnelMtuChanged(long luid, AddressFamily family, int mtu) {
            tunnels.get(luid).ifPresent(a -> {
                Map<AddressFamily, Integer> families = tunnelMtus.computeIfAbsent(luid,
                        l -> new EnumMap<>(AddressFamily.class));
                families.put(family, mtu);
                tunnelMtu(a, families.values().stream().mapToInt(Integer::intValue).min().orElseThrow());
            });
        }

        synchronized void tunnelMtu(TunnelAdapters.Adapter a, int mtu) {
            Integer previous = reportedMtus.put(a.luid(), mtu);
            if (previous == null || previous != mtu) {
                listener.linkChanged(new LinkEvent(a.index(), a.name(), mtu, true, true, false));
            }
        }
    }

    private static RouteEvent defaultRoute(Uplink u, boolean deleted) {
        IpNetwork destination = IpNetwork.parse(u.family() == AddressFamily.INET ? "0.0.0.0/0" : "::/0");
        InetAddress gateway = u.nextHop().isAnyLocalAddress() ? null : u.nextHop();
        return new RouteEvent(destination, u.interfaceIndex(), gateway, Route.MAIN_TABLE,
                (int) Math.min(Integer.MAX_VALUE, u.metric()), deleted);
    }
}
