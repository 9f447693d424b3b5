package dev.warren.bridge;

import java.net.InetAddress;

/**
 * Where the OS would send a packet for a given destination (Linux {@code ip route get}): the uplink a tunnel's
 * UDP packets leave by, and the MTU that "MTU = auto" derives from (wg-quick: the largest such MTU, minus 80).
 *
 * @param interfaceIndex the output interface
 * @param gateway        the next hop, or null if the destination is on-link
 * @param mtu            the route's own MTU if it has one, else the output interface's
 */
public record RouteLookup(int interfaceIndex, InetAddress gateway, int mtu) {
}
