package dev.warren.bridge.windows.wfp;

import com.sun.jna.Structure;

/** {@code FWP_V4_ADDR_AND_MASK} ({@code fwptypes.h}): address and mask in host order, 8 bytes. */
@Structure.FieldOrder({"addr", "mask"})
public class FwpV4AddrAndMask extends Structure {
    public int addr;
    public int mask;

    public FwpV4AddrAndMask() {
        super(ALIGN_MSVC);
    }
}
