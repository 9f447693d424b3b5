package dev.warren.bridge.windows.net;

import dev.warren.core.config.IpNetwork;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a tunnel asks of its interface: the {@code Address} lines, the routes (every peer's AllowedIPs, unless the
 * config turned routing off) and the MTU (empty: leave the adapter's).
 */
public record InterfaceSettings(List<IpNetwork> addresses, List<IpNetwork> routes, OptionalInt mtu) {

    public InterfaceSettings {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        mtu.ifPresent(m -> {
            if (m < 576 || m > 65535) {
                throw new IllegalArgumentException("MTU must be 576-65535, not " + m);
            }
        });
    }
}
