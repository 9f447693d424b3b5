package dev.warren.bridge.watch;

import dev.warren.bridge.LinkEvent;
import dev.warren.bridge.Route;
import dev.warren.bridge.RouteEvent;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * What the watcher knows of the links and default routes, kept up to date from the monitor's events, and from it
 * each family's uplink: the default route in the main table with the lowest metric whose interface is up, has
 * carrier, and is not a tunnel. That is the route the kernel picks for a tunnel's own UDP, whose firewall mark
 * skips the tunnel's table (wg-quick's policy trick), so it is the uplink MTU = auto and roaming care about.
 * Confined to the watcher's thread.
 */
final class Uplinks {

    private final Map<Integer, LinkEvent> links = new HashMap<>();
    private final Set<RouteEvent> defaultRoutes = new HashSet<>();

    void link(LinkEvent e) {
        if (e.deleted()) {
            links.remove(e.index());
            return;
        }
        LinkEvent previous = links.get(e.index());
        // A notification without the MTU (0) does not mean the MTU went away.
        links.put(e.index(), e.mtu() == 0 && previous != null
                ? new LinkEvent(e.index(), e.name(), previous.mtu(), e.up(), e.running(), false) : e);
    }

    void route(RouteEvent e) {
        if (!e.isDefault() || e.interfaceIndex() == 0 || e.table() != Route.MAIN_TABLE) {
            return;
        }
        RouteEvent key = new RouteEvent(e.destination(), e.interfaceIndex(), e.gateway(), e.table(), e.metric(), false);
        if (e.deleted()) {
            defaultRoutes.remove(key);
        } else {
            defaultRoutes.add(key);
        }
    }

    /** Forgets everything: after lost events the monitor delivers the whole current state again. */
    void clear() {
        links.clear();
        defaultRoutes.clear();
    }

    /** The family's uplink now, if it has one; {@code isTunnel} names the interfaces that never are. */
    Optional<Uplink> best(boolean ipv6, IntPredicate isTunnel) {
        RouteEvent best = null;
        for (RouteEvent r : defaultRoutes) {
            if (r.destination().isIpv4() == ipv6 || isTunnel.test(r.interfaceIndex())) {
                continue;
            }
            LinkEvent l = links.get(r.interfaceIndex());
            if (l == null || !l.up() || !l.running()) {
                continue;
            }
            if (best == null || Integer.compareUnsigned(r.metric(), best.metric()) < 0
                    || (r.metric() == best.metric() && r.interfaceIndex() < best.interfaceIndex())) {
                best = r;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        LinkEvent l = links.get(best.interfaceIndex());
        return Optional.of(new Uplink(l.index(), l.name(), l.mtu()));
    }
}
