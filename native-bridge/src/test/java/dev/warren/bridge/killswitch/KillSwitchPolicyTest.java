package dev.warren.bridge.killswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.InterfaceConfig;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import dev.warren.core.config.TunnelConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class KillSwitchPolicyTest {

    private static InetAddress ip(String s) {
        return IpNetwork.parseLiteral(s);
    }

    private static TunnelConfig tunnel(String... dns) {
        List<InetAddress> servers = new ArrayList<>();
        for (String s : dns) {
            servers.add(ip(s));
        }
        return TunnelConfig.of(InterfaceConfig.builder(Key.generatePrivate()).dnsServers(servers).build(), List.of());
    }

    private static final List<InetSocketAddress> ENDPOINTS = List.of(new InetSocketAddress(ip("203.0.113.1"), 51820),
            new InetSocketAddress(ip("2001:db8::1"), 443), new InetSocketAddress(ip("203.0.113.1"), 51820));
    private static final List<IpNetwork> UPLINK = List.of(IpNetwork.parse("192.168.1.7/24"), IpNetwork.parse("fd00::/64"));

    @Test
    void derivesFromTheTunnelTheResolvedEndpointsAndTheSetting() {
        KillSwitchPolicy p = KillSwitchPolicy.forTunnel(tunnel("10.64.0.1", "fd64::1", "10.64.0.1"), "wg0", ENDPOINTS,
                new KillSwitchSetting(true, false), UPLINK);
        assertEquals("wg0", p.interfaceName());
        assertEquals(List.of(ENDPOINTS.get(0), ENDPOINTS.get(1)), p.endpoints(), "duplicates removed, order kept");
        assertEquals(List.of(ip("10.64.0.1"), ip("fd64::1")), p.dnsServers());
        assertEquals(false, p.allowLocalNetwork());
        assertEquals(List.of(), p.localNetworks(), "the uplink is not reachable without allow-LAN");
        assertEquals(OptionalLong.empty(), p.interfaceLuid());
        assertEquals(OptionalLong.empty(), p.fwMark());
    }

    @Test
    void allowLocalNetworkAddsTheUplinkSubnetsAndLinkLocalRanges() {
        KillSwitchPolicy p = KillSwitchPolicy.forTunnel(tunnel(), "wg0", ENDPOINTS, new KillSwitchSetting(true, true),
                UPLINK);
        List<IpNetwork> expected = new ArrayList<>(List.of(IpNetwork.parse("192.168.1.0/24"), IpNetwork.parse("fd00::/64")));
        expected.addAll(KillSwitchPolicy.LINK_LOCAL_NETWORKS);
        assertEquals(expected, p.localNetworks());
        assertTrue(p.allowLocalNetwork());
    }

    @Test
    void luidAndMarkAreAddedWithoutChangingTheRest() {
        KillSwitchPolicy p = KillSwitchPolicy.forTunnel(tunnel("10.64.0.1"), "wg0", ENDPOINTS,
                new KillSwitchSetting(true, false), UPLINK);
        KillSwitchPolicy q = p.withInterfaceLuid(0x0006_0000_0100_0000L).withFwMark(51820);
        assertEquals(OptionalLong.of(0x0006_0000_0100_0000L), q.interfaceLuid());
        assertEquals(OptionalLong.of(51820), q.fwMark());
        assertEquals(p.endpoints(), q.endpoints());
        assertEquals(p.dnsServers(), q.dnsServers());
    }

    @Test
    void refusesWhatWouldOpenOrBreakTheSwitch() {
        var e = assertThrows(IllegalArgumentException.class, () -> KillSwitchPolicy.forTunnel(tunnel(), "wg0", ENDPOINTS,
                new KillSwitchSetting(true, true), List.of(IpNetwork.parse("0.0.0.0/0"))));
        assertEquals("a local network of the kill-switch cannot be 0.0.0.0/0: it would let everything through",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KillSwitchPolicy.forTunnel(tunnel(), "wg0\"; flush ruleset",
                ENDPOINTS, new KillSwitchSetting(true, false), UPLINK));
        assertTrue(e.getMessage().startsWith("the kill-switch's tunnel interface name must be"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KillSwitchPolicy.forTunnel(tunnel(), "wg0",
                List.of(InetSocketAddress.createUnresolved("vpn.example.com", 51820)), new KillSwitchSetting(true, false),
                UPLINK));
        assertEquals("the kill-switch needs resolved endpoints; vpn.example.com is not resolved", e.getMessage());
        KillSwitchPolicy p = KillSwitchPolicy.forTunnel(tunnel(), "wg0", ENDPOINTS, new KillSwitchSetting(true, false),
                UPLINK);
        assertThrows(IllegalArgumentException.class, () -> p.withFwMark(0));
        assertThrows(IllegalArgumentException.class, () -> new KillSwitchPolicy("wg0", OptionalLong.empty(), List.of(),
                OptionalLong.empty(), List.of(), false, UPLINK));
    }

    @Test
    void describesItselfForTheLog() {
        KillSwitchPolicy p = KillSwitchPolicy.forTunnel(tunnel("10.64.0.1"), "wg0", ENDPOINTS.subList(0, 1),
                new KillSwitchSetting(true, false), UPLINK);
        assertEquals("kill-switch on wg0: endpoints [203.0.113.1:51820], DNS [10.64.0.1], local network blocked",
                p.describe());
        KillSwitchPolicy open = KillSwitchPolicy.forTunnel(tunnel(), "wg0", List.of(), new KillSwitchSetting(true, true),
                UPLINK.subList(0, 1));
        assertTrue(open.describe().contains("DNS through the tunnel to any server, local networks [192.168.1.0/24, "),
                open.describe());
    }

    @Test
    void followingTheTunnelChangesOnlyEndpointsAndLocalNetworks() {
        KillSwitchPolicy start = KillSwitchPolicy.forTunnel(tunnel("10.64.0.1"), "wg0", ENDPOINTS,
                new KillSwitchSetting(true, true), UPLINK).withFwMark(0xca6c);
        InetSocketAddress moved = new InetSocketAddress(ip("198.51.100.9"), 51820);
        KillSwitchPolicy now = start.withEndpoints(List.of(moved, moved))
                .withUplinkSubnets(List.of(IpNetwork.parse("10.20.0.9/22")));
        assertEquals(List.of(moved), now.endpoints());
        List<IpNetwork> locals = new ArrayList<>(List.of(IpNetwork.parse("10.20.0.0/22")));
        locals.addAll(KillSwitchPolicy.LINK_LOCAL_NETWORKS);
        assertEquals(locals, now.localNetworks(), "the new uplink's subnets replace the old ones");
        assertTrue(start.sameRulesAs(now));
        assertEquals(start.fwMark(), now.fwMark());
        assertEquals(start.dnsServers(), now.dnsServers());
        assertFalse(start.sameRulesAs(start.withFwMark(1)), "another mark is another ruleset");
        assertFalse(start.sameRulesAs(start.withInterfaceLuid(7)), "another interface is another ruleset");
        start.requireSameRulesAs(now);
        var refused = assertThrows(IllegalArgumentException.class, () -> start.requireSameRulesAs(start.withFwMark(1)));
        assertTrue(refused.getMessage().startsWith("a kill-switch update changes only endpoints and local networks; "
                + "in force: "), refused.getMessage());
    }
}
