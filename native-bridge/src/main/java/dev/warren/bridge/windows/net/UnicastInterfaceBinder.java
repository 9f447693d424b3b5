package dev.warren.bridge.windows.net;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.WindowsApiException;

/**
 * Pins a UDP socket's unicast sends to one interface ({@code IP_UNICAST_IF} / {@code IPV6_UNICAST_IF}), so that
 * the tunnel's own encrypted packets leave through the {@link Uplink} even while the tunnel's default route is the
 * best route: the Windows way of avoiding the routing loop that Linux avoids with a firewall mark.
 */
public final class UnicastInterfaceBinder {

    static final int IPPROTO_IP = 0;
    static final int IPPROTO_IPV6 = 41;
    static final int IP_UNICAST_IF = 31;
    static final int IPV6_UNICAST_IF = 31;

    /** {@code ws2_32.dll}'s {@code setsockopt}, with the option value passed as a 4-byte integer. */
    public interface Ws2Library extends StdCallLibrary {
        int SOCKET_ERROR = -1;

        int setsockopt(long socket, int level, int optionName, IntByReference optionValue, int optionLength);

        int WSAGetLastError();
    }

    private final Ws2Library ws2;

    public UnicastInterfaceBinder(Ws2Library ws2) {
        this.ws2 = ws2;
    }

    public static UnicastInterfaceBinder load() {
        return new UnicastInterfaceBinder(Native.load("ws2_32", Ws2Library.class));
    }

    /** Binds {@code socket}'s sends of {@code family} to the interface with index {@code interfaceIndex} (0 unbinds). */
    public void bind(long socket, AddressFamily family, int interfaceIndex) throws WindowsApiException {
        int level = family == AddressFamily.INET ? IPPROTO_IP : IPPROTO_IPV6;
        int option = family == AddressFamily.INET ? IP_UNICAST_IF : IPV6_UNICAST_IF;
        if (ws2.setsockopt(socket, level, option, new IntByReference(optionValue(family, interfaceIndex)), 4)
                == Ws2Library.SOCKET_ERROR) {
            throw new WindowsApiException("setsockopt", ws2.WSAGetLastError(),
                    (family == AddressFamily.INET ? "IP_UNICAST_IF" : "IPV6_UNICAST_IF") + " " + interfaceIndex);
        }
    }

    /**
     * The option's 4-byte value as the native (little-endian) int to store: {@code IP_UNICAST_IF} wants the index in
     * network byte order, {@code IPV6_UNICAST_IF} in host byte order (a documented asymmetry).
     */
    static int optionValue(AddressFamily family, int interfaceIndex) {
        return family == AddressFamily.INET ? Integer.reverseBytes(interfaceIndex) : interfaceIndex;
    }
}
