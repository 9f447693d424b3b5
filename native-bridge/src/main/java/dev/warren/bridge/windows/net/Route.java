package dev.warren.bridge.windows.net;

import dev.warren.bridge.windows.AddressFamily;
import dev.warren.core.config.IpNetwork;
import java.net.InetAddress;

/**
 * One IP route as the IP Helper sees it ({@code MIB_IPFORWARD_ROW2}'s interesting part).
 *
 * @param interfaceIndex 0 when the route is addressed by LUID only (creating one)
 * @param metric the route's metric offset, added to the interface metric
 */
public record Route(long interfaceLuid, int interfaceIndex, IpNetwork destination, InetAddress nextHop, int metric) {

    public Route {
        if (AddressFamily.of(destination.address()) != AddressFamily.of(nextHop)) {
            throw new IllegalArgumentException("route to " + destination + " has a next hop of the other family: "
                    + nextHop.getHostAddress());
        }
    }

    public AddressFamily family() {
        return AddressFamily.of(destination.address());
    }

    public boolean isDefault() {
        return destination.prefixLength() == 0;
    }
}
