package dev.warren.bridge.windows.wfp;

import java.util.UUID;

/** The ALE layers the kill-switch filters at ({@code FWPM_LAYER_*} in {@code fwpmu.h}). */
public enum WfpLayer {
    /** Outbound connections and the first outbound UDP datagram of a flow, IPv4. */
    ALE_AUTH_CONNECT_V4("c38d57d1-05a7-4c33-904f-7fbceee60e82", true),
    /** Inbound connections and the first inbound datagram of a flow, IPv4. */
    ALE_AUTH_RECV_ACCEPT_V4("e1cd9fe7-f4b5-4273-96c0-592e487b8650", true),
    ALE_AUTH_CONNECT_V6("4a72393b-319f-44bc-84c3-ba54dcb3b6b4", false),
    ALE_AUTH_RECV_ACCEPT_V6("a3b42c97-9f04-4672-b87e-cee9c483257f", false);

    private final UUID key;
    private final boolean ipv4;

    WfpLayer(String key, boolean ipv4) {
        this.key = UUID.fromString(key);
        this.ipv4 = ipv4;
    }

    public UUID key() {
        return key;
    }

    public boolean isIpv4() {
        return ipv4;
    }
}
