package dev.warren.bridge;

import dev.warren.core.config.IpNetwork;

import java.net.InetAddress;

/**
 * A route was added or removed.
 *
 * @param interfaceIndex the output interface, or 0 if the route has none (e.g. multipath or blackhole)
 * @param gateway        the next hop, or null for a directly connected route
 */
public record RouteEvent(IpNetwork destination, int interfaceIndex, InetAddress gateway, int table, int metric,
                         boolean deleted) {

    /** True for a default route (0.0.0.0/0 or ::/0): the events issue 10's uplink tracking cares about. */
    public boolean isDefault() {
        return destination.prefixLength() == 0;
    }
}
