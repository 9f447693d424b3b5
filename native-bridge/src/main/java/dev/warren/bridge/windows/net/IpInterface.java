package dev.warren.bridge.windows.net;

import dev.warren.bridge.windows.AddressFamily;

/**
 * The per-family settings of an IP interface that Warren reads or changes ({@code MIB_IPINTERFACE_ROW}'s
 * interesting part). {@link IpHelper#setIpInterface} writes {@code mtu}, {@code automaticMetric}, {@code metric},
 * {@code routerDiscovery} and {@code dadTransmits} and keeps every other field as the system has it.
 */
public record IpInterface(AddressFamily family, long luid, int index, int mtu, boolean automaticMetric, int metric,
        boolean connected, boolean routerDiscovery, int dadTransmits) {

    public IpInterface withMtu(int newMtu) {
        return new IpInterface(family, luid, index, newMtu, automaticMetric, metric, connected, routerDiscovery,
                dadTransmits);
    }

    /** A fixed interface metric (automatic metric off). */
    public IpInterface withFixedMetric(int newMetric) {
        return new IpInterface(family, luid, index, mtu, false, newMetric, connected, routerDiscovery, dadTransmits);
    }

    /**
     * No router discovery and no duplicate address detection: a point-to-point tunnel has no routers to discover
     * and no neighbours to collide with, and DAD would hold the addresses "tentative" for a second after start.
     */
    public IpInterface asTunnel() {
        return new IpInterface(family, luid, index, mtu, automaticMetric, metric, connected, false, 0);
    }
}
