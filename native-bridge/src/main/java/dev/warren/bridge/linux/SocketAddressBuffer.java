package dev.warren.bridge.linux;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.warren.bridge.SenderCache;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One thread's native {@code sockaddr_in}/{@code sockaddr_in6} buffers for sendto/recvfrom, with small caches
 * of the conversions to and from Java addresses. WireGuard peers send from, and are sent to, the same few
 * endpoints packet after packet, so the conversion (and its allocation) happens only when a peer's endpoint
 * is new: {@link #encode} recognises the same {@link InetSocketAddress} object, {@link #decode} the same raw
 * bytes ({@link SenderCache}). The encoding cache is direct-mapped with {@value #SLOTS} slots, enough for a
 * handful of busy peers to interleave without evicting each other.
 */
final class SocketAddressBuffer {

    private static final int SLOTS = 16;
    private static final int STRIDE = 32;

    /** Where recvfrom writes the sender (and getsockname the local address). */
    final Memory received = new Memory(SockaddrIn6.SIZE);
    final Memory receivedLen = new Memory(4);
    /** The addresses of {@link #received} and {@link #receivedLen}, for LibC's long-address calls. */
    final long receivedPtr = Pointer.nativeValue(received);
    final long receivedLenPtr = Pointer.nativeValue(receivedLen);
    /**
     * Views of the same memory for the per-packet accesses: a ByteBuffer get/put is a JIT intrinsic, while each
     * Memory.getLong/setInt is a JNI call.
     */
    private final ByteBuffer receivedView = received.getByteBuffer(0, SockaddrIn6.SIZE).order(ByteOrder.nativeOrder());
    private final ByteBuffer receivedLenView = receivedLen.getByteBuffer(0, 4).order(ByteOrder.nativeOrder());

    private final Memory encodedSlab = new Memory((long) SLOTS * STRIDE);
    private final Pointer[] encodedSlots = new Pointer[SLOTS];
    private final long slabPtr = Pointer.nativeValue(encodedSlab);
    private final InetSocketAddress[] encoded = new InetSocketAddress[SLOTS];
    private final int[] encodedLen = new int[SLOTS];
    private final boolean[] encodedMapped = new boolean[SLOTS];

    private final SenderCache senders = new SenderCache();

    private int lastSlot;

    SocketAddressBuffer() {
        for (int i = 0; i < SLOTS; i++) {
            encodedSlots[i] = encodedSlab.share((long) i * STRIDE, STRIDE);
        }
    }

    /**
     * Encodes {@code a} in its own family and returns the sockaddr length; the sockaddr itself is then
     * {@link #encodedAddress()}.
     */
    int encode(InetSocketAddress a) {
        return encode(a, false);
    }

    /** Like {@link #encode} but an IPv4 address becomes IPv4-mapped, for a dual-stack IPv6 socket. */
    int encodeDualStack(InetSocketAddress a) {
        return encode(a, true);
    }

    private int encode(InetSocketAddress a, boolean mapV4) {
        int slot = System.identityHashCode(a) & (SLOTS - 1);
        lastSlot = slot;
        if (encoded[slot] == a && encodedMapped[slot] == mapV4) {
            return encodedLen[slot];
        }
        InetAddress ip = a.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("cannot send to unresolved " + a.getHostString() + ":" + a.getPort());
        }
        Pointer p = encodedSlots[slot];
        int port = a.getPort();
        p.setMemory(0, STRIDE, (byte) 0);
        int len;
        if (ip instanceof Inet4Address && !mapV4) {
            p.setShort(0, (short) LibC.AF_INET);
            p.setByte(SockaddrIn.PORT_OFFSET, (byte) (port >> 8));
            p.setByte(SockaddrIn.PORT_OFFSET + 1, (byte) port);
            p.write(SockaddrIn.ADDR_OFFSET, ip.getAddress(), 0, 4);
            len = SockaddrIn.SIZE;
        } else {
            p.setShort(0, (short) LibC.AF_INET6);
            p.setByte(SockaddrIn6.PORT_OFFSET, (byte) (port >> 8));
            p.setByte(SockaddrIn6.PORT_OFFSET + 1, (byte) port);
            if (ip instanceof Inet6Address v6) {
                p.write(SockaddrIn6.ADDR_OFFSET, v6.getAddress(), 0, 16);
                p.setInt(SockaddrIn6.SCOPE_OFFSET, v6.getScopeId());
            } else {
                p.setShort(SockaddrIn6.ADDR_OFFSET + 10, (short) 0xffff);
                p.write(SockaddrIn6.ADDR_OFFSET + 12, ip.getAddress(), 0, 4);
            }
            len = SockaddrIn6.SIZE;
        }
        encoded[slot] = a;
        encodedMapped[slot] = mapV4;
        encodedLen[slot] = len;
        return len;
    }

    /** The address of the sockaddr written by the last {@link #encode}. */
    long encodedAddress() {
        return slabPtr + (long) lastSlot * STRIDE;
    }

    /** Resets the length field before a recvfrom, which overwrites it. */
    void prepareReceive() {
        receivedLenView.putInt(0, SockaddrIn6.SIZE);
    }

    /**
     * The sender recvfrom wrote into {@link #received}; a cached object if these bytes were seen before. An
     * IPv4-mapped IPv6 sender comes back as an {@link Inet4Address} (InetAddress.getByAddress unmaps it).
     */
    InetSocketAddress decode() {
        ByteBuffer r = receivedView;
        long k0 = r.getLong(0);
        boolean v6 = r.getShort(0) == LibC.AF_INET6;
        long k1 = v6 ? r.getLong(8) : 0;
        long k2 = v6 ? r.getLong(16) : 0;
        int k3 = v6 ? r.getInt(24) : 0;
        InetSocketAddress cached = senders.get(k0, k1, k2, k3);
        if (cached != null) {
            return cached;
        }
        int port = (r.get(2) & 0xff) << 8 | (r.get(3) & 0xff);
        InetAddress ip;
        try {
            if (v6) {
                byte[] raw = received.getByteArray(SockaddrIn6.ADDR_OFFSET, 16);
                int scope = received.getInt(SockaddrIn6.SCOPE_OFFSET);
                ip = scope != 0 ? Inet6Address.getByAddress(null, raw, scope) : InetAddress.getByAddress(raw);
            } else {
                ip = InetAddress.getByAddress(received.getByteArray(SockaddrIn.ADDR_OFFSET, 4));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the kernel returned a malformed socket address", e);
        }
        return senders.put(new InetSocketAddress(ip, port));
    }
}
