package dev.warren.bridge.windows.wfp;

import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Guid;

/** {@code FWPM_SUBLAYER0} ({@code fwpmtypes.h}): 72 bytes on x64. */
@Structure.FieldOrder({"subLayerKey", "displayData", "flags", "providerKey", "providerData", "weight"})
public class FwpmSubLayer0 extends Structure {
    public Guid.GUID subLayerKey = new Guid.GUID();
    public FwpmDisplayData0 displayData = new FwpmDisplayData0();
    public int flags;
    public Guid.GUID.ByReference providerKey;
    public FwpByteBlob providerData = new FwpByteBlob();
    public short weight;

    public FwpmSubLayer0() {
        super(ALIGN_MSVC);
    }
}
