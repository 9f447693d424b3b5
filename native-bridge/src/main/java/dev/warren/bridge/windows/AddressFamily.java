package dev.warren.bridge.windows;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The Winsock address families the IP Helper and DNS calls take ({@code ws2def.h}). */
public enum AddressFamily {
    INET(2),
    INET6(23);

    /** {@code AF_UNSPEC}: "both families" for the table and notification calls. */
    public static final int AF_UNSPEC = 0;

    private final int value;

    AddressFamily(int value) {
        this.value = value;
    }

    /** The {@code AF_*} constant. */
    public int value() {
        return value;
    }

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet4Address ? INET : INET6;
    }

    public static AddressFamily fromValue(int value) {
        for (AddressFamily f : values()) {
            if (f.value == value) {
                return f;
            }
        }
        throw new IllegalArgumentException("address family " + value + " is neither AF_INET (2) nor AF_INET6 (23)");
    }
}
