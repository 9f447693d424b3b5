package dev.warren.bridge.linux;

import com.sun.jna.Memory;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One thread's native {@code sockaddr_in}/{@code sockaddr_in6} for sendto/recvfrom, with the Java address it
 * last converted to or from. A WireGuard peer sends from, and is sent to, the same endpoint packet after
 * packet, so the conversion (and its allocation) happens only when the endpoint changes: {@link #encode}
 * recognises the same {@link InetSocketAddress} object, {@link #decode} the same raw bytes.
 */
final class SocketAddressBuffer {

    final Memory addr = new Memory(SockaddrIn6.SIZE);
    final Memory addrLen = new Memory(4);

    private InetSocketAddress encoded;
    private int encodedLen;

    private InetSocketAddress decoded;
    private long key0;
    private long key1;
    private long key2;
    private int key3;

    /** Writes {@code a} into {@link #addr} and returns the sockaddr length to pass to the kernel. */
    int encode(InetSocketAddress a) {
        if (a == encoded) {
            return encodedLen;
        }
        InetAddress ip = a.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("cannot send to unresolved " + a.getHostString() + ":" + a.getPort());
        }
        int port = a.getPort();
        addr.clear();
        int len;
        if (ip instanceof Inet4Address) {
            addr.setShort(0, (short) LibC.AF_INET);
            addr.setByte(SockaddrIn.PORT_OFFSET, (byte) (port >> 8));
            addr.setByte(SockaddrIn.PORT_OFFSET + 1, (byte) port);
            addr.write(SockaddrIn.ADDR_OFFSET, ip.getAddress(), 0, 4);
            len = SockaddrIn.SIZE;
        } else {
            addr.setShort(0, (short) LibC.AF_INET6);
            addr.setByte(SockaddrIn6.PORT_OFFSET, (byte) (port >> 8));
            addr.setByte(SockaddrIn6.PORT_OFFSET + 1, (byte) port);
            addr.write(SockaddrIn6.ADDR_OFFSET, ip.getAddress(), 0, 16);
            addr.setInt(SockaddrIn6.SCOPE_OFFSET, ((Inet6Address) ip).getScopeId());
            len = SockaddrIn6.SIZE;
        }
        encoded = a;
        encodedLen = len;
        return len;
    }

    /** Resets the length field before a recvfrom, which overwrites it. */
    void prepareReceive() {
        addrLen.setInt(0, SockaddrIn6.SIZE);
    }

    /** The sender recvfrom wrote into {@link #addr}; the previous object if the bytes are unchanged. */
    InetSocketAddress decode() {
        long k0 = addr.getLong(0);
        boolean v6 = addr.getShort(0) == LibC.AF_INET6;
        long k1 = v6 ? addr.getLong(8) : 0;
        long k2 = v6 ? addr.getLong(16) : 0;
        int k3 = v6 ? addr.getInt(24) : 0;
        if (decoded != null && k0 == key0 && k1 == key1 && k2 == key2 && k3 == key3) {
            return decoded;
        }
        int port = (addr.getByte(2) & 0xff) << 8 | (addr.getByte(3) & 0xff);
        InetAddress ip;
        try {
            if (v6) {
                byte[] raw = addr.getByteArray(SockaddrIn6.ADDR_OFFSET, 16);
                int scope = addr.getInt(SockaddrIn6.SCOPE_OFFSET);
                ip = scope != 0 ? Inet6Address.getByAddress(null, raw, scope) : InetAddress.getByAddress(raw);
            } else {
                ip = InetAddress.getByAddress(addr.getByteArray(SockaddrIn.ADDR_OFFSET, 4));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the kernel returned a malformed socket address", e);
        }
        decoded = new InetSocketAddress(ip, port);
        key0 = k0;
        key1 = k1;
        key2 = k2;
        key3 = k3;
        return decoded;
    }
}
