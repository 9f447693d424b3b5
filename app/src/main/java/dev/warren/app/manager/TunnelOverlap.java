package dev.warren.app.manager;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.PeerConfig;
import dev.warren.core.config.TunnelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * When two tunnels cannot run together: if any interface address or allowed IP of one overlaps any of the
 * other's, their routes (or addresses) would fight over the same destinations.
 */
final class TunnelOverlap {
    private TunnelOverlap() {
    }

    /** The networks a tunnel claims: its interface addresses and every peer's allowed IPs, host bits cleared. */
    static List<IpNetwork> claimed(TunnelConfig c) {
        List<IpNetwork> out = new ArrayList<>();
        c.interfaceConfig().addresses().forEach(a -> out.add(a.masked()));
        for (PeerConfig p : c.peers()) {
            p.allowedIps().forEach(a -> out.add(a.masked()));
        }
        return out;
    }

    /** The first pair that overlaps, as text for the log ("10.1.0.0/16 overlaps its 10.1.0.0/24"), or null. */
    static String conflict(TunnelConfig a, TunnelConfig b) {
        List<IpNetwork> other = claimed(b);
        for (IpNetwork x : claimed(a)) {
            for (IpNetwork y : other) {
                if (x.overlaps(y)) {
                    return x + " overlaps its " + y;
                }
            }
        }
        return null;
    }
}
