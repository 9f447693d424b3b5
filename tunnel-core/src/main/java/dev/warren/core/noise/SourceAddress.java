package dev.warren.core.noise;

import java.net.InetSocketAddress;

/**
 * The byte form of a datagram's source that cookies are bound to: the IP address (4 or 16 bytes) followed by
 * the port, little-endian, as wireguard-go's endpoints encode it. Only this host ever computes cookies over it,
 * so the encoding need only be injective.
 */
final class SourceAddress {

    private SourceAddress() {
    }

    static byte[] bytes(InetSocketAddress source) {
        byte[] ip = source.getAddress().getAddress();
        byte[] out = java.util.Arrays.copyOf(ip, ip.length + 2);
        out[ip.length] = (byte) source.getPort();
        out[ip.length + 1] = (byte) (source.getPort() >>> 8);
        return out;
    }
}
