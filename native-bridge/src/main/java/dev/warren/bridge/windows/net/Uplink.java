package dev.warren.bridge.windows.net;

import dev.warren.bridge.windows.AddressFamily;
import java.net.InetAddress;

/**
 * The interface carrying a family's best default route outside every tunnel: where the tunnel's own UDP must go
 * ({@code IP_UNICAST_IF} / {@code IPV6_UNICAST_IF} take {@code interfaceIndex}), and whose MTU an "auto" tunnel
 * MTU follows.
 *
 * @param nextHop the default route's gateway (the unspecified address when the route is on-link)
 * @param metric the route's effective metric: route metric plus interface metric, as Windows compares them
 */
public record Uplink(AddressFamily family, long luid, int interfaceIndex, int mtu, InetAddress nextHop, long metric) {
}
