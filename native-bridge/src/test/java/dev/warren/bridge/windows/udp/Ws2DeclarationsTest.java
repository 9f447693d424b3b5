package dev.warren.bridge.windows.udp;

import static dev.warren.bridge.windows.StructureLayout.offset;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import dev.warren.bridge.windows.net.SockaddrInet;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Winsock declarations against {@code winsock2.h} / {@code ws2ipdef.h}: the direct-mapped natives are exactly the
 * exports the binding names, with the same parameter types (ANSI/wide: {@code WSASocketW} is the W variant; no
 * {@code String}, no {@code NativeLong}), and the native sizes the code assumes are the x64 ones.
 */
class Ws2DeclarationsTest {

    private static final Set<String> EXPORTS = Set.of("WSAStartup", "WSACleanup", "WSASocketW", "setsockopt",
            "WSAIoctl", "bind", "getsockname", "recvfrom", "sendto", "closesocket");

    @Test
    void theNativesAreTheBindingsExportsWithTheSameSignatures() throws Exception {
        Set<String> natives = Arrays.stream(Ws2_32.Natives.class.getDeclaredMethods())
                .filter(m -> Modifier.isNative(m.getModifiers())).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXPORTS), natives);
        for (Method m : Ws2Binding.class.getDeclaredMethods()) {
            Method n = Ws2_32.Natives.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            assertTrue(Modifier.isStatic(n.getModifiers()), n + " is a direct (static) mapping");
            assertEquals(m.getReturnType(), n.getReturnType(), n.toString());
            for (Class<?> p : m.getParameterTypes()) {
                assertTrue(p != String.class && p != NativeLong.class, m + ": " + p);
            }
            if (!m.getName().startsWith("WSAStartup") && !m.getName().equals("WSACleanup")
                    && !m.getName().equals("WSASocketW")) {
                assertEquals(long.class, m.getParameterTypes()[0], m + ": SOCKET is a UINT_PTR, 8 bytes on x64");
            }
        }
        assertEquals(long.class, Ws2Binding.class.getDeclaredMethod("WSASocketW", int.class, int.class, int.class,
                Pointer.class, int.class, int.class).getReturnType(), "WSASocketW returns a SOCKET");
    }

    /** {@code WSADATA} as {@code winsock2.h} declares it for _WIN64 (the char arrays come after the pointer). */
    @Structure.FieldOrder({"wVersion", "wHighVersion", "iMaxSockets", "iMaxUdpDg", "lpVendorInfo", "szDescription",
            "szSystemStatus"})
    public static class WsaData extends Structure {
        public short wVersion;
        public short wHighVersion;
        public short iMaxSockets;
        public short iMaxUdpDg;
        public Pointer lpVendorInfo;
        public byte[] szDescription = new byte[257];
        public byte[] szSystemStatus = new byte[129];

        public WsaData() {
            super(ALIGN_MSVC);
        }
    }

    @Test
    void nativeSizesAreTheX64Ones() throws Exception {
        assertEquals(new WsaData().size(), JnaWinsock.WSADATA_SIZE, "WSADATA");
        SockaddrInet sockaddr = new SockaddrInet();
        assertEquals(sockaddr.size(), SockaddrIn6.SIZE, "SOCKADDR_IN6 (SOCKADDR_INET has its layout)");
        assertArrayEquals(new int[] {SockaddrIn6.PORT_OFFSET, SockaddrIn6.FLOWINFO_OFFSET, SockaddrIn6.ADDR_OFFSET,
                SockaddrIn6.SCOPE_OFFSET}, new int[] {offset(sockaddr, "sin_port"),
                offset(sockaddr, "sin_addr_or_flowinfo"), offset(sockaddr, "sin6_addr"),
                offset(sockaddr, "sin6_scope_id")});
    }

    @Test
    void controlCodesAndFlagsAreTheHeadersValues() {
        // _WSAIOW(IOC_VENDOR, x) = IOC_IN (0x80000000) | IOC_VENDOR (0x18000000) | x
        assertEquals(0x80000000 | 0x18000000 | 12, Winsock.SIO_UDP_CONNRESET);
        assertEquals(0x80000000 | 0x18000000 | 15, Winsock.SIO_UDP_NETRESET);
        assertEquals(0x81, JnaWinsock.WSA_FLAG_OVERLAPPED | JnaWinsock.WSA_FLAG_NO_HANDLE_INHERIT);
        assertEquals(27, Winsock.IPV6_V6ONLY);
    }
}
