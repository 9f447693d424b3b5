package dev.warren.bridge.windows.udp;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.warren.bridge.SenderCache;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One thread's native {@code SOCKADDR_IN6} ({@code ws2ipdef.h}, 28 bytes: family, port in network order, flow info,
 * address, scope id) for the dual-stack socket, where an IPv4 peer is an IPv4-mapped address both ways, with caches
 * so that the packet path allocates nothing: a destination is encoded once per {@link InetSocketAddress} object
 * (direct-mapped, {@value #SLOTS} slots, enough for a handful of busy peers to interleave) and a sender's bytes are
 * decoded once while they keep arriving ({@link SenderCache}).
 */
final class SockaddrIn6 {

    static final int SIZE = 28;
    static final int PORT_OFFSET = 2;
    static final int FLOWINFO_OFFSET = 4;
    static final int ADDR_OFFSET = 8;
    static final int SCOPE_OFFSET = 24;
    private static final int SLOTS = 16;
    /** Slots are 32 bytes apart, keeping each 8-byte aligned. */
    private static final int STRIDE = 32;

    /** Where recvfrom writes the sender, and the int it writes the sender's length to. */
    private final Memory received = new Memory(SIZE);
    private final Memory receivedLength = new Memory(4);
    final long receivedAddress = Pointer.nativeValue(received);
    final long receivedLengthAddress = Pointer.nativeValue(receivedLength);
    private final ByteBuffer receivedView = received.getByteBuffer(0, SIZE).order(ByteOrder.nativeOrder());
    private final ByteBuffer receivedLengthView = receivedLength.getByteBuffer(0, 4).order(ByteOrder.nativeOrder());

    private final Memory encodedSlab = new Memory((long) SLOTS * STRIDE);
    private final long slabAddress = Pointer.nativeValue(encodedSlab);
    private final InetSocketAddress[] encoded = new InetSocketAddress[SLOTS];

    private final SenderCache senders = new SenderCache();

    /** The port of the {@code SOCKADDR_IN6} at {@code p}. */
    static int port(Pointer p) {
        return (p.getByte(PORT_OFFSET) & 0xff) << 8 | (p.getByte(PORT_OFFSET + 1) & 0xff);
    }

    /**
     * Writes {@code a} (an IPv4 address as IPv4-mapped) and returns the native address of the sockaddr, which stays
     * valid until this slot is reused.
     */
    long encode(InetSocketAddress a) {
        int slot = System.identityHashCode(a) & (SLOTS - 1);
        long address = slabAddress + (long) slot * STRIDE;
        if (encoded[slot] == a) {
            return address;
        }
        InetAddress ip = a.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("cannot send to unresolved " + a.getHostString() + ":" + a.getPort());
        }
        Pointer p = encodedSlab.share((long) slot * STRIDE, STRIDE);
        p.setMemory(0, STRIDE, (byte) 0);
        p.setShort(0, (short) Winsock.AF_INET6);
        p.setByte(PORT_OFFSET, (byte) (a.getPort() >> 8));
        p.setByte(PORT_OFFSET + 1, (byte) a.getPort());
        if (ip instanceof Inet6Address v6) {
            p.write(ADDR_OFFSET, v6.getAddress(), 0, 16);
            p.setInt(SCOPE_OFFSET, v6.getScopeId());
        } else {
            p.setShort(ADDR_OFFSET + 10, (short) 0xffff);
            p.write(ADDR_OFFSET + 12, ip.getAddress(), 0, 4);
        }
        encoded[slot] = a;
        return address;
    }

    /** Sets the length recvfrom may write before each call (it overwrites it). */
    void prepareReceive() {
        receivedLengthView.putInt(0, SIZE);
    }

    /** The sender recvfrom wrote: a cached object if the same bytes came before; IPv4-mapped comes back IPv4. */
    InetSocketAddress decode() {
        ByteBuffer r = receivedView;
        long k0 = r.getLong(0);
        long k1 = r.getLong(8);
        long k2 = r.getLong(16);
        int k3 = r.getInt(24);
        InetSocketAddress cached = senders.get(k0, k1, k2, k3);
        if (cached != null) {
            return cached;
        }
        int port = (r.get(PORT_OFFSET) & 0xff) << 8 | (r.get(PORT_OFFSET + 1) & 0xff);
        byte[] raw = received.getByteArray(ADDR_OFFSET, 16);
        int scope = r.getInt(SCOPE_OFFSET);
        InetAddress ip;
        try {
            // getByAddress unmaps ::ffff:a.b.c.d to an Inet4Address; a scope only matters for link-local IPv6.
            ip = scope != 0 ? Inet6Address.getByAddress(null, raw, scope) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an address", e);
        }
        return senders.put(new InetSocketAddress(ip, port));
    }
}
