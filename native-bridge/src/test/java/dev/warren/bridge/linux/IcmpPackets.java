package dev.warren.bridge.linux;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/** Just enough IPv4/ICMP to recognise a ping in a TUN and answer it. */
final class IcmpPackets {

    private IcmpPackets() {
    }

    static boolean isEchoRequest(ByteBuffer b, int off, int len, String src, String dst) throws Exception {
        if (len < 28 || (b.get(off) & 0xf0) != 0x40 || b.get(off + 9) != 1) {
            return false;
        }
        int ihl = (b.get(off) & 0x0f) * 4;
        return b.get(off + ihl) == 8
                && addr(b, off + 12).equals(InetAddress.getByName(src))
                && addr(b, off + 16).equals(InetAddress.getByName(dst));
    }

    /** Writes the echo reply for the request between {@code req}'s position and limit into {@code out}. */
    static void echoReply(ByteBuffer req, ByteBuffer out) {
        int start = req.position();
        int len = req.remaining();
        int ihl = (req.get(start) & 0x0f) * 4;
        for (int i = 0; i < len; i++) {
            out.put(i, req.get(start + i));
        }
        for (int i = 0; i < 4; i++) {
            out.put(12 + i, req.get(start + 16 + i));
            out.put(16 + i, req.get(start + 12 + i));
        }
        out.put(ihl, (byte) 0);
        out.putShort(ihl + 2, (short) 0);
        out.putShort(ihl + 2, checksum(out, ihl, len - ihl));
        out.putShort(10, (short) 0);
        out.putShort(10, checksum(out, 0, ihl));
        out.position(len);
    }

    static boolean isEchoReply(ByteBuffer b, String src, String dst) throws Exception {
        int ihl = (b.get(0) & 0x0f) * 4;
        return (b.get(0) & 0xf0) == 0x40 && b.get(9) == 1 && b.get(ihl) == 0
                && addr(b, 12).equals(InetAddress.getByName(src)) && addr(b, 16).equals(InetAddress.getByName(dst));
    }

    /** An ICMP echo request with 56 bytes of payload, as ping sends, in a direct buffer from 0 to its limit. */
    static ByteBuffer echoRequest(String src, String dst) throws Exception {
        int len = 20 + 8 + 56;
        ByteBuffer b = ByteBuffer.allocateDirect(len);
        b.put(0, (byte) 0x45).putShort(2, (short) len).put(8, (byte) 64).put(9, (byte) 1);
        b.put(12, InetAddress.getByName(src).getAddress()).put(16, InetAddress.getByName(dst).getAddress());
        b.putShort(10, checksum(b, 0, 20));
        b.put(20, (byte) 8).putShort(24, (short) 0x5752).putShort(26, (short) 1);
        for (int i = 28; i < len; i++) {
            b.put(i, (byte) i);
        }
        b.putShort(22, checksum(b, 20, len - 20));
        return b;
    }

    static boolean isEchoRequest6(ByteBuffer b, int len, String src, String dst) throws Exception {
        return len >= 48 && (b.get(0) & 0xf0) == 0x60 && b.get(6) == 58 && (b.get(40) & 0xff) == 128
                && addr6(b, 8).equals(InetAddress.getByName(src)) && addr6(b, 24).equals(InetAddress.getByName(dst));
    }

    /** Writes the ICMPv6 echo reply for the request between {@code req}'s position and limit into {@code out}. */
    static void echoReply6(ByteBuffer req, ByteBuffer out) {
        int start = req.position();
        int len = req.remaining();
        for (int i = 0; i < len; i++) {
            out.put(i, req.get(start + i));
        }
        for (int i = 0; i < 16; i++) {
            out.put(8 + i, req.get(start + 24 + i));
            out.put(24 + i, req.get(start + 8 + i));
        }
        out.put(40, (byte) 129);
        out.putShort(42, (short) 0);
        // The ICMPv6 checksum covers a pseudo-header: source, destination, upper-layer length, next header.
        int icmpLen = len - 40;
        ByteBuffer pseudo = ByteBuffer.allocate(40 + icmpLen);
        for (int i = 0; i < 32; i++) {
            pseudo.put(i, out.get(8 + i));
        }
        pseudo.putInt(32, icmpLen).put(39, (byte) 58);
        for (int i = 0; i < icmpLen; i++) {
            pseudo.put(40 + i, out.get(40 + i));
        }
        out.putShort(42, checksum(pseudo, 0, pseudo.capacity()));
        out.position(len);
    }

    /** A 20-byte IPv4 header with no payload: a valid packet to write. */
    static ByteBuffer minimalIpv4() {
        ByteBuffer b = ByteBuffer.allocateDirect(20);
        b.put(0, (byte) 0x45).putShort(2, (short) 20).put(8, (byte) 64).put(9, (byte) 17);
        b.put(12, (byte) 10).put(15, (byte) 1).put(16, (byte) 10).put(19, (byte) 2);
        b.putShort(10, checksum(b, 0, 20));
        return b;
    }

    static short checksum(ByteBuffer b, int off, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += b.getShort(off + i) & 0xffff;
        }
        if ((len & 1) != 0) {
            sum += (b.get(off + len - 1) & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    private static InetAddress addr6(ByteBuffer b, int off) throws Exception {
        byte[] a = new byte[16];
        b.get(off, a);
        return InetAddress.getByAddress(a);
    }

    private static InetAddress addr(ByteBuffer b, int off) throws Exception {
        byte[] a = new byte[4];
        b.get(off, a);
        return InetAddress.getByAddress(a);
    }
}
