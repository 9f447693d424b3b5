package dev.warren.bridge.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.PolicyRule;
import dev.warren.bridge.Route;
import dev.warren.bridge.RouteLookup;
import dev.warren.bridge.windows.net.IpInterface;
import dev.warren.bridge.windows.net.RecordingIpHelper;
import dev.warren.bridge.windows.wintun.AdapterGuid;
import dev.warren.core.config.IpNetwork;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each OS-neutral call against the recording IP Helper: the exact Windows calls and values it becomes. */
class WindowsNetworkConfiguratorTest {

    private static final int TUNNEL = 12;
    private final RecordingIpHelper ip = new RecordingIpHelper();
    private final WindowsNetworkConfigurator net = new WindowsNetworkConfigurator(ip);

    private static IpInterface row(AddressFamily family, long luid, int mtu) {
        return new IpInterface(family, luid, (int) luid, mtu, true, 25, true, true, 3);
    }

    @Test
    void anInterfaceIsFoundByTheGuidWarrenDerivedFromTheTunnelName() throws Exception {
        assertEquals(77, net.interfaceIndex("office"));
        assertEquals(List.of("ConvertInterfaceGuidToLuid(" + AdapterGuid.forTunnel("office") + ")",
                "ConvertInterfaceLuidToIndex(77)"), ip.log.calls());
        ip.failures.put("ConvertInterfaceGuidToLuid", WindowsApiException.ERROR_FILE_NOT_FOUND);
        var e = assertThrows(IOException.class, () -> net.interfaceIndex("home"));
        assertEquals("there is no Warren adapter for tunnel home (is the tunnel running?)", e.getMessage());
    }

    @Test
    void addressesAreCreatedAndDeletedOnTheIndexsLuid() throws Exception {
        net.addAddress(TUNNEL, IpNetwork.parse("10.0.0.2/24"));
        net.addAddress(TUNNEL, IpNetwork.parse("fd00::2/64"));
        net.removeAddress(TUNNEL, IpNetwork.parse("10.0.0.2/24"));
        assertEquals(List.of(
                "ConvertInterfaceIndexToLuid(12)", "CreateUnicastIpAddressEntry(12, 10.0.0.2/24)",
                "ConvertInterfaceIndexToLuid(12)", "CreateUnicastIpAddressEntry(12, fd00:0:0:0:0:0:0:2/64)",
                "ConvertInterfaceIndexToLuid(12)", "DeleteUnicastIpAddressEntry(12, 10.0.0.2/24)"), ip.log.calls(),
                "host bits kept: the address is the host's, the prefix its on-link length");
    }

    @Test
    void anAddressAlreadyAssignedGetsAClearErrorNamingBothPossibleHolders() {
        ip.failures.put("CreateUnicastIpAddressEntry", WindowsApiException.ERROR_OBJECT_ALREADY_EXISTS);
        var e = assertThrows(IOException.class, () -> net.addAddress(TUNNEL, IpNetwork.parse("10.0.0.2/24")));
        assertEquals("address 10.0.0.2 is already assigned, either to another interface (stop whatever uses it "
                + "first) or to this tunnel's adapter, left with it by a manager that did not stop cleanly (uninstall "
                + "the adapter in Device Manager under Network adapters)", e.getMessage());
        ip.failures.put("CreateUnicastIpAddressEntry", WindowsApiException.ERROR_ACCESS_DENIED);
        assertEquals(WindowsApiException.ERROR_ACCESS_DENIED, assertThrows(WindowsApiException.class,
                () -> net.addAddress(TUNNEL, IpNetwork.parse("10.0.0.2/24"))).code(), "other failures as they are");
    }

    @Test
    void routesAreOnLinkWithTheFamilysUnspecifiedNextHopAndTheirMetric() throws Exception {
        ip.putInterface(row(AddressFamily.INET6, TUNNEL, 1420));
        net.addRoute(Route.of(IpNetwork.parse("10.0.0.0/24"), TUNNEL));
        net.addRoute(new Route(IpNetwork.parse("::/0"), TUNNEL, Route.MAIN_TABLE, 5));
        net.removeRoute(Route.of(IpNetwork.parse("10.0.0.7/24"), TUNNEL));
        assertEquals(List.of(
                "ConvertInterfaceIndexToLuid(12)", "CreateIpForwardEntry2(12, 10.0.0.0/24 via 0.0.0.0, metric 0)",
                "ConvertInterfaceIndexToLuid(12)", "CreateIpForwardEntry2(12, 0:0:0:0:0:0:0:0/0 via 0:0:0:0:0:0:0:0, metric 5)",
                "GetIpInterfaceEntry(12, INET6)",
                "SetIpInterfaceEntry(12, INET6, mtu=1420, automaticMetric=false, metric=0, routerDiscovery=true, "
                        + "dadTransmits=3)",
                "ConvertInterfaceIndexToLuid(12)", "DeleteIpForwardEntry2(12, 10.0.0.0/24 via 0.0.0.0, metric 0)"),
                ip.log.calls(), "a default route makes its family's interface metric a fixed 0, to beat the uplink's");
    }

    @Test
    void policyRoutingIsRefusedNamingWhatWindowsDoesInstead() {
        var table = assertThrows(UnsupportedOperationException.class,
                () -> net.addRoute(new Route(IpNetwork.parse("0.0.0.0/0"), TUNNEL, 51820, 0)));
        assertTrue(table.getMessage().contains("single routing table"), table.getMessage());
        for (PolicyRule rule : PolicyRule.wgQuickDefaultRoute(false, 51820)) {
            var add = assertThrows(UnsupportedOperationException.class, () -> net.addRule(rule));
            assertEquals("'" + rule + "': Windows has no policy routing; Warren keeps a full tunnel's own UDP out of "
                    + "the tunnel by pinning its socket to the uplink interface (IP_UNICAST_IF) instead of with fwmark "
                    + "rules", add.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> net.removeRule(rule));
        }
        assertEquals(List.of(), ip.log.calls());
    }

    @Test
    void mtuIsSetOnEveryFamilyTheAdapterHasAndIpv6NeverBelow1280() throws Exception {
        ip.putInterface(row(AddressFamily.INET, TUNNEL, 1420));
        ip.putInterface(row(AddressFamily.INET6, TUNNEL, 1420));
        net.setMtu(TUNNEL, 1400);
        assertEquals(List.of("ConvertInterfaceIndexToLuid(12)",
                "GetIpInterfaceEntry(12, INET)",
                "SetIpInterfaceEntry(12, INET, mtu=1400, automaticMetric=true, metric=25, routerDiscovery=true, "
                        + "dadTransmits=3)",
                "GetIpInterfaceEntry(12, INET6)",
                "SetIpInterfaceEntry(12, INET6, mtu=1400, automaticMetric=true, metric=25, routerDiscovery=true, "
                        + "dadTransmits=3)"), ip.log.calls(), "only the MTU changes; the rest is the row as read");
        ip.log.clear();
        net.setMtu(TUNNEL, 1200);
        assertEquals(List.of("ConvertInterfaceIndexToLuid(12)", "GetIpInterfaceEntry(12, INET)",
                "SetIpInterfaceEntry(12, INET, mtu=1200, automaticMetric=true, metric=25, routerDiscovery=true, "
                        + "dadTransmits=3)"), ip.log.calls());
        assertThrows(IllegalArgumentException.class, () -> net.setMtu(TUNNEL, 575));
    }

    @Test
    void anIpv6OnlyAdapterGetsItsMtuOnIpv6AndOneWithNeitherFamilyIsAnError() throws Exception {
        ip.putInterface(row(AddressFamily.INET6, TUNNEL, 1420));
        net.setMtu(TUNNEL, 1380);
        assertEquals(List.of("ConvertInterfaceIndexToLuid(12)", "GetIpInterfaceEntry(12, INET)",
                "GetIpInterfaceEntry(12, INET6)", "SetIpInterfaceEntry(12, INET6, mtu=1380, automaticMetric=true, "
                        + "metric=25, routerDiscovery=true, dadTransmits=3)"), ip.log.calls());
        assertEquals(1380, net.mtu(TUNNEL), "the MTU read back falls back to IPv6 too");
        var e = assertThrows(IOException.class, () -> net.setMtu(13, 1400));
        assertEquals("interface #13 has no IPv4 or IPv6 to set an MTU of 1400 on", e.getMessage());
    }

    @Test
    void mtuIsTheIpv4Rows() throws Exception {
        ip.putInterface(row(AddressFamily.INET, TUNNEL, 1420));
        ip.putInterface(row(AddressFamily.INET6, TUNNEL, 1400));
        assertEquals(1420, net.mtu(TUNNEL));
        assertEquals(List.of("ConvertInterfaceIndexToLuid(12)", "GetIpInterfaceEntry(12, INET)"), ip.log.calls());
    }

    @Test
    void routeLookupIsGetBestRoute2AndTheOutputInterfacesMtu() throws Exception {
        ip.best = new dev.warren.bridge.windows.net.Route(200, 2, IpNetwork.parse("0.0.0.0/0"),
                IpNetwork.parseLiteral("192.168.1.1"), 25);
        ip.putInterface(row(AddressFamily.INET, 200, 1492));
        RouteLookup r = net.lookupRoute(IpNetwork.parseLiteral("198.51.100.7"), 0);
        assertEquals(new RouteLookup(2, IpNetwork.parseLiteral("192.168.1.1"), 1492), r);
        assertEquals(List.of("GetBestRoute2(198.51.100.7)", "GetIpInterfaceEntry(200, INET)"), ip.log.calls());

        ip.best = new dev.warren.bridge.windows.net.Route(200, 2, IpNetwork.parse("192.168.1.0/24"),
                IpNetwork.parseLiteral("0.0.0.0"), 0);
        assertNull(net.lookupRoute(IpNetwork.parseLiteral("192.168.1.9"), 0).gateway(), "on-link: no gateway");

        ip.best = null;
        var none = assertThrows(WindowsApiException.class, () -> net.lookupRoute(IpNetwork.parseLiteral("10.9.9.9"), 0));
        assertEquals("GetBestRoute2", none.function());
        var marked = assertThrows(UnsupportedOperationException.class,
                () -> net.lookupRoute(IpNetwork.parseLiteral("10.9.9.9"), 0xca6c));
        assertTrue(marked.getMessage().contains("no firewall marks"), marked.getMessage());
    }

    @Test
    void bringingTheLinkUpTurnsOffRouterDiscoveryAndDadOnEachFamilyAndKeepsTheRest() throws Exception {
        ip.putInterface(row(AddressFamily.INET, TUNNEL, 1420));
        ip.putInterface(row(AddressFamily.INET6, TUNNEL, 1400));
        net.setUp(TUNNEL, true);
        assertEquals(List.of("ConvertInterfaceIndexToLuid(12)",
                "GetIpInterfaceEntry(12, INET)",
                "SetIpInterfaceEntry(12, INET, mtu=1420, automaticMetric=true, metric=25, routerDiscovery=false, "
                        + "dadTransmits=0)",
                "GetIpInterfaceEntry(12, INET6)",
                "SetIpInterfaceEntry(12, INET6, mtu=1400, automaticMetric=true, metric=25, routerDiscovery=false, "
                        + "dadTransmits=0)"), ip.log.calls());
    }

    @Test
    void takingTheLinkDownAndClosingCallNothing() throws Exception {
        net.setUp(TUNNEL, false);
        net.close();
        assertEquals(List.of(), ip.log.calls(), "a Wintun adapter's link goes down when its session ends");
    }
}
