package dev.warren.bridge.linux;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import java.nio.ByteBuffer;

/**
 * The rtnetlink ABI from {@code <linux/netlink.h>}, {@code <linux/rtnetlink.h>}, {@code <linux/if_link.h>},
 * {@code <linux/if_addr.h>} and {@code <linux/fib_rules.h>}: the fixed headers as JNA structures (so their
 * layout follows the C rules and is checked by a test) and the numbers the bridge uses.
 */
final class Rtnetlink {

    private Rtnetlink() {
    }

    static final int NETLINK_ROUTE = 0;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;

    // nlmsghdr.nlmsg_type
    static final short NLMSG_ERROR = 2;
    static final short NLMSG_DONE = 3;
    static final short RTM_NEWLINK = 16;
    static final short RTM_DELLINK = 17;
    static final short RTM_GETLINK = 18;
    static final short RTM_NEWADDR = 20;
    static final short RTM_DELADDR = 21;
    static final short RTM_NEWROUTE = 24;
    static final short RTM_DELROUTE = 25;
    static final short RTM_GETROUTE = 26;
    static final short RTM_NEWRULE = 32;
    static final short RTM_DELRULE = 33;

    // nlmsghdr.nlmsg_flags
    static final short NLM_F_REQUEST = 0x1;
    static final short NLM_F_ACK = 0x4;
    static final short NLM_F_DUMP = 0x300;
    static final short NLM_F_EXCL = 0x200;
    static final short NLM_F_CREATE = 0x400;
    /** In an NLMSG_ERROR reply: extended-ack attributes follow the (capped) original header. */
    static final short NLM_F_ACK_TLVS = 0x200;
    static final short NLMSGERR_ATTR_MSG = 1;

    // multicast groups as bind(2) bit masks (1 << (RTNLGRP_x - 1))
    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_IPV4_ROUTE = 0x40;
    static final int RTMGRP_IPV6_ROUTE = 0x400;

    // attributes
    static final short IFLA_IFNAME = 3;
    static final short IFLA_MTU = 4;
    static final short IFA_ADDRESS = 1;
    static final short IFA_LOCAL = 2;
    static final short RTA_DST = 1;
    static final short RTA_OIF = 4;
    static final short RTA_GATEWAY = 5;
    static final short RTA_PRIORITY = 6;
    static final short RTA_METRICS = 8;
    static final short RTA_TABLE = 15;
    static final short RTA_MARK = 16;
    /** Inside RTA_METRICS. */
    static final short RTAX_MTU = 2;
    static final short FRA_PRIORITY = 6;
    static final short FRA_FWMARK = 10;
    static final short FRA_SUPPRESS_PREFIXLEN = 14;
    static final short FRA_TABLE = 15;

    static final int IFF_UP = 0x1;
    static final int IFF_RUNNING = 0x40;
    static final int RT_TABLE_MAIN = 254;
    static final byte RT_SCOPE_UNIVERSE = 0;
    static final byte RT_SCOPE_LINK = (byte) 253;
    static final byte RTPROT_BOOT = 3;
    static final byte RTN_UNICAST = 1;
    static final byte FR_ACT_TO_TBL = 1;
    static final int FIB_RULE_INVERT = 0x2;

    /** Attributes are 4-byte aligned. */
    static int align(int n) {
        return (n + 3) & ~3;
    }

    /** Receives one attribute: its type (nested/byte-order flags masked off), value offset and value length. */
    interface AttrVisitor {
        void attr(int type, int valueOffset, int valueLength);
    }

    /** Visits the attributes between {@code from} and {@code end} in {@code buf}, stopping at a malformed one. */
    static void forEachAttr(ByteBuffer buf, int from, int end, AttrVisitor visitor) {
        for (int a = from; a + 4 <= end; ) {
            int alen = buf.getShort(a) & 0xffff;
            if (alen < 4 || a + alen > end) {
                return;
            }
            visitor.attr(buf.getShort(a + 2) & 0x3fff, a + 4, alen - 4);
            a += align(alen);
        }
    }

    @Structure.FieldOrder({"nl_family", "nl_pad", "nl_pid", "nl_groups"})
    public static final class SockaddrNl extends Structure {
        public short nl_family;
        public short nl_pad;
        public int nl_pid;
        public int nl_groups;
    }

    @Structure.FieldOrder({"nlmsg_len", "nlmsg_type", "nlmsg_flags", "nlmsg_seq", "nlmsg_pid"})
    public static final class NlMsgHdr extends Structure {
        public int nlmsg_len;
        public short nlmsg_type;
        public short nlmsg_flags;
        public int nlmsg_seq;
        public int nlmsg_pid;

        static final int SIZE = new NlMsgHdr().size();
    }

    @Structure.FieldOrder({"ifi_family", "ifi_pad", "ifi_type", "ifi_index", "ifi_flags", "ifi_change"})
    public static final class IfInfoMsg extends Structure {
        public byte ifi_family;
        public byte ifi_pad;
        public short ifi_type;
        public int ifi_index;
        public int ifi_flags;
        public int ifi_change;

        static final int SIZE = new IfInfoMsg().size();

        public IfInfoMsg() {
        }

        IfInfoMsg(Pointer p) {
            super(p);
            read();
        }
    }

    @Structure.FieldOrder({"ifa_family", "ifa_prefixlen", "ifa_flags", "ifa_scope", "ifa_index"})
    public static final class IfAddrMsg extends Structure {
        public byte ifa_family;
        public byte ifa_prefixlen;
        public byte ifa_flags;
        public byte ifa_scope;
        public int ifa_index;

        static final int SIZE = new IfAddrMsg().size();
    }

    @Structure.FieldOrder({"rtm_family", "rtm_dst_len", "rtm_src_len", "rtm_tos", "rtm_table", "rtm_protocol",
            "rtm_scope", "rtm_type", "rtm_flags"})
    public static final class RtMsg extends Structure {
        public byte rtm_family;
        public byte rtm_dst_len;
        public byte rtm_src_len;
        public byte rtm_tos;
        public byte rtm_table;
        public byte rtm_protocol;
        public byte rtm_scope;
        public byte rtm_type;
        public int rtm_flags;

        static final int SIZE = new RtMsg().size();

        public RtMsg() {
        }

        RtMsg(Pointer p) {
            super(p);
            read();
        }
    }

    @Structure.FieldOrder({"family", "dst_len", "src_len", "tos", "table", "res1", "res2", "action", "flags"})
    public static final class FibRuleHdr extends Structure {
        public byte family;
        public byte dst_len;
        public byte src_len;
        public byte tos;
        public byte table;
        public byte res1;
        public byte res2;
        public byte action;
        public int flags;

        static final int SIZE = new FibRuleHdr().size();
    }
}
