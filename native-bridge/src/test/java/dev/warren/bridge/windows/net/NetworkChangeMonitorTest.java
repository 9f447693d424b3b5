package dev.warren.bridge.windows.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warren.bridge.windows.AddressFamily;
import dev.warren.core.config.IpNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkChangeMonitorTest {

    private static final long TUNNEL = 900;
    private static final long WIFI = 100;
    private static final long ETHERNET = 200;

    private final RecordingIpHelper ip = new RecordingIpHelper();
    private final List<String> events = new ArrayList<>();
    private final NetworkChangeMonitor.Listener listener = new NetworkChangeMonitor.Listener() {
        @Override
        public void uplinkChanged(AddressFamily family, Optional<Uplink> uplink) {
            events.add(family + " uplink " + uplink.map(u -> u.luid() + " if" + u.interfaceIndex() + " mtu" + u.mtu())
                    .orElse("none"));
        }

        @Override
        public void tunnelMtuChanged(long luid, AddressFamily family, int mtu) {
            events.add(family + " tunnel " + luid + " mtu" + mtu);
        }
    };

    private static Route defaultVia(long luid, int index, int metric) {
        return new Route(luid, index, IpNetwork.parse("0.0.0.0/0"), IpNetwork.parseLiteral("192.168.1.1"), metric);
    }

    private static IpInterface v4(long luid, int metric, int mtu, boolean connected) {
        return new IpInterface(AddressFamily.INET, luid, (int) luid, mtu, true, metric, connected, true, 3);
    }

    @Test
    void registersBothNotificationsThenReportsTheBestNonTunnelDefaultRoute() throws Exception {
        ip.table.put(AddressFamily.INET, new ArrayList<>(List.of(defaultVia(TUNNEL, 9, 0), defaultVia(WIFI, 1, 0),
                defaultVia(ETHERNET, 2, 0))));
        ip.putInterface(v4(TUNNEL, 0, 1420, true));
        ip.putInterface(v4(WIFI, 35, 1500, true));
        ip.putInterface(v4(ETHERNET, 25, 1492, true));
        try (var monitor = NetworkChangeMonitor.start(ip, luid -> luid == TUNNEL, listener)) {
            assertEquals(List.of(
                    "NotifyRouteChange2(callback)",
                    "NotifyIpInterfaceChange(callback)",
                    "GetIpForwardTable2(INET)",
                    "GetIpInterfaceEntry(100, INET)",
                    "GetIpInterfaceEntry(200, INET)",
                    "GetIpForwardTable2(INET6)"), ip.log.calls(), "the tunnel's own default route is never examined");
            assertEquals(List.of("INET uplink 200 if2 mtu1492", "INET6 uplink none"), events);
            assertEquals(ETHERNET, monitor.uplink(AddressFamily.INET).orElseThrow().luid());
        }
        assertEquals(List.of("CancelMibChangeNotify2(interface)", "CancelMibChangeNotify2(route)"),
                ip.log.calls().subList(ip.log.calls().size() - 2, ip.log.calls().size()));
    }

    @Test
    void followsTheDefaultRouteWhenTheUplinkGoesAway() throws Exception {
        ip.table.put(AddressFamily.INET, new ArrayList<>(List.of(defaultVia(WIFI, 1, 0), defaultVia(ETHERNET, 2, 0))));
        ip.putInterface(v4(WIFI, 35, 1500, true));
        ip.putInterface(v4(ETHERNET, 25, 1492, true));
        try (var monitor = NetworkChangeMonitor.start(ip, luid -> luid == TUNNEL, listener)) {
            events.clear();
            Route gone = ip.table.get(AddressFamily.INET).remove(1);
            ip.routeListener.routeChanged(gone, IpHelper.MIB_DELETE_INSTANCE);
            assertEquals(List.of("INET uplink 100 if1 mtu1500"), events);
            ip.routeListener.routeChanged(new Route(WIFI, 1, IpNetwork.parse("10.1.0.0/16"),
                    IpNetwork.parseLiteral("0.0.0.0"), 0), IpHelper.MIB_ADD_INSTANCE);
            assertEquals(1, events.size(), "a non-default route is no reason to look again");
            assertEquals(WIFI, monitor.uplink(AddressFamily.INET).orElseThrow().luid());
        }
    }

    @Test
    void reportsAnUplinkMtuChangeAndSkipsDisconnectedInterfaces() throws Exception {
        ip.table.put(AddressFamily.INET, new ArrayList<>(List.of(defaultVia(WIFI, 1, 0), defaultVia(ETHERNET, 2, 0))));
        ip.putInterface(v4(WIFI, 35, 1500, true));
        ip.putInterface(v4(ETHERNET, 25, 1492, false));
        try (var monitor = NetworkChangeMonitor.start(ip, luid -> luid == TUNNEL, listener)) {
            assertEquals("INET uplink 100 if1 mtu1500", events.getFirst());
            events.clear();
            ip.putInterface(v4(WIFI, 35, 1400, true));
            ip.interfaceListener.interfaceChanged(v4(WIFI, 35, 1400, true), IpHelper.MIB_PARAMETER_NOTIFICATION);
            assertEquals(List.of("INET uplink 100 if1 mtu1400"), events);
            ip.interfaceListener.interfaceChanged(v4(WIFI, 35, 1400, true), IpHelper.MIB_PARAMETER_NOTIFICATION);
            assertEquals(1, events.size(), "no change, no event");
            assertEquals(1400, monitor.uplink(AddressFamily.INET).orElseThrow().mtu());
        }
    }

    @Test
    void reportsTheTunnelsOwnMtuChangesOnceReadingTheCurrentRow() throws Exception {
        try (var monitor = NetworkChangeMonitor.start(ip, luid -> luid == TUNNEL, listener)) {
            events.clear();
            IpInterface keyOnly = v4(TUNNEL, 0, 0, false);
            ip.putInterface(v4(TUNNEL, 0, 1280, true));
            ip.log.clear();
            ip.interfaceListener.interfaceChanged(keyOnly, IpHelper.MIB_PARAMETER_NOTIFICATION);
            assertEquals(List.of("GetIpInterfaceEntry(900, INET)"), ip.log.calls(),
                    "only the notification's key is trusted; the values are read again");
            ip.interfaceListener.interfaceChanged(keyOnly, IpHelper.MIB_PARAMETER_NOTIFICATION);
            ip.putInterface(v4(TUNNEL, 0, 1380, true));
            ip.interfaceListener.interfaceChanged(keyOnly, IpHelper.MIB_PARAMETER_NOTIFICATION);
            assertEquals(List.of("INET tunnel 900 mtu1280", "INET tunnel 900 mtu1380"), events);
            ip.interfaceListener.interfaceChanged(keyOnly, IpHelper.MIB_DELETE_INSTANCE);
            ip.interfaceListener.interfaceChanged(keyOnly, IpHelper.MIB_PARAMETER_NOTIFICATION);
            assertEquals("INET tunnel 900 mtu1380", events.getLast(), "a re-created tunnel reports its MTU afresh");
            assertEquals(3, events.size());
            assertEquals(Optional.empty(), monitor.uplink(AddressFamily.INET), "a tunnel is never an uplink");
        }
    }

    @Test
    void aFailedRegistrationCancelsTheOneAlreadyMade() {
        ip.failures.put("NotifyIpInterfaceChange", 8);
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> NetworkChangeMonitor.start(ip, luid -> false, listener));
        assertEquals(List.of(
                "NotifyRouteChange2(callback)",
                "NotifyIpInterfaceChange(callback)",
                "CancelMibChangeNotify2(route)"), ip.log.calls());
    }
}
