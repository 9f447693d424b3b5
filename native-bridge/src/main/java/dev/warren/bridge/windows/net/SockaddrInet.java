package dev.warren.bridge.windows.net;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import dev.warren.bridge.windows.AddressFamily;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code SOCKADDR_INET} ({@code ws2ipdef.h}), 28 bytes, 4-byte aligned: the union of {@code SOCKADDR_IN} and
 * {@code SOCKADDR_IN6}.
 *
 * <p>Declared with the layout of its larger member, {@code SOCKADDR_IN6}, rather than as a JNA {@code Union}: the
 * family and port sit at the same offsets in both members, and an IPv4 address occupies exactly the bytes of
 * {@code sin6_flowinfo}, so one fixed layout encodes both without JNA's active-member bookkeeping.
 */
@Structure.FieldOrder({"si_family", "sin_port", "sin_addr_or_flowinfo", "sin6_addr", "sin6_scope_id"})
public class SockaddrInet extends Structure {

    public short si_family;
    /** Network byte order. */
    public byte[] sin_port = new byte[2];
    /** {@code SOCKADDR_IN.sin_addr} for IPv4; {@code SOCKADDR_IN6.sin6_flowinfo} (zero) for IPv6. */
    public byte[] sin_addr_or_flowinfo = new byte[4];
    /** {@code SOCKADDR_IN6.sin6_addr}; for IPv4 its first 8 bytes are {@code sin_zero}. */
    public byte[] sin6_addr = new byte[16];
    public int sin6_scope_id;

    public SockaddrInet() {
        super(ALIGN_MSVC);
    }

    public SockaddrInet(Pointer p) {
        super(p, ALIGN_MSVC);
        read();
    }

    /** Sets this to {@code address} with port 0, clearing every other byte. */
    public void set(InetAddress address) {
        byte[] raw = address.getAddress();
        sin_port = new byte[2];
        sin_addr_or_flowinfo = new byte[4];
        sin6_addr = new byte[16];
        sin6_scope_id = 0;
        if (raw.length == 4) {
            si_family = (short) AddressFamily.INET.value();
            sin_addr_or_flowinfo = raw;
        } else {
            si_family = (short) AddressFamily.INET6.value();
            sin6_addr = raw;
            if (address instanceof Inet6Address v6) {
                sin6_scope_id = v6.getScopeId();
            }
        }
    }

    /** The address this holds. */
    public InetAddress address() {
        try {
            return switch (AddressFamily.fromValue(si_family)) {
                case INET -> InetAddress.getByAddress(sin_addr_or_flowinfo.clone());
                case INET6 -> sin6_scope_id != 0
                        ? Inet6Address.getByAddress(null, sin6_addr.clone(), sin6_scope_id)
                        : InetAddress.getByAddress(sin6_addr.clone());
            };
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4- or 16-byte address is always valid", e);
        }
    }
}
