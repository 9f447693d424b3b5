package dev.warren.bridge.windows.wfp;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Union;
import com.sun.jna.platform.win32.Guid;

/**
 * {@code FWPM_FILTER0} ({@code fwpmtypes.h}): 200 bytes on x64. The union of {@code rawContext} (a UINT64) and
 * {@code providerContextKey} makes the field after the action 8-aligned, at 152.
 */
@Structure.FieldOrder({"filterKey", "displayData", "flags", "providerKey", "providerData", "layerKey", "subLayerKey",
        "weight", "numFilterConditions", "filterCondition", "action", "context", "reserved", "filterId",
        "effectiveWeight"})
public class FwpmFilter0 extends Structure {

    /** The anonymous union after {@code action}. */
    public static class Context extends Union {
        public long rawContext;
        public Guid.GUID providerContextKey;
    }

    public Guid.GUID filterKey = new Guid.GUID();
    public FwpmDisplayData0 displayData = new FwpmDisplayData0();
    public int flags;
    public Guid.GUID.ByReference providerKey;
    public FwpByteBlob providerData = new FwpByteBlob();
    public Guid.GUID layerKey = new Guid.GUID();
    public Guid.GUID subLayerKey = new Guid.GUID();
    public FwpValue0 weight = new FwpValue0();
    public int numFilterConditions;
    public Pointer filterCondition;
    public FwpmAction0 action = new FwpmAction0();
    public Context context = new Context();
    public Pointer reserved;
    public long filterId;
    public FwpValue0 effectiveWeight = new FwpValue0();

    public FwpmFilter0() {
        super(ALIGN_MSVC);
    }
}
