package dev.warren.bridge.windows.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.warren.bridge.windows.ScriptedBinding;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JnaWinsock} against a scripted stand-in for the {@code ws2_32} binding (last error set through JNA, as the
 * direct-mapped calls leave it): the arguments each export receives and the reading of its failure value.
 */
class JnaWinsockTest {

    private final ScriptedBinding script = new ScriptedBinding();
    private final JnaWinsock winsock = new JnaWinsock(script.of(Ws2Binding.class));
    private Object[] seen;

    @Test
    void startupAsksForWinsock22WithARoomyWsaData() throws Exception {
        script.when("WSAStartup", a -> {
            seen = a;
            return 0;
        });
        winsock.startup();
        assertEquals((short) 0x0202, seen[0]);
        assertEquals(JnaWinsock.WSADATA_SIZE, ((Memory) seen[1]).size());
        script.when("WSAStartup", a -> 10091);
        var e = assertThrows(WindowsApiException.class, winsock::startup);
        assertEquals(10091, e.code(), "WSAStartup returns its error rather than setting the last error");
    }

    @Test
    void theSocketIsUdpOverlappedAndNotInheritedByChildProcesses() throws Exception {
        script.when("WSASocketW", a -> {
            seen = a;
            return 0x2a4L;
        });
        assertEquals(0x2a4L, winsock.udpSocket(Winsock.AF_INET6));
        assertArrayEquals(new Object[] {23, 2, 17, null, 0, 0x81}, seen);
        script.when("WSASocketW", a -> {
            Native.setLastError(Winsock.WSAEAFNOSUPPORT);
            return JnaWinsock.INVALID_SOCKET;
        });
        var e = assertThrows(WindowsApiException.class, () -> winsock.udpSocket(Winsock.AF_INET6));
        assertEquals(Winsock.WSAEAFNOSUPPORT, e.code());
        assertEquals("WSASocketW", e.function());
    }

    @Test
    void optionsAndIoctlsPassAFourByteValue() throws Exception {
        script.when("setsockopt", a -> {
            seen = a;
            assertEquals(0, ((Pointer) a[3]).getInt(0), "the value, read while the call runs");
            return 0;
        });
        winsock.setOption(0x2a4L, Winsock.IPPROTO_IPV6, Winsock.IPV6_V6ONLY, 0);
        assertEquals(List.of(0x2a4L, 41, 27, 4), List.of(seen[0], seen[1], seen[2], seen[4]));
        script.when("WSAIoctl", a -> {
            seen = a;
            assertEquals(0, ((Pointer) a[2]).getInt(0), "FALSE");
            return 0;
        });
        winsock.ioctl(0x2a4L, Winsock.SIO_UDP_CONNRESET, false);
        assertEquals(List.of(0x2a4L, 0x9800000C, 4, 0), List.of(seen[0], seen[1], seen[3], seen[5]));
        assertEquals(null, seen[4], "no output buffer");
        assertEquals(null, seen[7], "not overlapped");
        script.when("setsockopt", a -> {
            Native.setLastError(10042);
            return -1;
        });
        assertEquals(10042, assertThrows(WindowsApiException.class,
                () -> winsock.setOption(0x2a4L, 41, 27, 0)).code());
    }

    @Test
    void localPortIsReadFromTheSockaddrGetsocknameFills() throws Exception {
        script.when("getsockname", a -> {
            assertEquals(SockaddrIn6.SIZE, new Pointer((long) a[2]).getInt(0), "the room given");
            Pointer sa = new Pointer((long) a[1]);
            sa.setShort(0, (short) 23);
            sa.setByte(2, (byte) 0xca);
            sa.setByte(3, (byte) 0x6c);
            return 0;
        });
        assertEquals(51820, winsock.localPort(0x2a4L));
    }

    @Test
    void receiveAndSendPassTheAddressesThroughAndReadFailuresFromTheLastError() throws Exception {
        script.when("recvfrom", a -> {
            seen = a;
            return 148;
        });
        assertEquals(148, winsock.receiveFrom(0x2a4L, 0x1000L, 1500, 0x2000L, 0x3000L));
        assertArrayEquals(new Object[] {0x2a4L, 0x1000L, 1500, 0, 0x2000L, 0x3000L}, seen);
        script.when("recvfrom", a -> {
            Native.setLastError(Winsock.WSAEINTR);
            return -1;
        });
        assertEquals(Winsock.WSAEINTR, assertThrows(WindowsApiException.class,
                () -> winsock.receiveFrom(0x2a4L, 0x1000L, 1500, 0x2000L, 0x3000L)).code());
        script.when("sendto", a -> {
            seen = a;
            return 92;
        });
        assertEquals(92, winsock.sendTo(0x2a4L, 0x1000L, 92, 0x2000L, 28));
        assertArrayEquals(new Object[] {0x2a4L, 0x1000L, 92, 0, 0x2000L, 28}, seen);
        winsock.closeSocket(0x2a4L);
        assertEquals("closesocket", script.log.getLast());
    }
}
