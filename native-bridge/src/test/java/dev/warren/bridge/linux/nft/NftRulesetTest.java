package dev.warren.bridge.linux.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.killswitch.KillSwitchException;
import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.core.config.IpNetwork;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NftRulesetTest {

    private static InetSocketAddress ep(String ip, int port) {
        return new InetSocketAddress(IpNetwork.parseLiteral(ip), port);
    }

    @Test
    void blocksAllButTheExceptionsWithDnsBeforeTheLocalNetwork() {
        KillSwitchPolicy policy = new KillSwitchPolicy("wg0", OptionalLong.empty(),
                List.of(ep("203.0.113.1", 51820), ep("2001:db8::1", 443)), OptionalLong.of(0xca6c),
                List.of(IpNetwork.parseLiteral("10.64.0.1"), IpNetwork.parseLiteral("fd64::1")), true,
                List.of(IpNetwork.parse("192.168.1.0/24"), IpNetwork.parse("fe80::/10")));
        assertEquals("""
                create table inet warren
                table inet warren {
                	chain output {
                		type filter hook output priority filter; policy drop;
                		oifname "lo" accept
                		oifname "wg0" ip daddr { 10.64.0.1 } meta l4proto { tcp, udp } th dport 53 accept
                		oifname "wg0" ip6 daddr { fd64::1 } meta l4proto { tcp, udp } th dport 53 accept
                		meta l4proto { tcp, udp } th dport 53 counter reject with icmpx type admin-prohibited
                		oifname "wg0" accept
                		ip daddr 203.0.113.1 udp dport 51820 meta mark 0x0000ca6c accept
                		ip6 daddr 2001:db8::1 udp dport 443 meta mark 0x0000ca6c accept
                		udp sport 68 udp dport 67 accept
                		ip6 saddr fe80::/10 ip6 daddr { ff02::1:2, ff05::1:3 } udp sport 546 udp dport 547 accept
                		icmpv6 type { nd-router-solicit, nd-neighbor-solicit, nd-neighbor-advert } ip6 hoplimit 255 accept
                		ip daddr { 192.168.1.0/24 } accept
                		ip6 daddr { fe80::/10 } accept
                		counter reject with icmpx type admin-prohibited
                	}
                	chain input {
                		type filter hook input priority filter; policy drop;
                		iifname "lo" accept
                		iifname "wg0" accept
                		ip saddr 203.0.113.1 udp sport 51820 accept
                		ip6 saddr 2001:db8::1 udp sport 443 accept
                		ct state related meta l4proto { icmp, ipv6-icmp } accept
                		udp sport 67 udp dport 68 accept
                		ip6 saddr fe80::/10 udp sport 547 udp dport 546 accept
                		icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } ip6 hoplimit 255 accept
                		ip6 saddr fe80::/10 icmpv6 type { nd-router-advert, nd-redirect } ip6 hoplimit 255 accept
                		ip saddr { 192.168.1.0/24 } accept
                		ip6 saddr { fe80::/10 } accept
                		counter drop
                	}
                	chain forward {
                		type filter hook forward priority filter; policy drop;
                		oifname "wg0" ip daddr { 10.64.0.1 } meta l4proto { tcp, udp } th dport 53 accept
                		oifname "wg0" ip6 daddr { fd64::1 } meta l4proto { tcp, udp } th dport 53 accept
                		meta l4proto { tcp, udp } th dport 53 counter reject with icmpx type admin-prohibited
                		oifname "wg0" accept
                		iifname "wg0" accept
                		ip daddr { 192.168.1.0/24 } accept
                		ip6 daddr { fe80::/10 } accept
                		ip saddr { 192.168.1.0/24 } accept
                		ip6 saddr { fe80::/10 } accept
                		counter reject with icmpx type admin-prohibited
                	}
                }
                """, NftRuleset.install(policy));
    }

    @Test
    void withoutTunnelDnsServersDnsIsRefusedOnlyOutsideTheTunnel() {
        KillSwitchPolicy policy = new KillSwitchPolicy("wg0", OptionalLong.empty(), List.of(), OptionalLong.empty(),
                List.of(), false, List.of());
        String rules = NftRuleset.install(policy);
        assertTrue(rules.contains("\t\toifname \"lo\" accept\n"
                + "\t\toifname != \"wg0\" meta l4proto { tcp, udp } th dport 53 counter reject with icmpx type admin-prohibited\n"
                + "\t\toifname \"wg0\" accept\n"
                + "\t\tudp sport 68 udp dport 67 accept\n"), rules);
        assertFalse(rules.contains("ip daddr {") || rules.contains("ip saddr {") || rules.contains("ip6 saddr {"),
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
}
