package dev.warren.bridge.watch;

/**
 * The interface a family's default traffic leaves by (outside every tunnel), and its MTU.
 *
 * @param interfaceIndex the OS interface index
 * @param mtu            its MTU as last reported
 */
record Uplink(int interfaceIndex, int mtu) {
}
