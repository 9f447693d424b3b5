package dev.warren.bridge.windows;

import dev.warren.bridge.NetworkConfigurator;
import dev.warren.bridge.PolicyRule;
import dev.warren.bridge.Route;
import dev.warren.bridge.RouteLookup;
import dev.warren.bridge.windows.net.IpHelper;
import dev.warren.bridge.windows.net.IpInterface;
import dev.warren.bridge.windows.wintun.AdapterGuid;
import dev.warren.core.config.IpNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.util.OptionalLong;

/**
 * The OS-neutral {@link NetworkConfigurator} on the IP Helper: interface indexes become LUIDs
 * ({@code ConvertInterfaceIndexToLuid}), which is what every IP Helper call takes.
 *
 * <p>What Windows does differently, and what this class therefore does:
 * <ul>
 *   <li>There is one routing table and no policy rules: {@link #addRule}/{@link #removeRule} and routes into any
 *       table but the main one are refused. A full tunnel avoids the routing loop by pinning its UDP socket to the
 *       uplink ({@code IP_UNICAST_IF}, see {@code WindowsBind}) instead.</li>
 *   <li>An interface has one MTU per address family; {@link #setMtu} sets every family the adapter has.</li>
 *   <li>{@link #setUp} does nothing: a Wintun adapter's link is up exactly while a session runs on it.</li>
 * </ul>
 */
public final class WindowsNetworkConfigurator implements NetworkConfigurator {

    /** IPv6 requires every link to carry at least 1280-byte packets (RFC 8200). */
    public static final int IPV6_MIN_MTU = 1280;

    private final IpHelper ip;

    public WindowsNetworkConfigurator(IpHelper ip) {
        this.ip = ip;
    }

    /**
     * The index of tunnel {@code name}'s Wintun adapter, found by the GUID Warren gave it ({@link AdapterGuid}), so a
     * same-named adapter of another program is never mistaken for it.
     */
    @Override
    public int interfaceIndex(String name) throws IOException {
        try {
            return ip.indexFromLuid(ip.luidFromGuid(AdapterGuid.forTunnel(name)));
        } catch (WindowsApiException e) {
            throw new IOException("there is no Warren adapter for tunnel " + name + " (is the tunnel running?)", e);
        }
    }

    /**
     * Found by Warren's GUID, so certainly Warren's. {@code WintunTun.create} reopens and reuses it at the tunnel's next
     * start; until then it sits idle with no session, and removing it by hand is a Device Manager matter.
     */
    @Override
    public String leftoverInterfaceAdvice(String name) {
        return "Warren's network adapter for tunnel " + name + " still exists; it is reused when the tunnel next "
                + "starts, or you can uninstall it in Device Manager under Network adapters";
    }

    /** {@code ConvertInterfaceIndexToLuid}: the kill-switch's WFP filters match the tunnel by it. */
    @Override
    public OptionalLong interfaceLuid(int interfaceIndex) throws IOException {
        return OptionalLong.of(ip.luidFromIndex(interfaceIndex));
    }

    /**
     * {@code CreateUnicastIpAddressEntry}. Windows refuses an address that is already there with
     * {@code ERROR_OBJECT_ALREADY_EXISTS}, which alone would not tell the user what to do. "There" is either another
     * interface or this very adapter: a reused adapter (see {@code WintunTun.create}) still carries the addresses of
     * the manager that left it, so the message names both.
     */
    @Override
    public void addAddress(int interfaceIndex, IpNetwork address) throws IOException {
        try {
            ip.createUnicastAddress(ip.luidFromIndex(interfaceIndex), address);
        } catch (WindowsApiException e) {
            if (e.code() == WindowsApiException.ERROR_OBJECT_ALREADY_EXISTS) {
                throw new IOException("address " + address.address().getHostAddress() + " is already assigned, "
                        + "either to another interface (stop whatever uses it first) or to this tunnel's adapter, "
                        + "left with it by a manager that did not stop cleanly (uninstall the adapter in Device "
                        + "Manager under Network adapters)", e);
            }
            throw e;
        }
    }

    @Override
    public void removeAddress(int interfaceIndex, IpNetwork address) throws IOException {
        ip.deleteUnicastAddress(ip.luidFromIndex(interfaceIndex), address);
    }

    /**
     * A default route also gives its family's interface row a fixed metric of 0, as WireGuard for Windows does: Windows
     * compares route metric plus interface metric, and the physical uplink's automatic metric would otherwise win.
     * (The row goes with the adapter when the tunnel stops.)
     */
    @Override
    public void addRoute(Route route) throws IOException {
        dev.warren.bridge.windows.net.Route r = windowsRoute(route);
        ip.createRoute(r);
        if (route.destination().prefixLength() == 0) {
            ip.setIpInterface(ip.ipInterface(r.interfaceLuid(), r.family()).withFixedMetric(0));
        }
    }

    @Override
    public void removeRoute(Route route) throws IOException {
        ip.deleteRoute(windowsRoute(route));
    }

    /** An on-link route (next hop unspecified, as a point-to-point tunnel needs) addressed by LUID. */
    private dev.warren.bridge.windows.net.Route windowsRoute(Route route) throws WindowsApiException {
        if (route.table() != Route.MAIN_TABLE) {
            throw new UnsupportedOperationException("route " + route + ": Windows has a single routing table; "
                    + "routes into other tables are Linux policy routing");
        }
        return new dev.warren.bridge.windows.net.Route(ip.luidFromIndex(route.interfaceIndex()), 0,
                route.destination(), unspecified(route.destination().address()), route.metric());
    }

    /**
     * Sets the MTU of every address family the interface has. An IPv6 row is left alone below 1280, where IPv6 cannot
     * run (Linux likewise takes IPv6 off such a link): an IPv4-only tunnel may still use a small MTU.
     */
    @Override
    public void setMtu(int interfaceIndex, int mtu) throws IOException {
        if (mtu < 576 || mtu > 65535) {
            throw new IllegalArgumentException("MTU must be 576-65535, not " + mtu);
        }
        long luid = ip.luidFromIndex(interfaceIndex);
        boolean set = false;
        for (AddressFamily family : AddressFamily.values()) {
            if (family == AddressFamily.INET6 && mtu < IPV6_MIN_MTU) {
                continue;
            }
            IpInterface row = row(luid, family);
            if (row != null) {
                ip.setIpInterface(row.withMtu(mtu));
                set = true;
            }
        }
        if (!set) {
            throw new IOException("interface #" + interfaceIndex + " has no IPv4"
                    + (mtu < IPV6_MIN_MTU ? "" : " or IPv6") + " to set an MTU of " + mtu + " on");
        }
    }

    /**
     * Windows has no administrative link state to set: a Wintun adapter reports its media as connected while a session
     * runs, so the link follows the TUN device's lifetime. Bringing it up instead makes each family's row a tunnel's
     * ({@link IpInterface#asTunnel}: no router discovery, no duplicate address detection), as WireGuard for Windows
     * does for its adapters: there are no routers or neighbours behind a point-to-point tunnel to ask.
     */
    @Override
    public void setUp(int interfaceIndex, boolean up) throws IOException {
        if (!up) {
            return;
        }
        long luid = ip.luidFromIndex(interfaceIndex);
        for (AddressFamily family : AddressFamily.values()) {
            IpInterface row = row(luid, family);
            if (row != null) {
                ip.setIpInterface(row.asTunnel());
            }
        }
    }

    @Override
    public int mtu(int interfaceIndex) throws IOException {
        return interfaceMtu(ip, ip.luidFromIndex(interfaceIndex));
    }

    /** The IPv4 MTU, or the IPv6 one on an adapter without IPv4: the figure an OS-neutral caller means by "the MTU". */
    static int interfaceMtu(IpHelper ip, long luid) throws IOException {
        IpInterface row = row(ip, luid, AddressFamily.INET);
        if (row == null) {
            row = ip.ipInterface(luid, AddressFamily.INET6);
        }
        return row.mtu();
    }

    /**
     * {@code GetBestRoute2} and the output interface's MTU for that family.
     *
     * @throws UnsupportedOperationException for a non-zero {@code fwmark}: Windows has no firewall marks. The route the
     *     tunnel's own packets take is the uplink its socket is pinned to, reported as default-route events by the
     *     network monitor.
     */
    @Override
    public RouteLookup lookupRoute(InetAddress destination, int fwmark) throws IOException {
        if (fwmark != 0) {
            throw new UnsupportedOperationException("route lookup as fwmark 0x" + Integer.toHexString(fwmark)
                    + ": Windows has no firewall marks; the tunnel's UDP follows the uplink the network monitor reports");
        }
        dev.warren.bridge.windows.net.Route best = ip.bestRoute(destination);
        int mtu = ip.ipInterface(best.interfaceLuid(), AddressFamily.of(destination)).mtu();
        InetAddress gateway = best.nextHop().isAnyLocalAddress() ? null : best.nextHop();
        return new RouteLookup(best.interfaceIndex(), gateway, mtu);
    }

    @Override
    public void addRule(PolicyRule rule) {
        throw noPolicyRouting(rule);
    }

    @Override
    public void removeRule(PolicyRule rule) {
        throw noPolicyRouting(rule);
    }

    private static UnsupportedOperationException noPolicyRouting(PolicyRule rule) {
        return new UnsupportedOperationException("'" + rule + "': Windows has no policy routing; Warren keeps a full "
                + "tunnel's own UDP out of the tunnel by pinning its socket to the uplink interface (IP_UNICAST_IF) "
                + "instead of with fwmark rules");
    }

    /** Nothing to release: the IP Helper binding is shared for the life of the process. */
    @Override
    public void close() {
    }

    private IpInterface row(long luid, AddressFamily family) throws WindowsApiException {
        return row(ip, luid, family);
    }

    /** The family's interface row, or null when the family is not enabled on the interface. */
    private static IpInterface row(IpHelper ip, long luid, AddressFamily family) throws WindowsApiException {
        try {
            return ip.ipInterface(luid, family);
        } catch (WindowsApiException e) {
            if (e.code() == WindowsApiException.ERROR_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static InetAddress unspecified(InetAddress like) {
        return IpNetwork.parseLiteral(AddressFamily.of(like) == AddressFamily.INET ? "0.0.0.0" : "::");
    }
}
