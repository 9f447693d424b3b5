package dev.warren.bridge.windows.wfp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code FWP_BYTE_BLOB} ({@code fwptypes.h}): 16 bytes on x64. */
@Structure.FieldOrder({"size", "data"})
public class FwpByteBlob extends Structure {
    public int size;
    public Pointer data;

    public FwpByteBlob() {
        super(ALIGN_MSVC);
    }

    public FwpByteBlob(Pointer p) {
        super(p, ALIGN_MSVC);
        read();
    }
}
