package dev.warren.bridge.windows.wfp;

import static dev.warren.bridge.windows.wfp.WfpCondition.equal;

import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.bridge.windows.wfp.WfpFilter.Action;
import dev.warren.core.config.IpNetwork;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The WFP filters of a {@link KillSwitchPolicy}, after wireguard-windows' {@code tunnel/firewall}: in one
 * sublayer, by weight,
 * <ul>
 *   <li>15: everything of the manager service (the tunnel's own UDP, endpoint re-resolution) — its executable and
 *       its service SID, so that a user starting the same executable gets no exception; loopback; and DNS through
 *       the tunnel (to the tunnel's servers when it names any);</li>
 *   <li>14: all other DNS — above the local network, so the LAN's router cannot answer it;</li>
 *   <li>12: the tunnel interface, DHCP, DHCPv6, neighbour discovery, and with "allow local network" the local
 *       networks (an addition of Warren's);</li>
 *   <li>0: block everything else.</li>
 * </ul>
 * Unlike wireguard-windows, DNS through the tunnel is required to use the tunnel interface, DNS is restricted
 * even when the tunnel names no servers (it then may only go through the tunnel), and loopback outweighs the DNS
 * block.
 */
public final class WfpFilterSet {

    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_ICMPV6 = 58;
    static final long FWP_CONDITION_FLAG_IS_LOOPBACK = 0x1;

    private static final IpNetwork LINK_LOCAL = IpNetwork.parse("fe80::/10");

    private WfpFilterSet() {
    }

    /** The SDDL granting {@code FWP_ACTRL_MATCH_FILTER} (CC) to the service's SID only. */
    public static String serviceOnly(String serviceName) {
        return "O:SYD:(A;;CC;;;" + ServiceSid.of(serviceName) + ")";
    }

    /**
     * @param managerExecutable the manager service's executable, whose traffic is exempt
     * @param managerService    the manager service's name, whose service SID the exemption also requires
     * @throws IllegalArgumentException when the policy has no interface LUID
     */
    public static List<WfpFilter> of(KillSwitchPolicy policy, String managerExecutable, String managerService) {
        long luid = policy.interfaceLuid().orElseThrow(() -> new IllegalArgumentException(
                "the Windows kill-switch needs the LUID of the tunnel adapter " + policy.interfaceName()));
        List<WfpFilter> filters = new ArrayList<>();
        WfpCondition onTunnel = equal(WfpField.IP_LOCAL_INTERFACE, new WfpValue.Uint64(luid));

        List<WfpCondition> manager = List.of(
                equal(WfpField.ALE_APP_ID, new WfpValue.AppId(managerExecutable)),
                equal(WfpField.ALE_USER_ID, new WfpValue.SecurityDescriptor(serviceOnly(managerService))));
        everyLayer(filters, "Permit unrestricted traffic of the Warren manager", 15, Action.PERMIT, manager, true);

        // Above the DNS block, unlike wireguard-windows: a local resolver (a DNS proxy on 127.0.0.1) keeps working,
        // as on Linux; its own upstream queries leave through the rules below like anyone's.
        everyLayer(filters, "Permit loopback", 15, Action.PERMIT, List.of(new WfpCondition(WfpField.FLAGS,
                WfpCondition.MATCH_FLAGS_ALL_SET, new WfpValue.Uint32(FWP_CONDITION_FLAG_IS_LOOPBACK))), false);

        List<WfpCondition> dns = List.of(
                equal(WfpField.IP_REMOTE_PORT, new WfpValue.Uint16(53)),
                equal(WfpField.IP_PROTOCOL, new WfpValue.Uint8(IPPROTO_UDP)),
                equal(WfpField.IP_PROTOCOL, new WfpValue.Uint8(IPPROTO_TCP)));
        for (WfpLayer layer : WfpLayer.values()) {
            List<InetAddress> servers = policy.dnsServers().stream()
                    .filter(a -> a instanceof Inet4Address == layer.isIpv4()).toList();
            if (!policy.dnsServers().isEmpty() && servers.isEmpty()) {
                continue; // the tunnel names servers of the other family only: none of this one is allowed
            }
            List<WfpCondition> permit = new ArrayList<>(dns);
            permit.add(onTunnel);
            for (InetAddress s : servers) {
                permit.add(equal(WfpField.IP_REMOTE_ADDRESS, address(s)));
            }
            filters.add(new WfpFilter("Permit DNS through the tunnel" + family(layer), layer, 15, Action.PERMIT,
                    permit, false));
        }
        everyLayer(filters, "Block DNS", 14, Action.BLOCK, dns, false);

        everyLayer(filters, "Permit the tunnel interface", 12, Action.PERMIT, List.of(onTunnel), false);
        dhcp(filters);
        neighbourDiscovery(filters);
        if (policy.allowLocalNetwork()) {
            localNetworks(filters, policy.localNetworks());
        }
        everyLayer(filters, "Block all", 0, Action.BLOCK, List.of(), false);
        return List.copyOf(filters);
    }

    private static void everyLayer(List<WfpFilter> filters, String name, int weight, Action action,
            List<WfpCondition> conditions, boolean clearActionRight) {
        for (WfpLayer layer : WfpLayer.values()) {
            filters.add(new WfpFilter(name + family(layer), layer, weight, action, conditions, clearActionRight));
        }
    }

    private static String family(WfpLayer layer) {
        String direction = layer == WfpLayer.ALE_AUTH_CONNECT_V4 || layer == WfpLayer.ALE_AUTH_CONNECT_V6
                ? "outbound" : "inbound";
        return " (" + direction + ", " + (layer.isIpv4() ? "IPv4" : "IPv6") + ")";
    }

    private static WfpValue address(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            return new WfpValue.Ipv6Address(v6);
        }
        byte[] b = a.getAddress();
        return new WfpValue.Uint32(((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
    }

    private static void dhcp(List<WfpFilter> filters) {
        WfpCondition udp = equal(WfpField.IP_PROTOCOL, new WfpValue.Uint8(IPPROTO_UDP));
        filters.add(new WfpFilter("Permit DHCP requests (outbound, IPv4)", WfpLayer.ALE_AUTH_CONNECT_V4, 12,
                Action.PERMIT, List.of(udp, equal(WfpField.IP_LOCAL_PORT, new WfpValue.Uint16(68)),
                        equal(WfpField.IP_REMOTE_PORT, new WfpValue.Uint16(67)),
                        equal(WfpField.IP_REMOTE_ADDRESS, new WfpValue.Uint32(0xFFFF_FFFFL))), false));
        filters.add(new WfpFilter("Permit DHCP responses (inbound, IPv4)", WfpLayer.ALE_AUTH_RECV_ACCEPT_V4, 12,
                Action.PERMIT, List.of(udp, equal(WfpField.IP_LOCAL_PORT, new WfpValue.Uint16(68)),
                        equal(WfpField.IP_REMOTE_PORT, new WfpValue.Uint16(67))), false));
        filters.add(new WfpFilter("Permit DHCPv6 requests (outbound, IPv6)", WfpLayer.ALE_AUTH_CONNECT_V6, 12,
                Action.PERMIT, List.of(udp,
                        equal(WfpField.IP_REMOTE_ADDRESS, v6("ff02::1:2")),
                        equal(WfpField.IP_REMOTE_ADDRESS, v6("ff05::1:3")),
                        equal(WfpField.IP_REMOTE_PORT, new WfpValue.Uint16(547)),
                        equal(WfpField.IP_LOCAL_ADDRESS, new WfpValue.V6AddrMask(LINK_LOCAL)),
                        equal(WfpField.IP_LOCAL_PORT, new WfpValue.Uint16(546))), false));
        filters.add(new WfpFilter("Permit DHCPv6 responses (inbound, IPv6)", WfpLayer.ALE_AUTH_RECV_ACCEPT_V6, 12,
                Action.PERMIT, List.of(udp,
                        equal(WfpField.IP_REMOTE_ADDRESS, new WfpValue.V6AddrMask(LINK_LOCAL)),
                        equal(WfpField.IP_REMOTE_PORT, new WfpValue.Uint16(547)),
                        equal(WfpField.IP_LOCAL_ADDRESS, new WfpValue.V6AddrMask(LINK_LOCAL)),
                        equal(WfpField.IP_LOCAL_PORT, new WfpValue.Uint16(546))), false));
    }

    /**
     * ICMPv6 133 (router solicitation) out to all-routers, 134 (advertisement) and 137 (redirect) in from
     * link-local, 135/136 (neighbour solicitation/advertisement) both ways; all with code 0.
     */
    private static void neighbourDiscovery(List<WfpFilter> filters) {
        ndp(filters, 133, WfpLayer.ALE_AUTH_CONNECT_V6, equal(WfpField.IP_REMOTE_ADDRESS, v6("ff02::2")));
        ndp(filters, 134, WfpLayer.ALE_AUTH_RECV_ACCEPT_V6,
                equal(WfpField.IP_REMOTE_ADDRESS, new WfpValue.V6AddrMask(LINK_LOCAL)));
        ndp(filters, 135, WfpLayer.ALE_AUTH_CONNECT_V6, null);
        ndp(filters, 135, WfpLayer.ALE_AUTH_RECV_ACCEPT_V6, null);
        ndp(filters, 136, WfpLayer.ALE_AUTH_CONNECT_V6, null);
        ndp(filters, 136, WfpLayer.ALE_AUTH_RECV_ACCEPT_V6, null);
        ndp(filters, 137, WfpLayer.ALE_AUTH_RECV_ACCEPT_V6,
                equal(WfpField.IP_REMOTE_ADDRESS, new WfpValue.V6AddrMask(LINK_LOCAL)));
    }

    private static void ndp(List<WfpFilter> filters, int type, WfpLayer layer, WfpCondition remote) {
        List<WfpCondition> c = new ArrayList<>(List.of(
                equal(WfpField.IP_PROTOCOL, new WfpValue.Uint8(IPPROTO_ICMPV6)),
                equal(WfpField.ICMP_TYPE, new WfpValue.Uint16(type)),
                equal(WfpField.ICMP_CODE, new WfpValue.Uint16(0))));
        if (remote != null) {
            c.add(remote);
        }
        filters.add(new WfpFilter("Permit neighbour discovery type " + type + family(layer), layer, 12,
                Action.PERMIT, c, false));
    }

    private static void localNetworks(List<WfpFilter> filters, List<IpNetwork> networks) {
        for (WfpLayer layer : WfpLayer.values()) {
            List<WfpCondition> c = networks.stream().filter(n -> n.isIpv4() == layer.isIpv4())
                    .map(n -> equal(WfpField.IP_REMOTE_ADDRESS,
                            n.isIpv4() ? new WfpValue.V4AddrMask(n) : new WfpValue.V6AddrMask(n)))
                    .toList();
            if (!c.isEmpty()) {
                filters.add(new WfpFilter("Permit the local network" + family(layer), layer, 12, Action.PERMIT, c,
                        false));
            }
        }
    }

    private static WfpValue v6(String literal) {
        return new WfpValue.Ipv6Address((Inet6Address) IpNetwork.parseLiteral(literal));
    }
}
