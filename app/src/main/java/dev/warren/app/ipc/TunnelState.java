package dev.warren.app.ipc;

/** The life cycle of one tunnel inside the manager. */
public enum TunnelState {
    INACTIVE,
    ACTIVATING,
    ACTIVE,
    DEACTIVATING,
    /** The last start failed or a running tunnel broke; the summary's error text says why. */
    ERROR
}
