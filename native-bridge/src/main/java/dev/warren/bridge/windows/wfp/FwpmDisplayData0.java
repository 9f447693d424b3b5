package dev.warren.bridge.windows.wfp;

import com.sun.jna.Structure;
import com.sun.jna.WString;

/** {@code FWPM_DISPLAY_DATA0} ({@code fwptypes.h}): two wide-string pointers, 16 bytes on x64. */
@Structure.FieldOrder({"name", "description"})
public class FwpmDisplayData0 extends Structure {
    public WString name;
    public WString description;

    public FwpmDisplayData0() {
        super(ALIGN_MSVC);
    }

    void set(String name, String description) {
        this.name = new WString(name);
        this.description = new WString(description);
    }
}
