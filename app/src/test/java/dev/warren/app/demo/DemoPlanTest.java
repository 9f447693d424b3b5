package dev.warren.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.IpNetwork;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoPlanTest {

    private static List<IpNetwork> nets(String... cidrs) {
        return List.of(cidrs).stream().map(IpNetwork::parse).toList();
    }

    @Test
    void takesTheFirstBlockWhenNothingIsRouted() {
        DemoPlan p = DemoPlan.choose("demo", "warren-demo", nets("0.0.0.0/0", "192.0.2.0/24"));
        assertEquals("10.217.0.0/29", p.block().toString());
        assertEquals("10.217.0.1", IpNetwork.format(p.hostUnderlay()));
        assertEquals("10.217.0.2", IpNetwork.format(p.peerUnderlay()));
        assertEquals("10.217.0.5", IpNetwork.format(p.hostTunnel()));
        assertEquals("10.217.0.6", IpNetwork.format(p.peerTunnel()));
        assertEquals("http://10.217.0.6/", p.pageUrl());
    }

    @Test
    void skipsEveryBlockAnExistingRouteTouches() {
        // A host address in the first block, a /31 at the end of the second, the whole third.
        DemoPlan p = DemoPlan.choose("demo", "warren-demo", nets("10.217.0.3/32", "10.217.0.14/31", "10.217.0.16/29"));
        assertEquals("10.217.0.24/29", p.block().toString());
    }

    @Test
    void aRouteCoveringThePoolLeavesNothing() {
        DemoException e = assertThrows(DemoException.class,
                () -> DemoPlan.choose("demo", "warren-demo", nets("10.0.0.0/8")));
        assertTrue(e.getMessage().contains("10.217.0.0/16"), e.getMessage());
    }

    @Test
    void defaultRoutesAndTheirHalvesDoNotCount() {
        List<IpNetwork> routes = new ArrayList<>(nets("0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1"));
        assertEquals("10.217.0.0/29", DemoPlan.choose("demo", "d", routes).block().toString());
    }

    @Test
    void namesMustFitAnInterface() {
        IpNetwork block = IpNetwork.parse("10.217.0.0/29");
        assertThrows(IllegalArgumentException.class, () -> new DemoPlan("demo", "warren-demo-too-long", block));
        assertThrows(IllegalArgumentException.class, () -> new DemoPlan("demo", "a b", block));
        assertThrows(IllegalArgumentException.class, () -> new DemoPlan("demo", "ok", IpNetwork.parse("10.217.0.0/30")));
        assertThrows(IllegalArgumentException.class, () -> new DemoPlan("demo", "ok", IpNetwork.parse("10.217.0.4/29")));
    }

    @Test
    void readsEveryRouteTypeOfIpRoute() {
        String out = """
                default via 192.0.2.1 dev eth0
                192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2
                local 192.0.2.2 dev eth0 table local proto kernel scope host src 192.0.2.2
                broadcast 192.0.2.255 dev eth0 table local proto kernel scope link src 192.0.2.2
                unreachable 10.217.0.0/24 metric 1024
                blackhole 198.51.100.0/25
                """;
        assertEquals(nets("0.0.0.0/0", "192.0.2.0/24", "192.0.2.2/32", "192.0.2.255/32", "10.217.0.0/24",
                "198.51.100.0/25"), RoutedNetworks.parse(out));
        assertEquals("10.217.1.0/29", DemoPlan.choose("demo", "d", RoutedNetworks.parse(out)).block().toString());
    }
}
