package dev.warren.bridge.linux;

import com.sun.jna.Structure;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One rtnetlink request being built: {@code nlmsghdr}, the family header, then 4-byte aligned attributes. The
 * sequence number and total length are filled in when {@link Netlink} sends it.
 */
final class NetlinkMessage {

    private static final int CAPACITY = 1024;

    private final ByteBuffer buf = ByteBuffer.allocateDirect(CAPACITY).order(ByteOrder.nativeOrder());
    private final short type;

    /** A request of {@code type}; REQUEST and ACK are always set, {@code flags} adds e.g. CREATE|EXCL. */
    NetlinkMessage(short type, int flags, Structure familyHeader) {
        this(type, (short) (Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK | flags), familyHeader);
    }

    /** A dump of every object of a kind (all links, all routes), answered by replies up to NLMSG_DONE. */
    static NetlinkMessage dump(short type, Structure familyHeader) {
        return new NetlinkMessage(type, (short) (Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_DUMP), familyHeader);
    }

    private NetlinkMessage(short type, short allFlags, Structure familyHeader) {
        this.type = type;
        buf.putInt(0)
                .putShort(type)
                .putShort(allFlags)
                .putInt(0)
                .putInt(0);
        familyHeader.write();
        buf.put(familyHeader.getPointer().getByteArray(0, familyHeader.size()));
    }

    short type() {
        return type;
    }

    NetlinkMessage attr(short attrType, byte[] value) {
        int len = 4 + value.length;
        buf.putShort((short) len).putShort(attrType).put(value);
        buf.position(Rtnetlink.align(buf.position()));
        return this;
    }

    NetlinkMessage attr(short attrType, int value) {
        buf.putShort((short) 8).putShort(attrType).putInt(value);
        return this;
    }

    /** The finished message for sequence number {@code seq}, from position 0 to its length. */
    ByteBuffer finish(int seq) {
        int len = buf.position();
        buf.putInt(0, len).putInt(8, seq);
        return buf.duplicate().position(0).limit(len);
    }
}
