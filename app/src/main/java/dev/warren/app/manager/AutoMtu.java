package dev.warren.app.manager;

import dev.warren.bridge.NetworkConfigurator;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.TunnelConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;

/**
 * wg-quick's automatic MTU: the largest MTU of the routes to the peers' endpoints (or, without endpoints, of the
 * default route; 1500 if there is none), minus the 80 bytes of WireGuard-over-IPv6 overhead (40 IPv6 + 8 UDP +
 * 32 WireGuard), never below what the tunnel's address families need (1280 with IPv6, 576 for IPv4 only).
 */
final class AutoMtu {
    static final int OVERHEAD = 80;
    static final int ASSUMED_UPLINK_MTU = 1500;

    /**
     * A documentation address (TEST-NET-2): nothing routes it specifically, so its route is the default route.
     * Looking a route up sends nothing.
     */
    private static final InetAddress ANY_GLOBAL = IpNetwork.parseLiteral("198.51.100.1");

    private AutoMtu() {
    }

    /** The MTU for {@code config}: its own {@code MTU =} if set, else the automatic one. */
    static int mtuFor(TunnelConfig config, Collection<InetSocketAddress> endpoints, NetworkConfigurator net) {
        if (config.interfaceConfig().mtu().isPresent()) {
            return config.interfaceConfig().mtu().getAsInt();
        }
        int uplink = 0;
        for (InetSocketAddress e : endpoints) {
            uplink = Math.max(uplink, routeMtu(net, e.getAddress()));
        }
        if (uplink == 0) {
            uplink = routeMtu(net, ANY_GLOBAL);
        }
        boolean v6 = config.interfaceConfig().addresses().stream().anyMatch(a -> !a.isIpv4())
                || config.peers().stream().flatMap(p -> p.allowedIps().stream()).anyMatch(a -> !a.isIpv4());
        return fromUplink(uplink == 0 ? ASSUMED_UPLINK_MTU : uplink, v6);
    }

    /** The tunnel MTU over an uplink of {@code uplinkMtu}, with the floor of the families it carries. */
    static int fromUplink(int uplinkMtu, boolean carriesIpv6) {
        return Math.max(carriesIpv6 ? 1280 : 576, uplinkMtu - OVERHEAD);
    }

    /** The MTU of the route to {@code destination}, or 0 if there is no route. */
    private static int routeMtu(NetworkConfigurator net, InetAddress destination) {
        try {
            return net.lookupRoute(destination, 0).mtu();
        } catch (IOException e) {
            return 0;
        }
    }
}
