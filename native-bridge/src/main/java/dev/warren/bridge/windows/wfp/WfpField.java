package dev.warren.bridge.windows.wfp;

import java.util.UUID;

/**
 * The filter condition fields the kill-switch uses ({@code FWPM_CONDITION_*} in {@code fwpmu.h}). At the ALE
 * layers ICMP type and code travel in the local and remote port fields, so those share their keys.
 */
public enum WfpField {
    IP_LOCAL_INTERFACE("4cd62a49-59c3-4969-b7f3-bda5d32890a4"),
    IP_LOCAL_ADDRESS("d9ee00de-c1ef-4617-bfe3-ffd8f5a08957"),
    IP_REMOTE_ADDRESS("b235ae9a-1d64-49b8-a44c-5ff3d9095045"),
    IP_PROTOCOL("3971ef2b-623e-4f9a-8cb1-6e79b806b9a7"),
    IP_LOCAL_PORT("0c1ba1af-5765-453f-af22-a8f791ac775b"),
    IP_REMOTE_PORT("c35a604d-d22b-4e1a-91b4-68f674ee674b"),
    ICMP_TYPE("0c1ba1af-5765-453f-af22-a8f791ac775b"),
    ICMP_CODE("c35a604d-d22b-4e1a-91b4-68f674ee674b"),
    ALE_APP_ID("d78e1e87-8644-4ea5-9437-d809ecefc971"),
    ALE_USER_ID("af043a0a-b34d-4f86-979c-c90371af6e66"),
    FLAGS("632ce23b-5167-435c-86d7-e903684aa80c");

    private final UUID key;

    WfpField(String key) {
        this.key = UUID.fromString(key);
    }

    public UUID key() {
        return key;
    }
}
