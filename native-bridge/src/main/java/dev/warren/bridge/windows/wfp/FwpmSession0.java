package dev.warren.bridge.windows.wfp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;

/** {@code FWPM_SESSION0} ({@code fwpmtypes.h}): 72 bytes on x64; {@code kernelMode} is a 4-byte {@code BOOL}. */
@Structure.FieldOrder({"sessionKey", "displayData", "flags", "txnWaitTimeoutInMSec", "processId", "sid", "username",
        "kernelMode"})
public class FwpmSession0 extends Structure {

    public static final int FWPM_SESSION_FLAG_DYNAMIC = 0x1;
    public static final int INFINITE = 0xFFFFFFFF;

    public Guid.GUID sessionKey = new Guid.GUID();
    public FwpmDisplayData0 displayData = new FwpmDisplayData0();
    public int flags;
    public int txnWaitTimeoutInMSec;
    public int processId;
    public Pointer sid;
    public WString username;
    public int kernelMode;

    public FwpmSession0() {
        super(ALIGN_MSVC);
    }
}
