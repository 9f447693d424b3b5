package dev.warren.bridge.linux;

import com.sun.jna.Structure;

/**
 * {@code struct sockaddr_in} (16 bytes). Port and address are in network byte order. The layout is what
 * {@link SocketAddressBuffer} reads and writes without going through {@link Structure#read()}.
 */
@Structure.FieldOrder({"sin_family", "sin_port", "sin_addr", "sin_zero"})
public final class SockaddrIn extends Structure {
    public short sin_family;
    public short sin_port;
    public byte[] sin_addr = new byte[4];
    public byte[] sin_zero = new byte[8];

    static final int SIZE = new SockaddrIn().size();
    static final int PORT_OFFSET = new SockaddrIn().fieldOffset("sin_port");
    static final int ADDR_OFFSET = new SockaddrIn().fieldOffset("sin_addr");
}
