package dev.warren.app.manager;

import dev.warren.core.config.TunnelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * wg-quick's automatic MTU: the MTU of the interface the default route leaves by, minus the 80 bytes of
 * WireGuard-over-IPv6 overhead (40 IPv6 + 8 UDP + 32 WireGuard), never below what the tunnel's address families
 * require (1280 with IPv6, 576 for IPv4 only). Without a default route, 1500 is assumed.
 */
final class AutoMtu {
    static final int OVERHEAD = 80;
    static final int ASSUMED_UPLINK_MTU = 1500;

    private final Path procNetRoute;
    private final Path sysClassNet;

    AutoMtu() {
        this(Path.of("/proc/net/route"), Path.of("/sys/class/net"));
    }

    AutoMtu(Path procNetRoute, Path sysClassNet) {
        this.procNetRoute = procNetRoute;
        this.sysClassNet = sysClassNet;
    }

    /** The MTU for {@code config}: its own {@code MTU =} if set, else the automatic one. */
    int mtuFor(TunnelConfig config) {
        if (config.interfaceConfig().mtu().isPresent()) {
            return config.interfaceConfig().mtu().getAsInt();
        }
        boolean v6 = config.interfaceConfig().addresses().stream().anyMatch(a -> !a.isIpv4())
                || config.peers().stream().flatMap(p -> p.allowedIps().stream()).anyMatch(a -> !a.isIpv4());
        return Math.max(v6 ? 1280 : 576, uplinkMtu() - OVERHEAD);
    }

    /** The MTU of the default route's interface (the first IPv4 default route in the main table). */
    int uplinkMtu() {
        try {
            List<String> lines = Files.readAllLines(procNetRoute);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                // Iface Destination Gateway Flags RefCnt Use Metric Mask ...
                if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000")) {
                    return Integer.parseInt(Files.readString(sysClassNet.resolve(f[0]).resolve("mtu")).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // No routing information: fall through to the common Ethernet MTU, as wg-quick does.
        }
        return ASSUMED_UPLINK_MTU;
    }
}
