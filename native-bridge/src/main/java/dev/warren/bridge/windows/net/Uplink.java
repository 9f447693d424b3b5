package dev.warren.bridge.windows.net;

import dev.warren.bridge.windows.AddressFamily;

/**
 * The interface carrying a family's best default route outside every tunnel: where the tunnel's own UDP must go
 * ({@code IP_UNICAST_IF} / {@code IPV6_UNICAST_IF} take {@code interfaceIndex}), and whose MTU an "auto" tunnel
 * MTU follows.
 */
public record Uplink(AddressFamily family, long luid, int interfaceIndex, int mtu) {
}
