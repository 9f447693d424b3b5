package dev.warren.bridge.linux;

import com.sun.jna.Native;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A decoded RTM_NEWLINK/RTM_DELLINK message: index, flags and the attributes the bridge uses. */
final class LinkMessage {

    final int index;
    final int flags;
    String name = "";
    /** IFLA_MTU, or 0 if the message did not carry it. */
    int mtu;

    private LinkMessage(Rtnetlink.IfInfoMsg h) {
        this.index = h.ifi_index;
        this.flags = h.ifi_flags;
    }

    /** Decodes the message whose nlmsghdr is at {@code offset} in {@code buf}, {@code length} bytes long. */
    static LinkMessage parse(ByteBuffer buf, int offset, int length) {
        int body = offset + Rtnetlink.NlMsgHdr.SIZE;
        LinkMessage m = new LinkMessage(new Rtnetlink.IfInfoMsg(Native.getDirectBufferPointer(buf).share(body)));
        Rtnetlink.forEachAttr(buf, body + Rtnetlink.IfInfoMsg.SIZE, offset + length, (type, a, alen) -> {
            if (type == Rtnetlink.IFLA_IFNAME) {
                int n = 0;
                while (n < alen && buf.get(a + n) != 0) {
                    n++;
                }
                byte[] raw = new byte[n];
                buf.get(a, raw);
                m.name = new String(raw, StandardCharsets.UTF_8);
            } else if (type == Rtnetlink.IFLA_MTU && alen >= 4) {
                m.mtu = buf.getInt(a);
            }
        });
        return m;
    }

    boolean up() {
        return (flags & Rtnetlink.IFF_UP) != 0;
    }

    boolean running() {
        return (flags & Rtnetlink.IFF_RUNNING) != 0;
    }
}
