package dev.warren.bridge.linux;

import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketAddressBufferTest {

    private final SocketAddressBuffer buf = new SocketAddressBuffer();

    @Test
    void encodesIpv4InNetworkOrder() throws Exception {
        int len = buf.encode(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 51820));
        assertEquals(16, len);
        Pointer p = new Pointer(buf.encodedAddress());
        assertEquals(LibC.AF_INET, p.getShort(0));
        assertArrayEquals(new byte[] {(byte) 0xca, 0x6c, (byte) 192, 0, 2, 7, 0, 0}, p.getByteArray(2, 8));
    }

    @Test
    void dualStackEncodingMapsIpv4AndDecodingUnmapsIt() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 51820);
        assertEquals(28, buf.encodeDualStack(v4));
        Pointer p = new Pointer(buf.encodedAddress());
        assertEquals(LibC.AF_INET6, p.getShort(0));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 192, 0, 2, 7},
                p.getByteArray(8, 16));
        assertEquals(16, buf.encode(v4), "the same object encoded for an IPv4 socket is not served the mapped form");

        buf.prepareReceive();
        buf.received.write(0, p.getByteArray(0, 28), 0, 28);
        InetSocketAddress back = buf.decode();
        assertEquals(v4, back);
        assertInstanceOf(Inet4Address.class, back.getAddress());
    }

    @Test
    void encodesIpv6WithScope() throws Exception {
        Inet6Address ll = Inet6Address.getByAddress(null, InetAddress.getByName("fe80::1").getAddress(), 3);
        assertEquals(28, buf.encode(new InetSocketAddress(ll, 443)));
        Pointer p = new Pointer(buf.encodedAddress());
        assertEquals(LibC.AF_INET6, p.getShort(0));
        assertArrayEquals(new byte[] {1, (byte) 0xbb}, p.getByteArray(2, 2));
        assertEquals((byte) 0xfe, p.getByte(8));
        assertEquals(1, p.getByte(23));
        assertEquals(3, p.getInt(24));
    }

    @Test
    void unresolvedAddressIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> buf.encode(InetSocketAddress.createUnresolved("vpn.example.com", 51820)));
    }

    @Test
    void decodeRoundTripsAndReusesObjectsForInterleavedPeers() throws Exception {
        InetSocketAddress[] peers = new InetSocketAddress[12];
        for (int i = 0; i < peers.length; i++) {
            InetAddress ip = InetAddress.getByName(i % 2 == 0 ? "10.0.0." + i : "fd00::" + Integer.toHexString(i));
            peers[i] = new InetSocketAddress(ip, 40000 + i);
        }
        InetSocketAddress[] firstRound = new InetSocketAddress[peers.length];
        for (int i = 0; i < peers.length; i++) {
            firstRound[i] = receive(peers[i]);
            assertEquals(peers[i], firstRound[i]);
        }
        int reused = 0;
        for (int i = 0; i < peers.length; i++) {
            InetSocketAddress again = receive(peers[i]);
            assertEquals(peers[i], again, "a cache slot shared by two peers must never return the other one");
            if (again == firstRound[i]) {
                reused++;
            }
        }
        assertTrue(reused >= peers.length / 2, "only " + reused + " of " + peers.length + " peers hit the cache");
        assertSame(receive(peers[3]), receive(peers[3]));
    }

    /** Simulates recvfrom writing {@code peer} as the sender. */
    private InetSocketAddress receive(InetSocketAddress peer) {
        SocketAddressBuffer encoder = new SocketAddressBuffer();
        int len = encoder.encode(peer);
        buf.prepareReceive();
        buf.received.write(0, new Pointer(encoder.encodedAddress()).getByteArray(0, len), 0, len);
        buf.receivedLen.setInt(0, len);
        return buf.decode();
    }
}
