package dev.warren.bridge.linux.nft;

import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.core.config.IpNetwork;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link KillSwitchPolicy} as one nftables transaction ({@code nft -f -}): Warren's own table
 * {@code inet warren} with base chains on the output, input and forward hooks, each ending in a drop policy
 * after the exceptions. Rule order matters: loopback first, then the DNS restriction, and only then the tunnel
 * and local-network exceptions it must override.
 *
 * <p>The table is created with {@code create}, which fails when it already exists, so a second kill-switch (or
 * a leftover of a killed manager) is refused instead of merged into. nftables tables belong to one network
 * namespace, so only the namespace the manager runs in is affected.
 */
public final class NftRuleset {

    /** The table family and name Warren owns. */
    public static final String TABLE = "inet warren";

    /**
     * Output and forward refuse with an ICMP error so that local programs fail at once instead of waiting for a
     * timeout; input drops silently.
     */
    private static final String REFUSE = "counter reject with icmpx type admin-prohibited";
    private static final String DROP = "counter drop";
    private static final String DNS = "meta l4proto { tcp, udp } th dport 53";

    private NftRuleset() {
    }

    /** The transaction that installs the policy. */
    public static String install(KillSwitchPolicy policy) {
        String tun = quote(policy.interfaceName());
        StringBuilder b = new StringBuilder();
        b.append("create table ").append(TABLE).append('\n');
        b.append("table ").append(TABLE).append(" {\n");

        List<String> out = new ArrayList<>();
        out.add("oifname \"lo\" accept");
        out.addAll(dnsRules(policy, tun));
        out.add("oifname " + tun + " accept");
        for (InetSocketAddress e : policy.endpoints()) {
            out.add(ip(e.getAddress()) + " daddr " + IpNetwork.format(e.getAddress()) + " udp dport " + e.getPort()
                    + policy.fwMark().stream().mapToObj(m -> String.format(" meta mark 0x%08x", m)).findFirst().orElse("")
                    + " accept");
        }
        // Source ports below 1024 need privileges, so only the system's DHCP clients match these.
        out.add("udp sport 68 udp dport 67 accept");
        out.add("ip6 saddr fe80::/10 ip6 daddr { ff02::1:2, ff05::1:3 } udp sport 546 udp dport 547 accept");
        // Hop limit 255 proves a discovery packet never crossed a router (RFC 4861), the check
        // wireguard-windows leaves as a TODO.
        out.add("icmpv6 type { nd-router-solicit, nd-neighbor-solicit, nd-neighbor-advert } ip6 hoplimit 255 accept");
        out.addAll(localRules(policy, "daddr"));
        out.add(REFUSE);
        chain(b, "output", out);

        List<String> in = new ArrayList<>();
        in.add("iifname \"lo\" accept");
        in.add("iifname " + tun + " accept");
        for (InetSocketAddress e : policy.endpoints()) {
            in.add(ip(e.getAddress()) + " saddr " + IpNetwork.format(e.getAddress()) + " udp sport " + e.getPort()
                    + " accept");
        }
        // ICMP errors about flows the switch let out (fragmentation needed / packet too big on the way to the
        // endpoint): without them path-MTU discovery for the tunnel's own UDP breaks.
        in.add("ct state related meta l4proto { icmp, ipv6-icmp } accept");
        in.add("udp sport 67 udp dport 68 accept");
        in.add("ip6 saddr fe80::/10 udp sport 547 udp dport 546 accept");
        in.add("icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } ip6 hoplimit 255 accept");
        in.add("ip6 saddr fe80::/10 icmpv6 type { nd-router-advert, nd-redirect } ip6 hoplimit 255 accept");
        in.addAll(localRules(policy, "saddr"));
        in.add(DROP);
        chain(b, "input", in);

        // Containers and VMs behind this machine are its traffic too: routed packets leave through the tunnel
        // or not at all.
        List<String> fwd = new ArrayList<>(dnsRules(policy, tun));
        fwd.add("oifname " + tun + " accept");
        fwd.add("iifname " + tun + " accept");
        fwd.addAll(localRules(policy, "daddr"));
        fwd.addAll(localRules(policy, "saddr"));
        fwd.add(REFUSE);
        chain(b, "forward", fwd);

        return b.append("}\n").toString();
    }

    /** The transaction that removes the table with everything in it. */
    public static String remove() {
        return "delete table " + TABLE + "\n";
    }

    /** DNS only through the tunnel, and only to the tunnel's servers when it names any. */
    private static List<String> dnsRules(KillSwitchPolicy policy, String tun) {
        List<String> rules = new ArrayList<>();
        if (policy.dnsServers().isEmpty()) {
            rules.add("oifname != " + tun + " " + DNS + " " + REFUSE);
            return rules;
        }
        for (boolean v4 : new boolean[] {true, false}) {
            List<String> servers = policy.dnsServers().stream().filter(a -> a instanceof Inet4Address == v4)
                    .map(IpNetwork::format).toList();
            if (!servers.isEmpty()) {
                rules.add("oifname " + tun + " " + (v4 ? "ip" : "ip6") + " daddr " + set(servers) + " " + DNS
                        + " accept");
            }
        }
        rules.add(DNS + " " + REFUSE);
        return rules;
    }

    private static List<String> localRules(KillSwitchPolicy policy, String direction) {
        List<String> rules = new ArrayList<>();
        addLocal(rules, policy, IpNetwork::isIpv4, "ip " + direction);
        addLocal(rules, policy, Predicate.not(IpNetwork::isIpv4), "ip6 " + direction);
        return rules;
    }

    private static void addLocal(List<String> rules, KillSwitchPolicy policy, Predicate<IpNetwork> family,
            String match) {
        List<String> nets = policy.localNetworks().stream().filter(family).map(IpNetwork::toString).toList();
        if (!nets.isEmpty()) {
            rules.add(match + " " + set(nets) + " accept");
        }
    }

    private static void chain(StringBuilder b, String hook, List<String> rules) {
        b.append("\tchain ").append(hook).append(" {\n");
        b.append("\t\ttype filter hook ").append(hook).append(" priority filter; policy drop;\n");
        rules.forEach(r -> b.append("\t\t").append(r).append('\n'));
        b.append("\t}\n");
    }

    private static String ip(InetAddress a) {
        return a instanceof Inet4Address ? "ip" : "ip6";
    }

    private static String set(List<String> elements) {
        return "{ " + String.join(", ", elements) + " }";
    }

    /** Interface names are checked by the policy to be of the tunnel-name alphabet, which needs no escaping. */
    private static String quote(String s) {
        return '"' + s + '"';
    }
}
