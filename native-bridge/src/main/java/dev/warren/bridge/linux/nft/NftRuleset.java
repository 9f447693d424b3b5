package dev.warren.bridge.linux.nft;

import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.core.config.IpNetwork;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link KillSwitchPolicy} as one nftables transaction ({@code nft -f -}): Warren's own table
 * {@code inet warren} with base chains on the output, input and forward hooks, each ending in a drop policy
 * after the exceptions. Rule order matters: loopback first, then the DNS restriction, and only then the tunnel
 * and local-network exceptions it must override.
 *
 * <p>What changes while the tunnel runs is never a literal in a rule. The tunnel's own UDP is matched by the
 * device's fwmark when it has one (the packet's mark on the way out, the receiving socket's on the way in), which
 * holds for every address a peer roams or resolves to; without a mark, by the named sets {@code endpoints4} and
 * {@code endpoints6}. The local networks are the interval sets {@code local4} and {@code local6}. {@link #update}
 * changes set elements in one transaction.
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

    /** The named sets the rules look up, so that endpoints and local networks change without a rule change. */
    static final String ENDPOINTS4 = "endpoints4";
    static final String ENDPOINTS6 = "endpoints6";
    static final String LOCAL4 = "local4";
    static final String LOCAL6 = "local6";

    private NftRuleset() {
    }

    /** The transaction that installs the policy. */
    public static String install(KillSwitchPolicy policy) {
        String tun = quote(policy.interfaceName());
        StringBuilder b = new StringBuilder();
        b.append("create table ").append(TABLE).append('\n');
        b.append("table ").append(TABLE).append(" {\n");
        if (policy.fwMark().isEmpty()) {
            set(b, ENDPOINTS4, "ipv4_addr . inet_service", false, endpointElements(policy, true));
            set(b, ENDPOINTS6, "ipv6_addr . inet_service", false, endpointElements(policy, false));
        }
        if (policy.allowLocalNetwork()) {
            set(b, LOCAL4, "ipv4_addr", true, localElements(policy, true));
            set(b, LOCAL6, "ipv6_addr", true, localElements(policy, false));
        }

        List<String> out = new ArrayList<>();
        out.add("oifname \"lo\" accept");
        // The tunnel's own UDP, ahead of the DNS rule so that an endpoint on port 53 (a common firewall dodge) is
        // not taken for DNS. By its mark when it has one: that identifies the socket whatever address its peers
        // roam or resolve to, and setting a mark takes CAP_NET_ADMIN, which could remove this table anyway. Else by
        // the endpoints' exact address and port.
        if (policy.fwMark().isPresent()) {
            out.add("meta l4proto udp meta mark " + mark(policy.fwMark().getAsLong()) + " accept");
        } else {
            out.add("ip daddr . udp dport @" + ENDPOINTS4 + " accept");
            out.add("ip6 daddr . udp dport @" + ENDPOINTS6 + " accept");
        }
        out.addAll(dnsRules(policy, tun));
        out.add("oifname " + tun + " accept");
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
        // Incoming packets carry no mark, but the socket they are for does: a server that roamed to a new
        // address reaches the tunnel's socket, and nothing else, from anywhere.
        policy.fwMark().ifPresent(m -> in.add("meta l4proto udp socket mark " + mark(m) + " accept"));
        if (policy.fwMark().isEmpty()) {
            in.add("ip saddr . udp sport @" + ENDPOINTS4 + " accept");
            in.add("ip6 saddr . udp sport @" + ENDPOINTS6 + " accept");
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

    /**
     * The transaction that takes the installed {@code from} to {@code to}, which differ at most in their endpoints
     * and local networks: elements deleted from and added to the named sets, in one transaction, so no packet
     * ever sees a half-updated set and the rules themselves never change. Empty when nothing changes (with a
     * fwmark the endpoints are not in the ruleset at all).
     */
    public static String update(KillSwitchPolicy from, KillSwitchPolicy to) {
        StringBuilder b = new StringBuilder();
        if (to.fwMark().isEmpty()) {
            change(b, ENDPOINTS4, endpointElements(from, true), endpointElements(to, true));
            change(b, ENDPOINTS6, endpointElements(from, false), endpointElements(to, false));
        }
        if (to.allowLocalNetwork()) {
            change(b, LOCAL4, localElements(from, true), localElements(to, true));
            change(b, LOCAL6, localElements(from, false), localElements(to, false));
        }
        return b.toString();
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
        if (!policy.allowLocalNetwork()) {
            return List.of();
        }
        return List.of("ip " + direction + " @" + LOCAL4 + " accept", "ip6 " + direction + " @" + LOCAL6 + " accept");
    }

    /** {@code address . port} of the family's endpoints. */
    private static List<String> endpointElements(KillSwitchPolicy policy, boolean v4) {
        return policy.endpoints().stream().filter(e -> e.getAddress() instanceof Inet4Address == v4)
                .map(e -> IpNetwork.format(e.getAddress()) + " . " + e.getPort()).toList();
    }

    /**
     * The family's local networks without those inside another: an interval set refuses overlapping elements
     * (two interfaces on nested subnets, a /32 inside a LAN).
     */
    private static List<String> localElements(KillSwitchPolicy policy, boolean v4) {
        List<IpNetwork> nets = policy.localNetworks().stream().filter(n -> n.isIpv4() == v4).toList();
        return nets.stream()
                .filter(n -> nets.stream().noneMatch(o -> !o.equals(n) && o.contains(n)))
                .map(IpNetwork::toString).toList();
    }

    private static void set(StringBuilder b, String name, String type, boolean interval, List<String> elements) {
        b.append("\tset ").append(name).append(" {\n");
        b.append("\t\ttype ").append(type).append('\n');
        if (interval) {
            b.append("\t\tflags interval\n");
        }
        if (!elements.isEmpty()) {
            b.append("\t\telements = ").append(set(elements)).append('\n');
        }
        b.append("\t}\n");
    }

    /** Deletes before adding: a network that grew must not meet its old self in an interval set. */
    private static void change(StringBuilder b, String name, List<String> before, List<String> after) {
        List<String> gone = before.stream().filter(e -> !after.contains(e)).toList();
        List<String> fresh = after.stream().filter(e -> !before.contains(e)).toList();
        if (!gone.isEmpty()) {
            b.append("delete element ").append(TABLE).append(' ').append(name).append(' ').append(set(gone))
                    .append('\n');
        }
        if (!fresh.isEmpty()) {
            b.append("add element ").append(TABLE).append(' ').append(name).append(' ').append(set(fresh))
                    .append('\n');
        }
    }

    private static String mark(long m) {
        return String.format("0x%08x", m);
    }

    private static void chain(StringBuilder b, String hook, List<String> rules) {
        b.append("\tchain ").append(hook).append(" {\n");
        b.append("\t\ttype filter hook ").append(hook).append(" priority filter; policy drop;\n");
        rules.forEach(r -> b.append("\t\t").append(r).append('\n'));
        b.append("\t}\n");
    }

    private static String set(List<String> elements) {
        return "{ " + String.join(", ", elements) + " }";
    }

    /** Interface names are checked by the policy to be of the tunnel-name alphabet, which needs no escaping. */
    private static String quote(String s) {
        return '"' + s + '"';
    }
}
