package dev.warren.app.manager;

import dev.warren.app.ipc.TunnelRuntime;

/** A tunnel a {@link TunnelDriver} started. */
public interface RunningTunnel {

    /** What it set up on the system, recorded so a restarted manager can remove it after a crash. */
    TunnelResources resources();

    /** Live figures: listen port, per-peer endpoint, latest handshake, transfer. */
    TunnelRuntime runtime();

    /** Runs the stop sequence in reverse (PreDown, DNS, routes, interface, PostDown), continuing past failures. */
    void stop() throws TunnelException;
}
