package dev.warren.bridge.windows.net;

import com.sun.jna.Structure;

/** {@code MIB_UNICASTIPADDRESS_ROW} ({@code netioapi.h}): 80 bytes on x64. {@code BOOLEAN}s are one byte. */
@Structure.FieldOrder({"Address", "InterfaceLuid", "InterfaceIndex", "PrefixOrigin", "SuffixOrigin",
        "ValidLifetime", "PreferredLifetime", "OnLinkPrefixLength", "SkipAsSource", "DadState", "ScopeId",
        "CreationTimeStamp"})
public class MibUnicastIpAddressRow extends Structure {

    /** {@code IpDadStatePreferred}: the address is usable at once. */
    public static final int DAD_STATE_PREFERRED = 4;
    public static final int INFINITE_LIFETIME = 0xFFFFFFFF;

    public SockaddrInet Address = new SockaddrInet();
    public long InterfaceLuid;
    public int InterfaceIndex;
    public int PrefixOrigin;
    public int SuffixOrigin;
    public int ValidLifetime;
    public int PreferredLifetime;
    public byte OnLinkPrefixLength;
    public byte SkipAsSource;
    public int DadState;
    public int ScopeId;
    public long CreationTimeStamp;

    public MibUnicastIpAddressRow() {
        super(ALIGN_MSVC);
    }
}
