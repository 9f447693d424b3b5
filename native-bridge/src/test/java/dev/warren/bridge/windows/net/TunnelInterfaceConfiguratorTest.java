package dev.warren.bridge.windows.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.core.config.IpNetwork;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TunnelInterfaceConfiguratorTest {

    private static final long LUID = 0x600000001000000L;
    private final RecordingIpHelper ip = new RecordingIpHelper();

    @BeforeEach
    void adapterRows() {
        ip.putInterface(new IpInterface(AddressFamily.INET, LUID, 12, 65535, true, 25, true, true, 3));
        ip.putInterface(new IpInterface(AddressFamily.INET6, LUID, 12, 65535, true, 25, true, true, 1));
    }

    private static List<IpNetwork> nets(String... s) {
        return java.util.Arrays.stream(s).map(IpNetwork::parse).toList();
    }

    @Test
    void fullTunnelConfiguresRoutesAddressesThenTheInterfacePerFamily() throws Exception {
        var settings = new InterfaceSettings(nets("10.0.0.2/24", "fd00::2/64"),
                nets("0.0.0.0/0", "::/0", "10.0.0.7/24", "10.0.0.0/24"), OptionalInt.of(1420));
        new TunnelInterfaceConfigurator(ip).apply(LUID, settings);
        assertEquals(List.of(
                "CreateIpForwardEntry2(" + LUID + ", 0.0.0.0/0 via 0.0.0.0, metric 0)",
                "CreateIpForwardEntry2(" + LUID + ", 10.0.0.0/24 via 0.0.0.0, metric 0)",
                "CreateUnicastIpAddressEntry(" + LUID + ", 10.0.0.2/24)",
                "GetIpInterfaceEntry(" + LUID + ", INET)",
                "SetIpInterfaceEntry(" + LUID + ", INET, mtu=1420, automaticMetric=false, metric=0, "
                        + "routerDiscovery=false, dadTransmits=0)",
                "CreateIpForwardEntry2(" + LUID + ", 0:0:0:0:0:0:0:0/0 via 0:0:0:0:0:0:0:0, metric 0)",
                "CreateUnicastIpAddressEntry(" + LUID + ", fd00:0:0:0:0:0:0:2/64)",
                "GetIpInterfaceEntry(" + LUID + ", INET6)",
                "SetIpInterfaceEntry(" + LUID + ", INET6, mtu=1420, automaticMetric=false, metric=0, "
                        + "routerDiscovery=false, dadTransmits=0)"), ip.log.calls());
    }

    @Test
    void splitTunnelKeepsTheAutomaticMetricAndTheAdaptersMtu() throws Exception {
        var settings = new InterfaceSettings(nets("10.9.0.2/32"), nets("10.9.0.0/16"), OptionalInt.empty());
        new TunnelInterfaceConfigurator(ip).apply(LUID, settings);
        assertEquals(List.of(
                "CreateIpForwardEntry2(" + LUID + ", 10.9.0.0/16 via 0.0.0.0, metric 0)",
                "CreateUnicastIpAddressEntry(" + LUID + ", 10.9.0.2/32)",
                "GetIpInterfaceEntry(" + LUID + ", INET)",
                "SetIpInterfaceEntry(" + LUID + ", INET, mtu=65535, automaticMetric=true, metric=25, "
                        + "routerDiscovery=false, dadTransmits=0)"), ip.log.calls(),
                "IPv6 is untouched when the tunnel has no IPv6");
    }

    @Test
    void removeDeletesAddressesThenRoutesNewestFirstAndToleratesVanishedEntries() throws Exception {
        var applied = new TunnelInterfaceConfigurator(ip).apply(LUID,
                new InterfaceSettings(nets("10.0.0.2/24", "fd00::2/64"), nets("10.0.0.0/24", "fd00::/64"),
                        OptionalInt.empty()));
        ip.log.clear();
        ip.failures.put("DeleteIpForwardEntry2", WindowsApiException.ERROR_NOT_FOUND);
        applied.remove();
        assertEquals(List.of(
                "DeleteUnicastIpAddressEntry(" + LUID + ", fd00:0:0:0:0:0:0:2/64)",
                "DeleteUnicastIpAddressEntry(" + LUID + ", 10.0.0.2/24)",
                "DeleteIpForwardEntry2(" + LUID + ", fd00:0:0:0:0:0:0:0/64 via 0:0:0:0:0:0:0:0, metric 0)",
                "DeleteIpForwardEntry2(" + LUID + ", 10.0.0.0/24 via 0.0.0.0, metric 0)"), ip.log.calls());
        ip.log.clear();
        applied.remove();
        assertEquals(List.of(), ip.log.calls(), "a second remove has nothing left to do");
    }

    @Test
    void anAutoMtuFollowsTheUplinkOnEveryFamilyInUse() throws Exception {
        var applied = new TunnelInterfaceConfigurator(ip).apply(LUID,
                new InterfaceSettings(nets("10.0.0.2/24"), nets("10.0.0.0/24"), OptionalInt.of(1420)));
        ip.log.clear();
        applied.setMtu(1400);
        assertEquals(List.of(
                "GetIpInterfaceEntry(" + LUID + ", INET)",
                "SetIpInterfaceEntry(" + LUID + ", INET, mtu=1400, automaticMetric=true, metric=25, "
                        + "routerDiscovery=false, dadTransmits=0)"), ip.log.calls(), "IPv6 is not in use: untouched");
        assertThrows(IllegalArgumentException.class, () -> applied.setMtu(500));
    }

    @Test
    void aFailureHalfwayUndoesWhatWasCreatedAndNamesTheCall() {
        ip.failures.put("SetIpInterfaceEntry", 87);
        var e = assertThrows(WindowsApiException.class, () -> new TunnelInterfaceConfigurator(ip).apply(LUID,
                new InterfaceSettings(nets("10.0.0.2/24"), nets("10.0.0.0/24"), OptionalInt.of(1420))));
        assertEquals("SetIpInterfaceEntry", e.function());
        List<String> calls = ip.log.calls();
        assertEquals(List.of(
                "DeleteUnicastIpAddressEntry(" + LUID + ", 10.0.0.2/24)",
                "DeleteIpForwardEntry2(" + LUID + ", 10.0.0.0/24 via 0.0.0.0, metric 0)"),
                calls.subList(calls.size() - 2, calls.size()));
    }

    @Test
    void anAddressHeldByAnotherInterfaceGetsAClearError() {
        ip.failures.put("CreateUnicastIpAddressEntry", WindowsApiException.ERROR_OBJECT_ALREADY_EXISTS);
        var e = assertThrows(IOException.class, () -> new TunnelInterfaceConfigurator(ip).apply(LUID,
                new InterfaceSettings(nets("10.0.0.2/24"), nets(), OptionalInt.empty())));
        assertTrue(e.getMessage().contains("10.0.0.2 is already assigned to another interface"), e.getMessage());
    }

    @Test
    void anIpv6TunnelBelowTheIpv6MinimumMtuIsRefusedBeforeTouchingIpv6() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TunnelInterfaceConfigurator(ip).apply(LUID,
                new InterfaceSettings(nets("fd00::2/64"), nets(), OptionalInt.of(1200))));
        assertTrue(e.getMessage().contains("below IPv6's minimum of 1280"), e.getMessage());
        assertEquals(List.of(), ip.log.calls());
    }
}
