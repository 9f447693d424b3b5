package dev.warren.bridge.watch;

import dev.warren.core.config.Endpoint;
import dev.warren.core.config.Key;
import dev.warren.core.config.PeerConfig;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.device.Device;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A running tunnel as the {@link NetworkWatcher} needs to know it.
 *
 * @param interfaceIndex its OS interface (never taken for an uplink)
 * @param device         its engine
 * @param namedEndpoints the peers whose endpoint is a host name, to resolve again when the network changes (IP
 *                       literals are never re-resolved)
 * @param autoMtu        true if its MTU follows the uplink's (config without {@code MTU =})
 * @param carriesIpv6    true if it has an IPv6 address or allowed IP: its automatic MTU then stays at 1280 or more
 * @param log            where the watcher says what it did for this tunnel (the manager's ring log)
 * @param deleted        called (on the watcher's thread; return quickly) if the interface is deleted while
 *                       registered, i.e. from outside ({@code ip link del})
 * @param localNetworksChanged called (on the watcher's thread; return quickly) when the directly connected
 *                       subnets of the other interfaces may have changed (an address or link came or went): for a
 *                       kill-switch's local-network exception
 */
public record WatchedTunnel(int interfaceIndex, Device device, Map<Key, Endpoint> namedEndpoints, boolean autoMtu,
                            boolean carriesIpv6, Consumer<String> log, Runnable deleted,
                            Runnable localNetworksChanged) {

    public WatchedTunnel {
        if (interfaceIndex <= 0) {
            throw new IllegalArgumentException("a watched tunnel needs its interface index (> 0), not "
                    + interfaceIndex);
        }
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(deleted, "deleted");
        Objects.requireNonNull(localNetworksChanged, "localNetworksChanged");
        namedEndpoints.forEach((k, e) -> {
            if (e.isLiteral()) {
                throw new IllegalArgumentException("endpoint " + e + " of peer " + k + " is an IP literal, not a name");
            }
        });
        namedEndpoints = Map.copyOf(namedEndpoints);
    }

    /** The tunnel that {@code config} describes, running as {@code device} on interface {@code interfaceIndex}. */
    public static WatchedTunnel of(int interfaceIndex, Device device, TunnelConfig config, Consumer<String> log,
            Runnable deleted, Runnable localNetworksChanged) {
        Map<Key, Endpoint> named = new LinkedHashMap<>();
        boolean v6 = config.interfaceConfig().addresses().stream().anyMatch(a -> !a.isIpv4());
        for (PeerConfig p : config.peers()) {
            p.endpoint().filter(e -> !e.isLiteral()).ifPresent(e -> named.put(p.publicKey(), e));
            v6 |= p.allowedIps().stream().anyMatch(a -> !a.isIpv4());
        }
        return new WatchedTunnel(interfaceIndex, device, named, config.interfaceConfig().mtu().isEmpty(), v6, log,
                deleted, localNetworksChanged);
    }
}
