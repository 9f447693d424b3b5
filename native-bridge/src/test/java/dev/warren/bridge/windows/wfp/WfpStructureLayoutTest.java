package dev.warren.bridge.windows.wfp;

import static dev.warren.bridge.windows.StructureLayout.assertLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Structure;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The x64 layouts of the WFP structures against the sizes and offsets of the SDK's {@code fwptypes.h} /
 * {@code fwpmtypes.h}, as wireguard-windows' {@code types_windows_64.go} asserts them on Windows
 * ({@code FWPM_FILTER0} 200 bytes with the action at 128 and the context union at 152, and so on). JNA computes
 * the layout from the declarations on any host, so a wrong field type or order fails here, on Linux.
 */
class WfpStructureLayoutTest {

    @Test
    void values() {
        assertLayout(new FwpByteBlob(), 16, Map.of("size", 0, "data", 8));
        assertLayout(new FwpValue0(), 16, Map.of("type", 0, "value", 8));
        assertLayout(new FwpConditionValue0(), 16, Map.of("type", 0, "value", 8));
        assertLayout(new FwpV4AddrAndMask(), 8, Map.of("addr", 0, "mask", 4));
        assertLayout(new FwpV6AddrAndMask(), 17, Map.of("addr", 0, "prefixLength", 16));
        assertLayout(new FwpmDisplayData0(), 16, Map.of("name", 0, "description", 8));
        assertLayout(new FwpmAction0(), 20, Map.of("type", 0, "filterType", 4));
    }

    @Test
    void filterAndCondition() {
        assertLayout(new FwpmFilterCondition0(), 40, Map.of("fieldKey", 0, "matchType", 16, "conditionValue", 24));
        assertLayout(new FwpmFilter0(), 200, Map.ofEntries(Map.entry("filterKey", 0), Map.entry("displayData", 16),
                Map.entry("flags", 32), Map.entry("providerKey", 40), Map.entry("providerData", 48),
                Map.entry("layerKey", 64), Map.entry("subLayerKey", 80), Map.entry("weight", 96),
                Map.entry("numFilterConditions", 112), Map.entry("filterCondition", 120), Map.entry("action", 128),
                Map.entry("context", 152), Map.entry("reserved", 168), Map.entry("filterId", 176),
                Map.entry("effectiveWeight", 184)));
    }

    @Test
    void sessionProviderSubLayer() {
        assertLayout(new FwpmSession0(), 72, Map.of("sessionKey", 0, "displayData", 16, "flags", 32,
                "txnWaitTimeoutInMSec", 36, "processId", 40, "sid", 48, "username", 56, "kernelMode", 64));
        assertLayout(new FwpmProvider0(), 64, Map.of("providerKey", 0, "displayData", 16, "flags", 32,
                "providerData", 40, "serviceName", 56));
        assertLayout(new FwpmSubLayer0(), 72, Map.of("subLayerKey", 0, "displayData", 16, "flags", 32,
                "providerKey", 40, "providerData", 48, "weight", 64));
    }
}
