package dev.warren.app.ipc;

import java.util.Collection;

/** The state of the manager as a whole, which the tray icon shows. */
public enum ManagerState {
    INACTIVE,
    ACTIVATING,
    ACTIVE,
    ERROR;

    /**
     * The global state of a set of tunnels: any transition in progress shows as activating, then any error,
     * then active if at least one tunnel runs.
     */
    public static ManagerState of(Collection<TunnelState> tunnels) {
        if (tunnels.contains(TunnelState.ACTIVATING) || tunnels.contains(TunnelState.DEACTIVATING)) {
            return ACTIVATING;
        }
        if (tunnels.contains(TunnelState.ERROR)) {
            return ERROR;
        }
        return tunnels.contains(TunnelState.ACTIVE) ? ACTIVE : INACTIVE;
    }
}
