package dev.warren.bridge.windows.wfp;

import com.sun.jna.Structure;

/**
 * {@code FWP_VALUE0} ({@code fwptypes.h}): a type and an 8-byte union, 16 bytes on x64. Integers up to 32 bits
 * sit in the union directly (little-endian, so as the low bytes of {@link #value}); everything larger, a
 * {@code UINT64} included, is a pointer stored as its address.
 */
@Structure.FieldOrder({"type", "value"})
public class FwpValue0 extends Structure {
    public int type;
    public long value;

    public FwpValue0() {
        super(ALIGN_MSVC);
    }

    void set(int type, long value) {
        this.type = type;
        this.value = value;
    }
}
