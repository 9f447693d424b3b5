package dev.warren.bridge.windows.wfp;

import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Guid;

/** {@code FWPM_FILTER_CONDITION0} ({@code fwpmtypes.h}): 40 bytes on x64. */
@Structure.FieldOrder({"fieldKey", "matchType", "conditionValue"})
public class FwpmFilterCondition0 extends Structure {
    public Guid.GUID fieldKey = new Guid.GUID();
    public int matchType;
    public FwpConditionValue0 conditionValue = new FwpConditionValue0();

    public FwpmFilterCondition0() {
        super(ALIGN_MSVC);
    }
}
