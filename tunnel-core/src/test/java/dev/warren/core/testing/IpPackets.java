package dev.warren.core.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Minimal well-formed IPv4/IPv6 packets (UDP protocol number, payload filled with a pattern) for tests. */
public final class IpPackets {

    private IpPackets() {
    }

    /** An IPv4 packet of {@code totalLength} bytes (at least 20) from {@code src} to {@code dst}. */
    public static byte[] ipv4(String src, String dst, int totalLength, int tag) {
        byte[] p = new byte[totalLength];
        p[0] = 0x45;
        p[2] = (byte) (totalLength >> 8);
        p[3] = (byte) totalLength;
        p[8] = 64;
        p[9] = 17;
        System.arraycopy(addr(src), 0, p, 12, 4);
        System.arraycopy(addr(dst), 0, p, 16, 4);
        for (int i = 20; i < totalLength; i++) {
            p[i] = (byte) (tag + i);
        }
        return p;
    }

    /** An IPv6 packet of {@code totalLength} bytes (at least 40). */
    public static byte[] ipv6(String src, String dst, int totalLength, int tag) {
        byte[] p = new byte[totalLength];
        p[0] = 0x60;
        int payload = totalLength - 40;
        p[4] = (byte) (payload >> 8);
        p[5] = (byte) payload;
        p[6] = 17;
        p[7] = 64;
        System.arraycopy(addr(src), 0, p, 8, 16);
        System.arraycopy(addr(dst), 0, p, 24, 16);
        for (int i = 40; i < totalLength; i++) {
            p[i] = (byte) (tag + i);
        }
        return p;
    }

    private static byte[] addr(String s) {
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
