package dev.warren.bridge.windows.wfp;

import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;

/** {@code FWPM_PROVIDER0} ({@code fwpmtypes.h}): 64 bytes on x64. */
@Structure.FieldOrder({"providerKey", "displayData", "flags", "providerData", "serviceName"})
public class FwpmProvider0 extends Structure {
    public Guid.GUID providerKey = new Guid.GUID();
    public FwpmDisplayData0 displayData = new FwpmDisplayData0();
    public int flags;
    public FwpByteBlob providerData = new FwpByteBlob();
    public WString serviceName;

    public FwpmProvider0() {
        super(ALIGN_MSVC);
    }
}
