package dev.warren.bridge.windows.wfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.killswitch.KillSwitchException;
import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.core.config.IpNetwork;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Windows kill-switch against the recording WFP fake: the exact calls and filter set, teardown, abort. */
class WfpKillSwitchTest {

    private static final long LUID = 0x0006_0000_0100_0000L;
    private static final String EXE = "C:\\Program Files\\Warren\\Warren.exe";
    private static final UUID PROVIDER = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final UUID SUBLAYER = UUID.fromString("66666666-7777-8888-9999-000000000000");
    /** NT SERVICE\WarrenManager, computed independently of {@link ServiceSid}. */
    private static final String SDDL = "O:SYD:(A;;CC;;;S-1-5-80-553297891-2300168186-3702026910-2017351396-410993916)";

    private final RecordingWfpApi api = new RecordingWfpApi();

    private KillSwitch killSwitch() {
        Deque<UUID> keys = new ArrayDeque<>(List.of(PROVIDER, SUBLAYER));
        return new WfpKillSwitch(api, EXE, "WarrenManager", keys::pop);
    }

    private static KillSwitchPolicy policy(boolean allowLan, String... dns) {
        return new KillSwitchPolicy("wg0", OptionalLong.of(LUID),
                List.of(new InetSocketAddress(IpNetwork.parseLiteral("203.0.113.1"), 51820)), OptionalLong.empty(),
                java.util.Arrays.stream(dns).map(IpNetwork::parseLiteral).toList(), allowLan,
                allowLan ? List.of(IpNetwork.parse("192.168.1.0/24"), IpNetwork.parse("fe80::/10")) : List.of());
    }

    private static final String OUT4 = "ALE_AUTH_CONNECT_V4";
    private static final String IN4 = "ALE_AUTH_RECV_ACCEPT_V4";
    private static final String OUT6 = "ALE_AUTH_CONNECT_V6";
    private static final String IN6 = "ALE_AUTH_RECV_ACCEPT_V6";
    private static final String TUN = "IP_LOCAL_INTERFACE == UINT64(0x0006000001000000)";
    private static final String DNS = "IP_REMOTE_PORT == UINT16(53), IP_PROTOCOL == UINT8(17), IP_PROTOCOL == UINT8(6)";
    private static final String MANAGER = "ALE_APP_ID == APP_ID(" + EXE + "), ALE_USER_ID == SECURITY_DESCRIPTOR(" + SDDL + ")";
    private static final String ICMP6 = "IP_PROTOCOL == UINT8(58), ICMP_TYPE == UINT16(";
    private static final String FROM_LINK_LOCAL = "IP_REMOTE_ADDRESS == V6_ADDR_MASK(fe80::/10)";

    private static List<String> everyLayer(String weightActionName, String conditions) {
        String[] parts = weightActionName.split(" '", 2);
        String name = parts[1];
        return List.of(
                OUT4 + " " + parts[0] + " '" + name + " (outbound, IPv4)' [" + conditions + "]",
                IN4 + " " + parts[0] + " '" + name + " (inbound, IPv4)' [" + conditions + "]",
                OUT6 + " " + parts[0] + " '" + name + " (outbound, IPv6)' [" + conditions + "]",
                IN6 + " " + parts[0] + " '" + name + " (inbound, IPv6)' [" + conditions + "]");
    }

    private static List<String> common() {
        return List.of(
                OUT4 + " w12 PERMIT 'Permit DHCP requests (outbound, IPv4)' [IP_PROTOCOL == UINT8(17), "
                        + "IP_LOCAL_PORT == UINT16(68), IP_REMOTE_PORT == UINT16(67), IP_REMOTE_ADDRESS == UINT32(0xffffffff)]",
                IN4 + " w12 PERMIT 'Permit DHCP responses (inbound, IPv4)' [IP_PROTOCOL == UINT8(17), "
                        + "IP_LOCAL_PORT == UINT16(68), IP_REMOTE_PORT == UINT16(67)]",
                OUT6 + " w12 PERMIT 'Permit DHCPv6 requests (outbound, IPv6)' [IP_PROTOCOL == UINT8(17), "
                        + "IP_REMOTE_ADDRESS == BYTE_ARRAY16(ff02::1:2), IP_REMOTE_ADDRESS == BYTE_ARRAY16(ff05::1:3), "
                        + "IP_REMOTE_PORT == UINT16(547), IP_LOCAL_ADDRESS == V6_ADDR_MASK(fe80::/10), IP_LOCAL_PORT == UINT16(546)]",
                IN6 + " w12 PERMIT 'Permit DHCPv6 responses (inbound, IPv6)' [IP_PROTOCOL == UINT8(17), "
                        + FROM_LINK_LOCAL + ", IP_REMOTE_PORT == UINT16(547), "
                        + "IP_LOCAL_ADDRESS == V6_ADDR_MASK(fe80::/10), IP_LOCAL_PORT == UINT16(546)]",
                OUT6 + " w12 PERMIT 'Permit neighbour discovery type 133 (outbound, IPv6)' [" + ICMP6
                        + "133), ICMP_CODE == UINT16(0), IP_REMOTE_ADDRESS == BYTE_ARRAY16(ff02::2)]",
                IN6 + " w12 PERMIT 'Permit neighbour discovery type 134 (inbound, IPv6)' [" + ICMP6
                        + "134), ICMP_CODE == UINT16(0), " + FROM_LINK_LOCAL + "]",
                OUT6 + " w12 PERMIT 'Permit neighbour discovery type 135 (outbound, IPv6)' [" + ICMP6 + "135), ICMP_CODE == UINT16(0)]",
                IN6 + " w12 PERMIT 'Permit neighbour discovery type 135 (inbound, IPv6)' [" + ICMP6 + "135), ICMP_CODE == UINT16(0)]",
                OUT6 + " w12 PERMIT 'Permit neighbour discovery type 136 (outbound, IPv6)' [" + ICMP6 + "136), ICMP_CODE == UINT16(0)]",
                IN6 + " w12 PERMIT 'Permit neighbour discovery type 136 (inbound, IPv6)' [" + ICMP6 + "136), ICMP_CODE == UINT16(0)]",
                IN6 + " w12 PERMIT 'Permit neighbour discovery type 137 (inbound, IPv6)' [" + ICMP6
                        + "137), ICMP_CODE == UINT16(0), " + FROM_LINK_LOCAL + "]");
    }

    @Test
    void installsTheExactFilterSetInOneTransactionOfADynamicSession() throws Exception {
        KillSwitch.Active active = killSwitch().install(policy(true, "10.64.0.1", "fd64::1"));

        List<String> expected = new java.util.ArrayList<>();
        expected.add("FwpmEngineOpen0(dynamic, Warren, Warren kill-switch for wg0, -> 1000)");
        expected.add("FwpmTransactionBegin0(1000)");
        expected.add("FwpmProviderAdd0(1000, " + PROVIDER + ", Warren, Warren kill-switch)");
        expected.add("FwpmSubLayerAdd0(1000, " + SUBLAYER + ", " + PROVIDER
                + ", Warren kill-switch, Permits before one block-all, weight=0xffff)");
        List<String> filters = new java.util.ArrayList<>();
        everyLayer("w15 PERMIT (clear action right) 'Permit unrestricted traffic of the Warren manager", MANAGER)
                .forEach(filters::add);
        filters.addAll(everyLayer("w15 PERMIT 'Permit loopback", "FLAGS has all of UINT32(0x00000001)"));
        filters.add(OUT4 + " w15 PERMIT 'Permit DNS through the tunnel (outbound, IPv4)' [" + DNS + ", " + TUN
                + ", IP_REMOTE_ADDRESS == UINT32(0x0a400001)]");
        filters.add(IN4 + " w15 PERMIT 'Permit DNS through the tunnel (inbound, IPv4)' [" + DNS + ", " + TUN
                + ", IP_REMOTE_ADDRESS == UINT32(0x0a400001)]");
        filters.add(OUT6 + " w15 PERMIT 'Permit DNS through the tunnel (outbound, IPv6)' [" + DNS + ", " + TUN
                + ", IP_REMOTE_ADDRESS == BYTE_ARRAY16(fd64::1)]");
        filters.add(IN6 + " w15 PERMIT 'Permit DNS through the tunnel (inbound, IPv6)' [" + DNS + ", " + TUN
                + ", IP_REMOTE_ADDRESS == BYTE_ARRAY16(fd64::1)]");
        filters.addAll(everyLayer("w14 BLOCK 'Block DNS", DNS));
        filters.addAll(everyLayer("w12 PERMIT 'Permit the tunnel interface", TUN));
        filters.addAll(common());
        filters.add(OUT4 + " w12 PERMIT 'Permit the local network (outbound, IPv4)' [IP_REMOTE_ADDRESS == V4_ADDR_MASK(192.168.1.0/24)]");
        filters.add(IN4 + " w12 PERMIT 'Permit the local network (inbound, IPv4)' [IP_REMOTE_ADDRESS == V4_ADDR_MASK(192.168.1.0/24)]");
        filters.add(OUT6 + " w12 PERMIT 'Permit the local network (outbound, IPv6)' [" + FROM_LINK_LOCAL + "]");
        filters.add(IN6 + " w12 PERMIT 'Permit the local network (inbound, IPv6)' [" + FROM_LINK_LOCAL + "]");
        filters.addAll(everyLayer("w0 BLOCK 'Block all", ""));
        for (String f : filters) {
            expected.add("FwpmFilterAdd0(1000, " + PROVIDER + ", " + SUBLAYER + ", " + f + ")");
        }
        expected.add("FwpmTransactionCommit0(1000)");
        assertEquals(expected, api.log.calls());
        assertEquals(filters.size(), api.active.size());
        assertEquals(39, filters.size());

        api.log.clear();
        active.close();
        active.close();
        assertEquals(List.of("FwpmEngineClose0(1000)"), api.log.calls(), "closing the dynamic session, once");
        assertTrue(api.active.isEmpty());
    }

    @Test
    void withoutTunnelDnsServersDnsMayOnlyUseTheTunnelAndWithoutAllowLanTheLanIsBlocked() throws Exception {
        killSwitch().install(policy(false));
        List<String> dnsPermits = api.active.stream().filter(f -> f.name().startsWith("Permit DNS"))
                .map(WfpFilter::toString).toList();
        assertEquals(everyLayer("w15 PERMIT 'Permit DNS through the tunnel", DNS + ", " + TUN), dnsPermits);
        assertFalse(api.active.stream().anyMatch(f -> f.name().contains("local network")));
        assertEquals(35, api.active.size());
    }

    @Test
    void dnsServersOfOneFamilyBlockDnsOfTheOther() throws Exception {
        killSwitch().install(policy(false, "10.64.0.1"));
        assertEquals(List.of(WfpLayer.ALE_AUTH_CONNECT_V4, WfpLayer.ALE_AUTH_RECV_ACCEPT_V4),
                api.active.stream().filter(f -> f.name().startsWith("Permit DNS")).map(WfpFilter::layer).toList());
    }

    @Test
    void aFailingAddAbortsTheTransactionAndClosesTheSession() {
        api.failFilterAdd(13);
        KillSwitchException e = assertThrows(KillSwitchException.class,
                () -> killSwitch().install(policy(true, "10.64.0.1", "fd64::1")));
        assertEquals("installing the kill-switch failed: adding the filter 'Block DNS (inbound, IPv4)': "
                + "FwpmFilterAdd0 failed with Win32 error " + RecordingWfpApi.FWP_E_INVALID_CONDITION + " (0x8032003F)",
                e.getMessage());
        List<String> calls = api.log.calls();
        assertEquals(List.of("FwpmTransactionAbort0(1000)", "FwpmEngineClose0(1000)"),
                calls.subList(calls.size() - 2, calls.size()));
        assertEquals(14, api.log.callsTo("FwpmFilterAdd0").size(), "nothing added after the failure");
        assertTrue(api.log.callsTo("FwpmTransactionCommit0").isEmpty());
        assertTrue(api.active.isEmpty(), "no filter in force");
    }

    @Test
    void aPolicyWithoutLuidIsRefusedBeforeTouchingWfp() {
        KillSwitchPolicy noLuid = new KillSwitchPolicy("wg0", OptionalLong.empty(), List.of(), OptionalLong.empty(),
                List.of(), false, List.of());
        KillSwitchException e = assertThrows(KillSwitchException.class, () -> killSwitch().install(noLuid));
        assertEquals("installing the kill-switch failed: the Windows kill-switch needs the LUID of the tunnel adapter wg0",
                e.getMessage());
        assertTrue(api.log.calls().isEmpty());
    }

    @Test
    void aNewEndpointNeedsNoFilterButANewLanIsRefusedUntouched() throws Exception {
        KillSwitch.Active active = killSwitch().install(policy(true));
        int calls = api.log.calls().size();
        KillSwitchPolicy moved = active.policy().withEndpoints(
                List.of(new InetSocketAddress(IpNetwork.parseLiteral("198.51.100.9"), 51820)));
        active.update(moved);
        assertEquals(moved, active.policy(), "the manager's own traffic is permitted whatever the endpoint");
        KillSwitchException e = assertThrows(KillSwitchException.class,
                () -> active.update(moved.withUplinkSubnets(List.of(IpNetwork.parse("10.9.0.0/16")))));
        assertTrue(e.getMessage().contains("cannot follow a new uplink on Windows yet"), e.getMessage());
        assertEquals(moved, active.policy());
        assertEquals(calls, api.log.calls().size(), "no WFP call for either");
    }

    @Test
    void nothingOutlivesTheProcessSoThereAreNoLeftovers() throws Exception {
        assertFalse(killSwitch().removeLeftovers());
        assertTrue(api.log.calls().isEmpty());
    }

    @Test
    void serviceSidIsWindowsOwnDerivation() {
        // NT SERVICE\TrustedInstaller, a SID every Windows installation shows.
        assertEquals("S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464", ServiceSid.of("TrustedInstaller"));
        assertEquals(ServiceSid.of("TRUSTEDINSTALLER"), ServiceSid.of("trustedinstaller"));
    }
}
