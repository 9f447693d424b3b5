package dev.warren.bridge.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warren.bridge.LinkEvent;
import dev.warren.bridge.NetworkListener;
import dev.warren.bridge.RouteEvent;
import dev.warren.bridge.windows.net.IpHelper;
import dev.warren.bridge.windows.net.IpInterface;
import dev.warren.bridge.windows.net.NetworkChangeMonitor;
import dev.warren.bridge.windows.net.RecordingIpHelper;
import dev.warren.bridge.windows.net.Route;
import dev.warren.core.config.IpNetwork;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OS-neutral monitor over the real {@link NetworkChangeMonitor} and {@link NetworkWatch}, driven by the recording
 * IP Helper's notification callbacks as Windows would fire them.
 */
class WindowsNetworkMonitorTest {

    private static final long TUNNEL = 900;
    private static final long WIFI = 100;
    private static final long ETHERNET = 200;

    private final RecordingIpHelper ip = new RecordingIpHelper();
    private final TunnelAdapters tunnels = new TunnelAdapters();
    private final NetworkWatch watch = new NetworkWatch(l -> NetworkChangeMonitor.start(ip, tunnels::contains, l));
    private final WindowsNetworkMonitor monitor = new WindowsNetworkMonitor(watch, tunnels, ip);

    private static Route defaultVia(long luid, int index) {
        return new Route(luid, index, IpNetwork.parse("0.0.0.0/0"), IpNetwork.parseLiteral("192.168.1.1"), 0);
    }

    private static IpInterface row(AddressFamily family, long luid, int metric, int mtu) {
        return new IpInterface(family, luid, (int) luid, mtu, true, metric, true, true, 3);
    }

    private static NetworkListener recorder(List<String> events) {
        return new NetworkListener() {
            @Override
            public void linkChanged(LinkEvent e) {
                events.add("link #" + e.index() + " '" + e.name() + "' mtu " + e.mtu());
            }

            @Override
            public void routeChanged(RouteEvent e) {
                events.add("route " + (e.deleted() ? "del " : "add ") + e.destination() + " #" + e.interfaceIndex()
                        + " via " + (e.gateway() == null ? "-" : e.gateway().getHostAddress()) + " metric "
                        + e.metric());
            }

            @Override
            public void eventsLost() {
                events.add("lost");
            }
        };
    }

    private void wifiUplinkAndTunnel() {
        ip.table.put(AddressFamily.INET, new ArrayList<>(List.of(defaultVia(TUNNEL, 9), defaultVia(WIFI, 1))));
        ip.putInterface(row(AddressFamily.INET, WIFI, 35, 1500));
        ip.putInterface(row(AddressFamily.INET, TUNNEL, 0, 1420));
        ip.putInterface(row(AddressFamily.INET6, TUNNEL, 0, 1420));
        tunnels.add(new TunnelAdapters.Adapter("office", TUNNEL, 9));
    }

    @Test
    void subscribingReportsWarrensAdaptersThenTheUplinkAsIfTheyHadJustAppeared() throws Exception {
        wifiUplinkAndTunnel();
        List<String> events = new ArrayList<>();
        try (Closeable s = monitor.subscribe(recorder(events))) {
            assertEquals(List.of("link #9 'office' mtu 1420", "link #1 '' mtu 1500",
                    "route add 0.0.0.0/0 #1 via 192.168.1.1 metric 35"), events,
                    "the tunnel's own default route is never the uplink");
            assertEquals(1, ip.log.callsTo("NotifyRouteChange2").size());
            assertEquals(1, ip.log.callsTo("NotifyIpInterfaceChange").size());
        }
        assertEquals(List.of("CancelMibChangeNotify2(interface)", "CancelMibChangeNotify2(route)"),
                ip.log.callsTo("CancelMibChangeNotify2"), "both registrations cancelled with the last subscriber");
    }

    @Test
    void anUplinkSwitchIsTheOldDefaultRouteGoneThenTheNewLinkAndRoute() throws Exception {
        wifiUplinkAndTunnel();
        List<String> events = new ArrayList<>();
        try (Closeable s = monitor.subscribe(recorder(events))) {
            events.clear();
            Route ethernet = defaultVia(ETHERNET, 2);
            ip.putInterface(row(AddressFamily.INET, ETHERNET, 25, 1492));
            ip.table.get(AddressFamily.INET).add(ethernet);
            ip.routeListener.routeChanged(ethernet, IpHelper.MIB_ADD_INSTANCE);
            assertEquals(List.of("route del 0.0.0.0/0 #1 via 192.168.1.1 metric 35", "link #2 '' mtu 1492",
                    "route add 0.0.0.0/0 #2 via 192.168.1.1 metric 25"), events);

            events.clear();
            ip.putInterface(row(AddressFamily.INET, ETHERNET, 25, 1400));
            ip.interfaceListener.interfaceChanged(row(AddressFamily.INET, ETHERNET, 25, 1400),
                    IpHelper.MIB_PARAMETER_NOTIFICATION);
            assertEquals(List.of("link #2 '' mtu 1400"), events, "the uplink's MTU: MTU = auto follows it");

            events.clear();
            ip.table.get(AddressFamily.INET).removeIf(r -> r.interfaceLuid() != TUNNEL);
            ip.routeListener.routeChanged(ethernet, IpHelper.MIB_DELETE_INSTANCE);
            assertEquals(List.of("route del 0.0.0.0/0 #2 via 192.168.1.1 metric 25"), events, "no uplink left");
        }
    }

    @Test
    void aTunnelMtuChangeIsALinkEventWithTheSmallestMtuOfItsFamilies() throws Exception {
        wifiUplinkAndTunnel();
        List<String> events = new ArrayList<>();
        try (Closeable s = monitor.subscribe(recorder(events))) {
            events.clear();
            ip.putInterface(row(AddressFamily.INET6, TUNNEL, 0, 1380));
            ip.interfaceListener.interfaceChanged(row(AddressFamily.INET6, TUNNEL, 0, 0),
                    IpHelper.MIB_PARAMETER_NOTIFICATION);
            ip.putInterface(row(AddressFamily.INET, TUNNEL, 0, 1400));
            ip.interfaceListener.interfaceChanged(row(AddressFamily.INET, TUNNEL, 0, 0),
                    IpHelper.MIB_PARAMETER_NOTIFICATION);
            assertEquals(List.of("link #9 'office' mtu 1380"), events,
                    "IPv4 at 1400 changes nothing while IPv6 is at 1380");
            ip.putInterface(row(AddressFamily.INET6, TUNNEL, 0, 1440));
            ip.interfaceListener.interfaceChanged(row(AddressFamily.INET6, TUNNEL, 0, 0),
                    IpHelper.MIB_PARAMETER_NOTIFICATION);
            assertEquals("link #9 'office' mtu 1400", events.getLast());
        }
    }

    @Test
    void subscribersShareOneRegistrationAndALateOneHearsTheCurrentUplink() throws Exception {
        wifiUplinkAndTunnel();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        Closeable a = monitor.subscribe(recorder(first));
        Closeable b = monitor.subscribe(recorder(second));
        assertEquals(first, second);
        a.close();
        assertEquals(List.of(), ip.log.callsTo("CancelMibChangeNotify2"), "the second subscriber still listens");
        Route ethernet = defaultVia(ETHERNET, 2);
        ip.putInterface(row(AddressFamily.INET, ETHERNET, 25, 1492));
        ip.table.get(AddressFamily.INET).add(ethernet);
        ip.routeListener.routeChanged(ethernet, IpHelper.MIB_ADD_INSTANCE);
        assertEquals(3, first.size(), "a closed subscription hears nothing more");
        assertEquals("route add 0.0.0.0/0 #2 via 192.168.1.1 metric 25", second.getLast());
        b.close();
        assertEquals(1, ip.log.callsTo("NotifyRouteChange2").size());
        assertEquals(2, ip.log.callsTo("CancelMibChangeNotify2").size());
        assertEquals(false, first.contains("lost") || second.contains("lost"));
    }
}
