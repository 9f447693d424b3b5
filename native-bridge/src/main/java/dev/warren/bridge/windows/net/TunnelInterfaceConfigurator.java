package dev.warren.bridge.windows.net;

import dev.warren.bridge.Closing;
import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.core.config.IpNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts a tunnel's addresses, routes, MTU and metric on its adapter, one address family at a time (IPv4, then
 * IPv6), in the order WireGuard for Windows uses: routes, addresses, then the interface row.
 *
 * <p>Only families the tunnel uses are touched, so a machine with IPv6 unbound from adapters still runs IPv4-only
 * tunnels. A family that carries a default route gets a fixed interface metric of 0, so that its routes beat the
 * physical uplink's automatic metric.
 */
public final class TunnelInterfaceConfigurator {

    /** IPv6 requires every link to carry at least 1280-byte packets (RFC 8200). */
    public static final int IPV6_MIN_MTU = 1280;

    private final IpHelper ip;

    public TunnelInterfaceConfigurator(IpHelper ip) {
        this.ip = ip;
    }

    /**
     * Configures the interface {@code luid}. If any call fails, the routes and addresses created so far are removed
     * again before the error is thrown.
     *
     * @return what was created, to {@link AppliedInterface#remove() remove} when the tunnel stops
     */
    public AppliedInterface apply(long luid, InterfaceSettings settings) throws IOException {
        AppliedInterface applied = new AppliedInterface(ip, luid);
        try {
            for (AddressFamily family : AddressFamily.values()) {
                applyFamily(luid, family, settings, applied);
            }
            return applied;
        } catch (IOException | RuntimeException e) {
            Closing.afterFailure(e, applied::remove);
            throw e;
        }
    }

    private void applyFamily(long luid, AddressFamily family, InterfaceSettings settings, AppliedInterface applied)
            throws IOException {
        Set<IpNetwork> routes = new LinkedHashSet<>();
        for (IpNetwork r : settings.routes()) {
            if (AddressFamily.of(r.address()) == family) {
                routes.add(r.masked());
            }
        }
        List<IpNetwork> addresses = settings.addresses().stream()
                .filter(a -> AddressFamily.of(a.address()) == family).toList();
        if (routes.isEmpty() && addresses.isEmpty()) {
            return;
        }
        if (family == AddressFamily.INET6 && settings.mtu().isPresent() && settings.mtu().getAsInt() < IPV6_MIN_MTU) {
            throw new IllegalArgumentException("MTU " + settings.mtu().getAsInt() + " is below IPv6's minimum of "
                    + IPV6_MIN_MTU + ", but the tunnel has IPv6 addresses or routes");
        }
        InetAddress onLink = unspecified(family);
        boolean defaultRoute = false;
        for (IpNetwork destination : routes) {
            Route route = new Route(luid, 0, destination, onLink, 0);
            ip.createRoute(route);
            applied.routes.add(route);
            defaultRoute |= destination.prefixLength() == 0;
        }
        for (IpNetwork address : addresses) {
            try {
                ip.createUnicastAddress(luid, address);
            } catch (WindowsApiException e) {
                if (e.code() == WindowsApiException.ERROR_OBJECT_ALREADY_EXISTS) {
                    throw new IOException("address " + address.address().getHostAddress()
                            + " is already assigned to another interface; stop whatever uses it first", e);
                }
                throw e;
            }
            applied.addresses.add(address);
        }
        IpInterface row = ip.ipInterface(luid, family).asTunnel();
        if (settings.mtu().isPresent()) {
            row = row.withMtu(settings.mtu().getAsInt());
        }
        if (defaultRoute) {
            row = row.withFixedMetric(0);
        }
        ip.setIpInterface(row);
        applied.families.add(family);
    }

    private static InetAddress unspecified(AddressFamily family) {
        return IpNetwork.parseLiteral(family == AddressFamily.INET ? "0.0.0.0" : "::");
    }

    /** The routes and addresses {@link #apply} created on one interface. */
    public static final class AppliedInterface {
        private final IpHelper ip;
        private final long luid;
        private final List<Route> routes = new ArrayList<>();
        private final List<IpNetwork> addresses = new ArrayList<>();
        private final Set<AddressFamily> families = EnumSet.noneOf(AddressFamily.class);

        private AppliedInterface(IpHelper ip, long luid) {
            this.ip = ip;
            this.luid = luid;
        }

        public long luid() {
            return luid;
        }

        /**
         * Sets a new MTU on every family the tunnel uses, e.g. when an "auto" MTU follows a changed uplink
         * ({@link NetworkChangeMonitor}): uplink MTU − 80, as WireGuard's overhead on IPv6 is 80 bytes.
         */
        public synchronized void setMtu(int mtu) throws IOException {
            if (mtu < 576 || mtu > 65535) {
                throw new IllegalArgumentException("MTU must be 576-65535, not " + mtu);
            }
            for (AddressFamily family : families) {
                if (family == AddressFamily.INET6 && mtu < IPV6_MIN_MTU) {
                    throw new IllegalArgumentException("MTU " + mtu + " is below IPv6's minimum of " + IPV6_MIN_MTU
                            + ", but the tunnel has IPv6 addresses or routes");
                }
            }
            for (AddressFamily family : families) {
                ip.setIpInterface(ip.ipInterface(luid, family).withMtu(mtu));
            }
        }

        /**
         * Deletes the addresses, then the routes, newest first. Entries already gone ({@code ERROR_NOT_FOUND}, e.g.
         * because the adapter was removed first) are fine; every other failure is reported after trying the rest.
         */
        public synchronized void remove() throws IOException {
            IOException failure = null;
            for (int i = addresses.size() - 1; i >= 0; i--) {
                try {
                    ip.deleteUnicastAddress(luid, addresses.get(i));
                } catch (WindowsApiException e) {
                    failure = collect(failure, e);
                }
            }
            for (int i = routes.size() - 1; i >= 0; i--) {
                try {
                    ip.deleteRoute(routes.get(i));
                } catch (WindowsApiException e) {
                    failure = collect(failure, e);
                }
            }
            addresses.clear();
            routes.clear();
            if (failure != null) {
                throw failure;
            }
        }

        private static IOException collect(IOException first, WindowsApiException e) {
            if (e.code() == WindowsApiException.ERROR_NOT_FOUND) {
                return first;
            }
            if (first == null) {
                return e;
            }
            first.addSuppressed(e);
            return first;
        }
    }
}
