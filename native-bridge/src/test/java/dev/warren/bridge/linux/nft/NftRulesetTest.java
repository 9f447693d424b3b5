package dev.warren.bridge.linux.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.killswitch.KillSwitchException;
import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.core.config.IpNetwork;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NftRulesetTest {

    private static InetSocketAddress ep(String ip, int port) {
        return new InetSocketAddress(IpNetwork.parseLiteral(ip), port);
    }

    @Test
    void withAFwmarkTheTunnelsOwnUdpPassesByItsMarkWhateverTheEndpoint() {
        KillSwitchPolicy policy = new KillSwitchPolicy("wg0", OptionalLong.empty(),
                List.of(ep("203.0.113.1", 51820), ep("2001:db8::1", 443)), OptionalLong.of(0xca6c),
                List.of(IpNetwork.parseLiteral("10.64.0.1"), IpNetwork.parseLiteral("fd64::1")), true,
                List.of(IpNetwork.parse("192.168.1.0/24"), IpNetwork.parse("192.168.1.7/32"),
                        IpNetwork.parse("fe80::/10")));
        assertEquals("""
                create table inet warren
                table inet warren {
                \tset local4 {
                \t\ttype ipv4_addr
                \t\tflags interval
                \t\telements = { 192.168.1.0/24 }
                \t}
                \tset local6 {
                \t\ttype ipv6_addr
                \t\tflags interval
                \t\telements = { fe80::/10 }
                \t}
                \tchain output {
                \t\ttype filter hook output priority filter; policy drop;
                \t\toifname "lo" accept
                \t\tmeta l4proto udp meta mark 0x0000ca6c accept
                \t\toifname "wg0" ip daddr { 10.64.0.1 } meta l4proto { tcp, udp } th dport 53 accept
                \t\toifname "wg0" ip6 daddr { fd64::1 } meta l4proto { tcp, udp } th dport 53 accept
                \t\tmeta l4proto { tcp, udp } th dport 53 counter reject with icmpx type admin-prohibited
                \t\toifname "wg0" accept
                \t\tudp sport 68 udp dport 67 accept
                \t\tip6 saddr fe80::/10 ip6 daddr { ff02::1:2, ff05::1:3 } udp sport 546 udp dport 547 accept
                \t\ticmpv6 type { nd-router-solicit, nd-neighbor-solicit, nd-neighbor-advert } ip6 hoplimit 255 accept
                \t\tip daddr @local4 accept
                \t\tip6 daddr @local6 accept
                \t\tcounter reject with icmpx type admin-prohibited
                \t}
                \tchain input {
                \t\ttype filter hook input priority filter; policy drop;
                \t\tiifname "lo" accept
                \t\tiifname "wg0" accept
                \t\tmeta l4proto udp socket mark 0x0000ca6c accept
                \t\tct state related meta l4proto { icmp, ipv6-icmp } accept
                \t\tudp sport 67 udp dport 68 accept
                \t\tip6 saddr fe80::/10 udp sport 547 udp dport 546 accept
                \t\ticmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } ip6 hoplimit 255 accept
                \t\tip6 saddr fe80::/10 icmpv6 type { nd-router-advert, nd-redirect } ip6 hoplimit 255 accept
                \t\tip saddr @local4 accept
                \t\tip6 saddr @local6 accept
                \t\tcounter drop
                \t}
                \tchain forward {
                \t\ttype filter hook forward priority filter; policy drop;
                \t\toifname "wg0" ip daddr { 10.64.0.1 } meta l4proto { tcp, udp } th dport 53 accept
                \t\toifname "wg0" ip6 daddr { fd64::1 } meta l4proto { tcp, udp } th dport 53 accept
                \t\tmeta l4proto { tcp, udp } th dport 53 counter reject with icmpx type admin-prohibited
                \t\toifname "wg0" accept
                \t\tiifname "wg0" accept
                \t\tip daddr @local4 accept
                \t\tip6 daddr @local6 accept
                \t\tip saddr @local4 accept
                \t\tip6 saddr @local6 accept
                \t\tcounter reject with icmpx type admin-prohibited
                \t}
                }
                """, NftRuleset.install(policy));
        assertEquals("", NftRuleset.update(policy, policy.withEndpoints(List.of(ep("198.51.100.9", 51820)))),
                "with a mark, a new endpoint needs no change");
    }

    @Test
    void withoutAFwmarkTheEndpointsAreNamedSetsThatUpdatesChange() {
        KillSwitchPolicy policy = new KillSwitchPolicy("wg0", OptionalLong.empty(),
                List.of(ep("203.0.113.1", 51820), ep("2001:db8::1", 443)), OptionalLong.empty(), List.of(), false,
                List.of());
        String rules = NftRuleset.install(policy);
        assertTrue(rules.startsWith("""
                create table inet warren
                table inet warren {
                \tset endpoints4 {
                \t\ttype ipv4_addr . inet_service
                \t\telements = { 203.0.113.1 . 51820 }
                \t}
                \tset endpoints6 {
                \t\ttype ipv6_addr . inet_service
                \t\telements = { 2001:db8::1 . 443 }
                \t}
                \tchain output {
                """), rules);
        // The endpoints come before the DNS rule: a peer listening on port 53 is the tunnel, not DNS.
        assertTrue(rules.contains("""
                \t\toifname "lo" accept
                \t\tip daddr . udp dport @endpoints4 accept
                \t\tip6 daddr . udp dport @endpoints6 accept
                \t\toifname != "wg0" meta l4proto { tcp, udp } th dport 53 counter reject"""), rules);
        assertTrue(rules.contains("""
                \t\tiifname "wg0" accept
                \t\tip saddr . udp sport @endpoints4 accept
                \t\tip6 saddr . udp sport @endpoints6 accept
                \t\tct state related"""), rules);
        assertFalse(rules.contains("mark"), rules);

        KillSwitchPolicy moved = policy.withEndpoints(List.of(ep("198.51.100.9", 51820), ep("2001:db8::1", 443)));
        assertEquals("""
                delete element inet warren endpoints4 { 203.0.113.1 . 51820 }
                add element inet warren endpoints4 { 198.51.100.9 . 51820 }
                """, NftRuleset.update(policy, moved));
        assertEquals("", NftRuleset.update(moved, moved));
    }

    @Test
    void aNewUplinkReplacesTheLocalNetworksDeletingBeforeAdding() {
        KillSwitchPolicy policy = new KillSwitchPolicy("wg0", OptionalLong.empty(), List.of(), OptionalLong.of(1),
                List.of(), false, List.of()).withEndpoints(List.of());
        assertEquals(policy, policy.withUplinkSubnets(List.of(IpNetwork.parse("10.1.0.0/16"))),
                "without allow-LAN the local networks stay empty");
        KillSwitchPolicy home = new KillSwitchPolicy("wg0", OptionalLong.empty(), List.of(), OptionalLong.of(1),
                List.of(), true, List.of()).withUplinkSubnets(List.of(IpNetwork.parse("192.168.1.0/24"),
                IpNetwork.parse("2001:db8:1::/64")));
        KillSwitchPolicy cafe = home.withUplinkSubnets(List.of(IpNetwork.parse("192.168.0.0/16")));
        assertEquals("""
                delete element inet warren local4 { 192.168.1.0/24 }
                add element inet warren local4 { 192.168.0.0/16 }
                delete element inet warren local6 { 2001:db8:1::/64 }
                """, NftRuleset.update(home, cafe));
        assertTrue(cafe.localNetworks().containsAll(KillSwitchPolicy.LINK_LOCAL_NETWORKS), cafe.toString());
    }

    @Test
    void withoutTunnelDnsServersDnsIsRefusedOnlyOutsideTheTunnel() {
        KillSwitchPolicy policy = new KillSwitchPolicy("wg0", OptionalLong.empty(), List.of(), OptionalLong.empty(),
                List.of(), false, List.of());
        String rules = NftRuleset.install(policy);
        assertTrue(rules.contains("\t\tip6 daddr . udp dport @endpoints6 accept\n"
                + "\t\toifname != \"wg0\" meta l4proto { tcp, udp } th dport 53 counter reject with icmpx type admin-prohibited\n"
                + "\t\toifname \"wg0\" accept\n"
                + "\t\tudp sport 68 udp dport 67 accept\n"), rules);
        assertFalse(rules.contains("local4") || rules.contains("local6"),
                "no local-network sets without allow-LAN: " + rules);
        assertEquals("delete table inet warren\n", NftRuleset.remove());
    }

    @Test
    void aMissingNftCommandIsAClearError() {
        KillSwitchPolicy policy = new KillSwitchPolicy("wg0", OptionalLong.empty(), List.of(), OptionalLong.empty(),
                List.of(), false, List.of());
        var e = assertThrows(KillSwitchException.class,
                () -> new NftablesKillSwitch(new NftCommand(List.of("/nonexistent/nft"))).install(policy));
        assertTrue(e.getMessage().startsWith("installing the kill-switch (nftables table inet warren) failed: the "
                + "kill-switch needs nftables' nft command (Debian and Ubuntu package nftables)"), e.getMessage());
    }

    /** nft stood in for by a shell that appends each transaction it is given to a file. */
    @Test
    void anUpdateIsOneTransactionOnlyWhenSomethingChangedAndNeverChangesTheRules(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("transactions");
        NftCommand recording = new NftCommand(List.of("sh", "-c", "cat >> '" + log + "'; echo '#' >> '" + log + "'",
                "nft"));
        KillSwitchPolicy policy = new KillSwitchPolicy("wg0", OptionalLong.empty(), List.of(ep("203.0.113.1", 51820)),
                OptionalLong.empty(), List.of(), false, List.of());
        KillSwitch.Active active = new NftablesKillSwitch(recording).install(policy);
        KillSwitchPolicy moved = policy.withEndpoints(List.of(ep("198.51.100.9", 51820)));
        active.update(moved);
        active.update(moved);
        assertEquals(moved, active.policy());
        assertThrows(IllegalArgumentException.class, () -> active.update(moved.withFwMark(0xca6c)));
        assertEquals(NftRuleset.install(policy) + "#\n" + """
                delete element inet warren endpoints4 { 203.0.113.1 . 51820 }
                add element inet warren endpoints4 { 198.51.100.9 . 51820 }
                #
                """, Files.readString(log));
    }
}
