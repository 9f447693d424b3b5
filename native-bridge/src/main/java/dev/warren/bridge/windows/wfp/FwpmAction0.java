package dev.warren.bridge.windows.wfp;

import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Guid;

/**
 * {@code FWPM_ACTION0} ({@code fwpmtypes.h}): the action type and a union of a filter type and a callout key
 * (both GUIDs), 20 bytes.
 */
@Structure.FieldOrder({"type", "filterType"})
public class FwpmAction0 extends Structure {
    public int type;
    public Guid.GUID filterType = new Guid.GUID();

    public FwpmAction0() {
        super(ALIGN_MSVC);
    }
}
