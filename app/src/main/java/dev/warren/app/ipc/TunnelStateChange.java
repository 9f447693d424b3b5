package dev.warren.app.ipc;

import java.util.Objects;

/**
 * Payload of the {@code tunnel.stateChanged} notification.
 *
 * @param name  the tunnel
 * @param state its new state
 * @param error why it failed when {@code state} is {@link TunnelState#ERROR}, else {@code null}
 */
public record TunnelStateChange(String name, TunnelState state, String error) {
    public TunnelStateChange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }
}
