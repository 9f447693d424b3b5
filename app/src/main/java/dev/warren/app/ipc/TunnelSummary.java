package dev.warren.app.ipc;

import java.util.List;
import java.util.Objects;

/**
 * One stored tunnel as {@code tunnels.list} reports it.
 *
 * @param name      the tunnel name (also the interface name on Linux)
 * @param state     where it is in its life cycle
 * @param error     why the last start failed or the tunnel stopped, or {@code null}
 * @param bootStart whether the manager starts it when it starts
 * @param addresses the interface addresses from its config ({@code Address =}), canonical text
 */
public record TunnelSummary(String name, TunnelState state, String error, boolean bootStart, List<String> addresses) {
    public TunnelSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
