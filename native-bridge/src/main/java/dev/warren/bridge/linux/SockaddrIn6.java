package dev.warren.bridge.linux;

import com.sun.jna.Structure;

/**
 * {@code struct sockaddr_in6} (28 bytes). Port and address are in network byte order, the scope id in host
 * order. The layout is what {@link SocketAddressBuffer} reads and writes without {@link Structure#read()}.
 */
@Structure.FieldOrder({"sin6_family", "sin6_port", "sin6_flowinfo", "sin6_addr", "sin6_scope_id"})
public final class SockaddrIn6 extends Structure {
    public short sin6_family;
    public short sin6_port;
    public int sin6_flowinfo;
    public byte[] sin6_addr = new byte[16];
    public int sin6_scope_id;

    static final int SIZE = new SockaddrIn6().size();
    static final int PORT_OFFSET = new SockaddrIn6().fieldOffset("sin6_port");
    static final int ADDR_OFFSET = new SockaddrIn6().fieldOffset("sin6_addr");
    static final int SCOPE_OFFSET = new SockaddrIn6().fieldOffset("sin6_scope_id");
}
