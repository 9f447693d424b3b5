package dev.warren.bridge.watch;

/**
 * wg-quick's automatic tunnel MTU from the MTU of the path its UDP takes: minus the 80 bytes of
 * WireGuard-over-IPv6 overhead (40 IPv6 + 8 UDP + 32 WireGuard), never below what the families the tunnel carries
 * need (IPv6's minimum of 1280, else IPv4's 576).
 */
public final class TunnelMtu {

    public static final int OVERHEAD = 80;
    public static final int IPV6_MINIMUM = 1280;
    public static final int IPV4_MINIMUM = 576;

    private TunnelMtu() {
    }

    public static int fromUplink(int uplinkMtu, boolean carriesIpv6) {
        return Math.max(carriesIpv6 ? IPV6_MINIMUM : IPV4_MINIMUM, uplinkMtu - OVERHEAD);
    }
}
