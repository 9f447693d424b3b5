package dev.warren.bridge.linux;

import dev.warren.bridge.NetworkConfigurator;
import dev.warren.bridge.PolicyRule;
import dev.warren.bridge.Route;
import dev.warren.bridge.RouteLookup;
import dev.warren.core.config.IpNetwork;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * {@link NetworkConfigurator} over rtnetlink: each call is one RTM_NEWxxx or RTM_DELxxx request acknowledged by the
 * kernel, the same messages {@code ip} sends, without forking a process per change (a wg-quick style start
 * with a handful of addresses and routes is a few hundred microseconds instead of several milliseconds per
 * {@code ip} call).
 *
 * <p>Works in the network namespace of the thread that constructed it.
 */
public final class LinuxNetworkConfigurator implements NetworkConfigurator {

    private static final Path SRC_VALID_MARK = Path.of("/proc/sys/net/ipv4/conf/all/src_valid_mark");

    private final Netlink netlink;
    /**
     * Opened up front because a net sysctl file belongs to the namespace of the thread that opens it, and
     * rules may be added from any thread. Null (with the reason kept) when not writable, e.g. not root.
     */
    private final FileChannel srcValidMark;
    private final IOException srcValidMarkError;

    /** A configurator for the network namespace of the calling thread. */
    public LinuxNetworkConfigurator() throws IOException {
        this.netlink = Netlink.open(0);
        FileChannel ch = null;
        IOException error = null;
        try {
            ch = FileChannel.open(SRC_VALID_MARK, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            error = e;
        }
        this.srcValidMark = ch;
        this.srcValidMarkError = error;
    }

    @Override
    public String leftoverInterfaceAdvice(String name) {
        // Found by name only: another program may own an interface of that name.
        return "an interface named " + name + " still exists; if it is a leftover of Warren, remove it with "
                + "`ip link del " + name + "`";
    }

    @Override
    public int interfaceIndex(String name) throws IOException {
        byte[] raw = IfReq.checkName(name).getBytes(StandardCharsets.US_ASCII);
        byte[] cName = Arrays.copyOf(raw, raw.length + 1);
        int[] index = {0};
        // Asked over the netlink socket rather than with if_nametoindex, which would look in the calling
        // thread's namespace instead of this configurator's.
        netlink.request(new NetlinkMessage(Rtnetlink.RTM_GETLINK, 0, linkHeader(0, 0, 0))
                        .attr(Rtnetlink.IFLA_IFNAME, cName), "look up interface " + name,
                replies((buf, off, len) -> index[0] = LinkMessage.parse(buf, off, len).index, Rtnetlink.RTM_NEWLINK));
        if (index[0] == 0) {
            throw new IOException("look up interface " + name + ": the kernel's answer carried no index");
        }
        return index[0];
    }

    @Override
    public void addAddress(int interfaceIndex, IpNetwork address) throws IOException {
        netlink.request(addressMessage(Rtnetlink.RTM_NEWADDR, Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_EXCL,
                interfaceIndex, address), "add address " + address + " to interface #" + interfaceIndex);
    }

    @Override
    public void removeAddress(int interfaceIndex, IpNetwork address) throws IOException {
        netlink.request(addressMessage(Rtnetlink.RTM_DELADDR, 0, interfaceIndex, address),
                "remove address " + address + " from interface #" + interfaceIndex);
    }

    @Override
    public void addRoute(Route route) throws IOException {
        netlink.request(routeMessage(Rtnetlink.RTM_NEWROUTE, Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_EXCL, route),
                "add route " + route);
    }

    @Override
    public void removeRoute(Route route) throws IOException {
        netlink.request(routeMessage(Rtnetlink.RTM_DELROUTE, 0, route), "remove route " + route);
    }

    @Override
    public void setMtu(int interfaceIndex, int mtu) throws IOException {
        netlink.request(new NetlinkMessage(Rtnetlink.RTM_NEWLINK, 0, linkHeader(interfaceIndex, 0, 0))
                .attr(Rtnetlink.IFLA_MTU, mtu), "set MTU " + mtu + " on interface #" + interfaceIndex);
    }

    @Override
    public void setUp(int interfaceIndex, boolean up) throws IOException {
        netlink.request(new NetlinkMessage(Rtnetlink.RTM_NEWLINK, 0,
                        linkHeader(interfaceIndex, up ? Rtnetlink.IFF_UP : 0, Rtnetlink.IFF_UP)),
                "set interface #" + interfaceIndex + (up ? " up" : " down"));
    }

    @Override
    public int mtu(int interfaceIndex) throws IOException {
        int[] mtu = {0};
        netlink.request(new NetlinkMessage(Rtnetlink.RTM_GETLINK, 0, linkHeader(interfaceIndex, 0, 0)),
                "read MTU of interface #" + interfaceIndex,
                replies((buf, off, len) -> mtu[0] = LinkMessage.parse(buf, off, len).mtu, Rtnetlink.RTM_NEWLINK));
        if (mtu[0] == 0) {
            throw new IOException("read MTU of interface #" + interfaceIndex + ": the kernel's answer carried none");
        }
        return mtu[0];
    }

    @Override
    public RouteLookup lookupRoute(InetAddress destination, int fwmark) throws IOException {
        Rtnetlink.RtMsg h = new Rtnetlink.RtMsg();
        byte[] dst = destination.getAddress();
        h.rtm_family = (byte) (dst.length == 4 ? LibC.AF_INET : LibC.AF_INET6);
        h.rtm_dst_len = (byte) (dst.length * 8);
        NetlinkMessage m = new NetlinkMessage(Rtnetlink.RTM_GETROUTE, 0, h).attr(Rtnetlink.RTA_DST, dst);
        if (fwmark != 0) {
            m.attr(Rtnetlink.RTA_MARK, fwmark);
        }
        String what = "look up route to " + IpNetwork.format(destination)
                + (fwmark != 0 ? " with fwmark 0x" + Integer.toHexString(fwmark) : "");
        RouteMessage[] answer = {null};
        netlink.request(m, what, replies((buf, off, len) -> answer[0] = RouteMessage.parse(buf, off, len),
                Rtnetlink.RTM_NEWROUTE));
        RouteMessage route = answer[0];
        if (route == null || route.outputInterface == 0) {
            throw new IOException(what + ": the kernel's answer named no output interface");
        }
        int mtu = route.mtu != 0 ? route.mtu : mtu(route.outputInterface);
        return new RouteLookup(route.outputInterface,
                route.gateway == null ? null : InetAddress.getByAddress(route.gateway), mtu);
    }

    /**
     * Adds the rule. For an IPv4 {@code not fwmark} rule it first sets {@code net.ipv4.conf.all.src_valid_mark}
     * as wg-quick does: without it, reverse-path filtering ignores the mark and drops the tunnel's replies.
     */
    @Override
    public void addRule(PolicyRule rule) throws IOException {
        if (!rule.ipv6() && rule.fwmark() != 0) {
            enableSrcValidMark();
        }
        netlink.request(ruleMessage(Rtnetlink.RTM_NEWRULE, Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_EXCL, rule),
                "add " + rule);
    }

    @Override
    public void removeRule(PolicyRule rule) throws IOException {
        netlink.request(ruleMessage(Rtnetlink.RTM_DELRULE, 0, rule), "remove " + rule);
    }

    @Override
    public void close() throws IOException {
        try (netlink) {
            if (srcValidMark != null) {
                srcValidMark.close();
            }
        }
    }

    /** One reply message of the expected type: header at {@code off}, {@code len} bytes. */
    private interface Reply {
        void message(ByteBuffer buf, int off, int len);
    }

    private static Netlink.Handler replies(Reply reply, short expectedType) {
        return new Netlink.Handler() {
            @Override
            public void message(short type, ByteBuffer buf, int offset, int length) {
                if (type == expectedType) {
                    reply.message(buf, offset, length);
                }
            }

            @Override
            public void overrun() {
                // Only multicast listeners overrun; a request socket has no groups.
            }
        };
    }

    private static NetlinkMessage addressMessage(short type, int flags, int index, IpNetwork address) {
        Rtnetlink.IfAddrMsg h = new Rtnetlink.IfAddrMsg();
        h.ifa_family = family(address);
        h.ifa_prefixlen = (byte) address.prefixLength();
        h.ifa_scope = Rtnetlink.RT_SCOPE_UNIVERSE;
        h.ifa_index = index;
        byte[] raw = address.address().getAddress();
        return new NetlinkMessage(type, flags, h)
                .attr(Rtnetlink.IFA_LOCAL, raw)
                .attr(Rtnetlink.IFA_ADDRESS, raw);
    }

    private static NetlinkMessage routeMessage(short type, int flags, Route route) {
        Rtnetlink.RtMsg h = new Rtnetlink.RtMsg();
        IpNetwork dst = route.destination();
        h.rtm_family = family(dst);
        h.rtm_dst_len = (byte) dst.prefixLength();
        h.rtm_table = tableByte(route.table());
        h.rtm_protocol = Rtnetlink.RTPROT_BOOT;
        // No gateway: the destination is reached directly on the (point-to-point) link, as `ip route add
        // ... dev wg0` sets it.
        h.rtm_scope = Rtnetlink.RT_SCOPE_LINK;
        h.rtm_type = Rtnetlink.RTN_UNICAST;
        NetlinkMessage m = new NetlinkMessage(type, flags, h);
        if (dst.prefixLength() > 0) {
            m.attr(Rtnetlink.RTA_DST, dst.address().getAddress());
        }
        m.attr(Rtnetlink.RTA_OIF, route.interfaceIndex()).attr(Rtnetlink.RTA_TABLE, route.table());
        if (route.metric() != 0) {
            m.attr(Rtnetlink.RTA_PRIORITY, route.metric());
        }
        return m;
    }

    private static NetlinkMessage ruleMessage(short type, int flags, PolicyRule rule) {
        Rtnetlink.FibRuleHdr h = new Rtnetlink.FibRuleHdr();
        h.family = (byte) (rule.ipv6() ? LibC.AF_INET6 : LibC.AF_INET);
        h.table = tableByte(rule.table());
        h.action = Rtnetlink.FR_ACT_TO_TBL;
        h.flags = rule.invertFwmark() ? Rtnetlink.FIB_RULE_INVERT : 0;
        NetlinkMessage m = new NetlinkMessage(type, flags, h).attr(Rtnetlink.FRA_TABLE, rule.table());
        if (rule.priority() >= 0) {
            m.attr(Rtnetlink.FRA_PRIORITY, rule.priority());
        }
        if (rule.fwmark() != 0) {
            m.attr(Rtnetlink.FRA_FWMARK, rule.fwmark());
        }
        if (rule.suppressPrefixLength() >= 0) {
            m.attr(Rtnetlink.FRA_SUPPRESS_PREFIXLEN, rule.suppressPrefixLength());
        }
        return m;
    }

    private static Rtnetlink.IfInfoMsg linkHeader(int index, int flags, int change) {
        Rtnetlink.IfInfoMsg h = new Rtnetlink.IfInfoMsg();
        h.ifi_family = LibC.AF_UNSPEC;
        h.ifi_index = index;
        h.ifi_flags = flags;
        h.ifi_change = change;
        return h;
    }

    /** The 8-bit table field holds tables below 256; larger ones travel only in the 32-bit attribute. */
    private static byte tableByte(int table) {
        return Integer.compareUnsigned(table, 256) < 0 ? (byte) table : 0;
    }

    private static byte family(IpNetwork n) {
        return (byte) (n.isIpv4() ? LibC.AF_INET : LibC.AF_INET6);
    }

    private synchronized void enableSrcValidMark() throws IOException {
        try {
            if (srcValidMark == null) {
                throw srcValidMarkError;
            }
            srcValidMark.write(ByteBuffer.wrap("1\n".getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            throw new IOException("cannot enable " + SRC_VALID_MARK + " (needed for fwmark policy routing): " + e, e);
        }
    }
}
