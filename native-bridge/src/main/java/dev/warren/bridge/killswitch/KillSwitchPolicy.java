package dev.warren.bridge.killswitch;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.TunnelConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a kill-switch lets through, independent of the operating system. Everything through the tunnel interface
 * passes; outside it only:
 * <ul>
 *   <li>loopback;</li>
 *   <li>the tunnel's own UDP: on Linux, when the device has a {@code fwMark}, whatever its socket sends or
 *       receives (so roaming and re-resolution need no change); else to and from its peers' current
 *       {@code endpoints};</li>
 *   <li>DHCP and DHCPv6, and IPv6 router/neighbour discovery (ICMPv6 133-137), without which the uplink itself
 *       loses its addresses;</li>
 *   <li>with "allow local network", the {@code localNetworks}: the uplink's directly connected subnets and the
 *       link-local and local multicast ranges that printers and file shares are found through.</li>
 * </ul>
 * DNS (port 53, UDP and TCP) is allowed only through the tunnel, and only to {@code dnsServers} when the tunnel
 * names any; that rule comes before the local-network exception, so the LAN's router cannot answer DNS.
 *
 * <p>The endpoints and the local networks follow the running tunnel ({@link #withEndpoints},
 * {@link #withUplinkSubnets}, {@link KillSwitch.Active#update}); everything else is fixed at install.
 *
 * @param interfaceName     the tunnel interface, as the OS names it
 * @param interfaceLuid     the tunnel interface's LUID (Windows; the WFP filters match on it)
 * @param endpoints         the peers' current endpoints (UDP)
 * @param fwMark            the firewall mark the tunnel's UDP socket sets, if any (Linux)
 * @param dnsServers        the tunnel's DNS servers
 * @param allowLocalNetwork whether {@code localNetworks} are let through
 * @param localNetworks     networks reachable outside the tunnel when {@code allowLocalNetwork}; empty otherwise
 */
public record KillSwitchPolicy(
        String interfaceName,
        OptionalLong interfaceLuid,
        List<InetSocketAddress> endpoints,
        OptionalLong fwMark,
        List<InetAddress> dnsServers,
        boolean allowLocalNetwork,
        List<IpNetwork> localNetworks) {

    /** The tunnel-name alphabet; names end up quoted in nftables rules, so nothing else may pass. */
    private static final Pattern INTERFACE_NAME = Pattern.compile("[a-zA-Z0-9_=+.-]{1,32}");

    /**
     * Link-local unicast and the multicast ranges local discovery uses (mDNS, LLMNR, SSDP, DHCP-less
     * neighbours): reachable with "allow local network" on any uplink, since they never leave the link.
     */
    public static final List<IpNetwork> LINK_LOCAL_NETWORKS = List.of(
            IpNetwork.parse("169.254.0.0/16"),
            IpNetwork.parse("224.0.0.0/24"),
            IpNetwork.parse("239.255.255.250/32"),
            IpNetwork.parse("255.255.255.255/32"),
            IpNetwork.parse("fe80::/10"),
            IpNetwork.parse("ff02::/16"));

    public KillSwitchPolicy {
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (!INTERFACE_NAME.matcher(interfaceName).matches()) {
            throw new IllegalArgumentException("the kill-switch's tunnel interface name must be 1-32 of "
                    + "a-z A-Z 0-9 _ = + . -, not '" + interfaceName + "'");
        }
        Objects.requireNonNull(interfaceLuid, "interfaceLuid");
        Objects.requireNonNull(fwMark, "fwMark");
        fwMark.ifPresent(m -> {
            if (m < 1 || m > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("a kill-switch fwmark is 1-0xffffffff, not " + m);
            }
        });
        Set<InetSocketAddress> eps = new LinkedHashSet<>();
        for (InetSocketAddress e : endpoints) {
            if (e.isUnresolved()) {
                throw new IllegalArgumentException("the kill-switch needs resolved endpoints; " + e.getHostString()
                        + " is not resolved");
            }
            eps.add(e);
        }
        endpoints = List.copyOf(eps);
        dnsServers = List.copyOf(new LinkedHashSet<>(dnsServers));
        Set<IpNetwork> locals = new LinkedHashSet<>();
        for (IpNetwork n : localNetworks) {
            if (n.prefixLength() == 0) {
                throw new IllegalArgumentException("a local network of the kill-switch cannot be " + n
                        + ": it would let everything through");
            }
            locals.add(n.masked());
        }
        if (!allowLocalNetwork && !locals.isEmpty()) {
            throw new IllegalArgumentException("local networks are given but \"allow local network\" is off");
        }
        localNetworks = List.copyOf(locals);
    }

    /**
     * The policy for a tunnel: its DNS servers from the config, the peers' endpoints as the caller resolved them,
     * and, when the setting allows the local network, the uplink's directly connected subnets plus
     * {@link #LINK_LOCAL_NETWORKS}.
     *
     * @param uplinkSubnets the directly connected subnets of the interfaces other than the tunnel (see
     *                      {@link LocalNetworks#connectedSubnets(int)}); ignored unless the setting allows the LAN
     */
    public static KillSwitchPolicy forTunnel(TunnelConfig config, String interfaceName,
            Collection<InetSocketAddress> resolvedEndpoints, KillSwitchSetting setting,
            Collection<IpNetwork> uplinkSubnets) {
        return new KillSwitchPolicy(interfaceName, OptionalLong.empty(), List.copyOf(resolvedEndpoints),
                OptionalLong.empty(), config.interfaceConfig().dnsServers(), setting.allowLocalNetwork(),
                localNetworks(uplinkSubnets, setting.allowLocalNetwork()));
    }

    /** The same policy for the interface with this LUID (Windows). */
    public KillSwitchPolicy withInterfaceLuid(long luid) {
        return new KillSwitchPolicy(interfaceName, OptionalLong.of(luid), endpoints, fwMark, dnsServers,
                allowLocalNetwork, localNetworks);
    }

    /** The same policy, letting the endpoints' UDP through only from sockets with this mark (Linux). */
    public KillSwitchPolicy withFwMark(long mark) {
        return new KillSwitchPolicy(interfaceName, interfaceLuid, endpoints, OptionalLong.of(mark), dnsServers,
                allowLocalNetwork, localNetworks);
    }

    /** The same policy for the peers' endpoints now (after roaming or re-resolution). */
    public KillSwitchPolicy withEndpoints(Collection<InetSocketAddress> current) {
        return new KillSwitchPolicy(interfaceName, interfaceLuid, List.copyOf(current), fwMark, dnsServers,
                allowLocalNetwork, localNetworks);
    }

    /**
     * The same policy for the uplink's subnets now (a new Wi-Fi, a new DHCP lease): the local networks become
     * {@code uplinkSubnets} plus {@link #LINK_LOCAL_NETWORKS}; without "allow local network" nothing changes.
     */
    public KillSwitchPolicy withUplinkSubnets(Collection<IpNetwork> uplinkSubnets) {
        if (!allowLocalNetwork) {
            return this;
        }
        return new KillSwitchPolicy(interfaceName, interfaceLuid, endpoints, fwMark, dnsServers, true,
                localNetworks(uplinkSubnets, true));
    }

    /** Whether {@code other} differs from this only in what {@link KillSwitch.Active#update} may change. */
    public boolean sameRulesAs(KillSwitchPolicy other) {
        return interfaceName.equals(other.interfaceName) && interfaceLuid.equals(other.interfaceLuid)
                && fwMark.equals(other.fwMark) && dnsServers.equals(other.dnsServers)
                && allowLocalNetwork == other.allowLocalNetwork;
    }

    /**
     * Refuses an update that would need other rules than this policy's, for {@link KillSwitch.Active#update}.
     *
     * @throws IllegalArgumentException naming both policies
     */
    public void requireSameRulesAs(KillSwitchPolicy next) {
        if (!sameRulesAs(next)) {
            throw new IllegalArgumentException("a kill-switch update changes only endpoints and local networks; "
                    + "in force: " + describe() + ", asked: " + next.describe());
        }
    }

    private static List<IpNetwork> localNetworks(Collection<IpNetwork> uplinkSubnets, boolean allow) {
        List<IpNetwork> locals = new ArrayList<>();
        if (allow) {
            locals.addAll(uplinkSubnets);
            locals.addAll(LINK_LOCAL_NETWORKS);
        }
        return locals;
    }

    /** One line for the tunnel's log. */
    public String describe() {
        StringBuilder b = new StringBuilder("kill-switch on ").append(interfaceName).append(": endpoints ")
                .append(endpoints.stream().map(e -> IpNetwork.format(e.getAddress()) + ":" + e.getPort()).toList())
                .append(", DNS ")
                .append(dnsServers.isEmpty() ? "through the tunnel to any server"
                        : dnsServers.stream().map(IpNetwork::format).toList().toString());
        b.append(allowLocalNetwork ? ", local networks " + localNetworks : ", local network blocked");
        return b.toString();
    }
}
