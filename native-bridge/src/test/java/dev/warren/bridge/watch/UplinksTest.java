package dev.warren.bridge.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warren.bridge.LinkEvent;
import dev.warren.bridge.Route;
import dev.warren.bridge.RouteEvent;
import dev.warren.core.config.IpNetwork;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UplinksTest {

    private final Uplinks uplinks = new Uplinks();

    private void link(int index, int mtu, boolean up, boolean running) {
        uplinks.link(new LinkEvent(index, "if" + index, mtu, up, running, false));
    }

    private void defaultRoute(String any, int index, int table, int metric, boolean deleted) {
        uplinks.route(new RouteEvent(IpNetwork.parse(any), index, null, table, metric, deleted));
    }

    private Optional<Uplink> v4() {
        return uplinks.best(false, i -> i == 9);
    }

    @Test
    void theLowestMetricDefaultRouteOnAWorkingNonTunnelInterfaceWins() {
        link(2, 1500, true, true);
        link(3, 1400, true, true);
        link(9, 1420, true, true);
        defaultRoute("0.0.0.0/0", 9, Route.MAIN_TABLE, 0, false);
        defaultRoute("0.0.0.0/0", 2, Route.MAIN_TABLE, 600, false);
        defaultRoute("0.0.0.0/0", 3, Route.MAIN_TABLE, 100, false);
        defaultRoute("0.0.0.0/0", 2, 51820, 0, false);
        defaultRoute("10.0.0.0/8", 2, Route.MAIN_TABLE, 0, false);
        assertEquals(Optional.of(new Uplink(3, "if3", 1400)), v4(), "the tunnel (#9) and other tables never count");
        assertEquals(Optional.empty(), uplinks.best(true, i -> false), "no IPv6 default route");

        link(3, 1400, true, false);
        assertEquals(2, v4().orElseThrow().interfaceIndex(), "without carrier #3 cannot carry anything");
        link(3, 1400, true, true);
        defaultRoute("0.0.0.0/0", 3, Route.MAIN_TABLE, 100, true);
        assertEquals(2, v4().orElseThrow().interfaceIndex(), "#3's default route was deleted");
    }

    @Test
    void aLinkEventWithoutMtuKeepsTheKnownOneAndLostEventsStartAfresh() {
        link(2, 1500, true, true);
        defaultRoute("::/0", 2, Route.MAIN_TABLE, 1024, false);
        link(2, 0, true, true);
        assertEquals(1500, uplinks.best(true, i -> false).orElseThrow().mtu());
        uplinks.clear();
        assertEquals(Optional.empty(), uplinks.best(true, i -> false));
    }
}
