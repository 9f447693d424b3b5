package dev.warren.bridge.windows.wfp;

import com.sun.jna.Structure;

/** {@code FWP_V6_ADDR_AND_MASK} ({@code fwptypes.h}): address in network order and a prefix length, 17 bytes. */
@Structure.FieldOrder({"addr", "prefixLength"})
public class FwpV6AddrAndMask extends Structure {
    public byte[] addr = new byte[16];
    public byte prefixLength;

    public FwpV6AddrAndMask() {
        super(ALIGN_MSVC);
    }
}
