package dev.warren.bridge.linux;

import com.sun.jna.Native;

import java.nio.ByteBuffer;

/**
 * A decoded RTM_NEWROUTE/RTM_DELROUTE message: the rtmsg header and the attributes the bridge uses.
 * Addresses are raw bytes (4 or 16), absent ones null.
 */
final class RouteMessage {

    final byte family;
    final int dstLength;
    byte[] destination;
    byte[] gateway;
    int outputInterface;
    int metric;
    int table;
    /** RTAX_MTU from RTA_METRICS, or 0 if the route has no MTU of its own. */
    int mtu;

    private RouteMessage(Rtnetlink.RtMsg h) {
        this.family = h.rtm_family;
        this.dstLength = h.rtm_dst_len & 0xff;
        this.table = h.rtm_table & 0xff;
    }

    /** Decodes the message whose nlmsghdr is at {@code offset} in {@code buf}, {@code length} bytes long. */
    static RouteMessage parse(ByteBuffer buf, int offset, int length) {
        int body = offset + Rtnetlink.NlMsgHdr.SIZE;
        RouteMessage m = new RouteMessage(new Rtnetlink.RtMsg(Native.getDirectBufferPointer(buf).share(body)));
        Rtnetlink.forEachAttr(buf, body + Rtnetlink.RtMsg.SIZE, offset + length, (type, a, alen) -> {
            switch (type) {
                case Rtnetlink.RTA_DST -> m.destination = bytes(buf, a, alen);
                case Rtnetlink.RTA_GATEWAY -> m.gateway = bytes(buf, a, alen);
                case Rtnetlink.RTA_OIF -> m.outputInterface = buf.getInt(a);
                case Rtnetlink.RTA_PRIORITY -> m.metric = buf.getInt(a);
                case Rtnetlink.RTA_TABLE -> m.table = buf.getInt(a);
                case Rtnetlink.RTA_METRICS -> Rtnetlink.forEachAttr(buf, a, a + alen, (metric, v, vlen) -> {
                    if (metric == Rtnetlink.RTAX_MTU && vlen >= 4) {
                        m.mtu = buf.getInt(v);
                    }
                });
                default -> {
                }
            }
        });
        return m;
    }

    boolean isInet() {
        return family == LibC.AF_INET || family == LibC.AF_INET6;
    }

    /** The destination, or the all-zero address of the family for a default route (which carries no RTA_DST). */
    byte[] destinationOrAny() {
        return destination != null ? destination : new byte[family == LibC.AF_INET ? 4 : 16];
    }

    private static byte[] bytes(ByteBuffer buf, int off, int len) {
        byte[] b = new byte[len];
        buf.get(off, b);
        return b;
    }
}
