package dev.warren.bridge.windows.net;

import dev.warren.bridge.Closing;
import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.WindowsApiException;
import java.io.Closeable;
import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Follows the network by notification, never by polling: {@code NotifyRouteChange2} tells it when a default route
 * appears, goes or changes, and {@code NotifyIpInterfaceChange} when an interface's MTU, metric or connection state
 * changes. One monitor serves the whole manager; the listener fans the events out to the tunnels.
 *
 * <p>The uplink of a family is the connected non-tunnel interface whose default route has the lowest combined
 * metric (route metric + interface metric), which is the route Windows itself would pick for the tunnel's UDP if
 * the tunnel's own default route did not exist.
 */
public final class NetworkChangeMonitor implements Closeable {

    /** Runs on system notification threads: keep it short and never close the monitor from inside it. */
    public interface Listener {
        /** The family's uplink changed; empty when the family has no default route outside the tunnels. */
        void uplinkChanged(AddressFamily family, Optional<Uplink> uplink);

        /** The MTU of one of our own tunnel interfaces changed (e.g. {@code netsh interface ipv4 set subinterface}). */
        void tunnelMtuChanged(long luid, AddressFamily family, int mtu);
    }

    private final IpHelper ip;
    private final LongPredicate isTunnel;
    private final Listener listener;
    private final Map<AddressFamily, Optional<Uplink>> uplinks = new EnumMap<>(AddressFamily.class);
    private final Map<String, Integer> tunnelMtus = new HashMap<>();
    private Closeable routeRegistration;
    private Closeable interfaceRegistration;

    private NetworkChangeMonitor(IpHelper ip, LongPredicate isTunnel, Listener listener) {
        this.ip = ip;
        this.isTunnel = isTunnel;
        this.listener = listener;
    }

    /**
     * Registers both notifications, then reports each family's current uplink once. Registering first means no
     * change between the initial look and the registration can be missed.
     *
     * @param isTunnel whether a LUID is one of Warren's own adapters (never an uplink)
     */
    public static NetworkChangeMonitor start(IpHelper ip, LongPredicate isTunnel, Listener listener)
            throws IOException {
        NetworkChangeMonitor m = new NetworkChangeMonitor(ip, isTunnel, listener);
        try {
            m.routeRegistration = ip.notifyRouteChange(m::onRoute);
            m.interfaceRegistration = ip.notifyIpInterfaceChange(m::onInterface);
            for (AddressFamily family : AddressFamily.values()) {
                m.refresh(family);
            }
            return m;
        } catch (IOException | RuntimeException e) {
            Closing.afterFailure(e, m);
            throw e;
        }
    }

    /** The family's uplink as last seen. */
    public synchronized Optional<Uplink> uplink(AddressFamily family) {
        return uplinks.getOrDefault(family, Optional.empty());
    }

    private void onRoute(Route route, int notificationType) {
        if (route != null && route.isDefault()) {
            refreshQuietly(route.family());
        }
    }

    /**
     * The notification's row is used only for its key (family, LUID): the current values are read again, because the
     * system guarantees only the key fields of a notification row.
     */
    private void onInterface(IpInterface row, int notificationType) {
        if (row == null) {
            return;
        }
        if (!isTunnel.test(row.luid())) {
            // Any change of another interface may be the uplink's MTU or metric, or make that interface the better
            // uplink (metric, connected state): look again.
            refreshQuietly(row.family());
            return;
        }
        if (notificationType == IpHelper.MIB_DELETE_INSTANCE) {
            forgetTunnel(row);
            return;
        }
        try {
            tunnelMtu(ip.ipInterface(row.luid(), row.family()));
        } catch (IOException e) {
            // The tunnel's interface went away between the notification and the look; its deletion follows.
        }
    }

    private synchronized void tunnelMtu(IpInterface row) {
        Integer previous = tunnelMtus.put(row.luid() + "/" + row.family(), row.mtu());
        if (previous == null || previous != row.mtu()) {
            listener.tunnelMtuChanged(row.luid(), row.family(), row.mtu());
        }
    }

    private synchronized void forgetTunnel(IpInterface row) {
        tunnelMtus.remove(row.luid() + "/" + row.family());
    }

    private void refreshQuietly(AddressFamily family) {
        try {
            refresh(family);
        } catch (IOException e) {
            // The next notification retries; a failed look must not take the notification thread down.
        }
    }

    /** Serialised, so that two notification threads cannot report a family's uplinks out of order. */
    private synchronized void refresh(AddressFamily family) throws IOException {
        Optional<Uplink> best = findUplink(family);
        Optional<Uplink> previous = uplinks.put(family, best);
        if (!best.equals(previous)) {
            listener.uplinkChanged(family, best);
        }
    }

    private Optional<Uplink> findUplink(AddressFamily family) throws IOException {
        List<Route> routes = ip.routes(family);
        Uplink best = null;
        long bestMetric = Long.MAX_VALUE;
        for (Route r : routes) {
            if (!r.isDefault() || isTunnel.test(r.interfaceLuid())) {
                continue;
            }
            IpInterface iface;
            try {
                iface = ip.ipInterface(r.interfaceLuid(), family);
            } catch (WindowsApiException e) {
                continue;
            }
            if (!iface.connected()) {
                continue;
            }
            long metric = Integer.toUnsignedLong(r.metric()) + Integer.toUnsignedLong(iface.metric());
            if (metric < bestMetric) {
                bestMetric = metric;
                best = new Uplink(family, r.interfaceLuid(), r.interfaceIndex(), iface.mtu(), r.nextHop(), metric);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Cancels both notifications ({@code CancelMibChangeNotify2}); waits for running callbacks to finish. */
    @Override
    public void close() throws IOException {
        Closing.all(interfaceRegistration, routeRegistration);
    }
}
