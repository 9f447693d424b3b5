package dev.warren.bridge.windows.net;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code MIB_IPFORWARD_ROW2} ({@code netioapi.h}): 104 bytes on x64. {@code BOOLEAN}s are one byte. */
@Structure.FieldOrder({"InterfaceLuid", "InterfaceIndex", "DestinationPrefix", "NextHop", "SitePrefixLength",
        "ValidLifetime", "PreferredLifetime", "Metric", "Protocol", "Loopback", "AutoconfigureAddress", "Publish",
        "Immortal", "Age", "Origin"})
public class MibIpForwardRow2 extends Structure {

    public static final int SIZE = 104;

    public long InterfaceLuid;
    public int InterfaceIndex;
    public IpAddressPrefix DestinationPrefix = new IpAddressPrefix();
    public SockaddrInet NextHop = new SockaddrInet();
    public byte SitePrefixLength;
    public int ValidLifetime;
    public int PreferredLifetime;
    public int Metric;
    public int Protocol;
    public byte Loopback;
    public byte AutoconfigureAddress;
    public byte Publish;
    public byte Immortal;
    public int Age;
    public int Origin;

    public MibIpForwardRow2() {
        super(ALIGN_MSVC);
    }

    /** A view of the row at {@code p} (a table entry or a notification's row), read at once. */
    public MibIpForwardRow2(Pointer p) {
        super(p, ALIGN_MSVC);
        read();
    }
}
