package dev.warren.app.manager;

import dev.warren.bridge.Platform;

/** Picks the {@link TunnelDriver} for the operating system the manager runs on. */
public final class TunnelDrivers {
    private TunnelDrivers() {
    }

    /**
     * The pure-Java engine on this platform's bridge.
     *
     * @throws UnsupportedOperationException naming the OS when Warren has no bridge for it
     */
    public static TunnelDriver forThisPlatform() {
        return new EngineTunnelDriver(Platform.current());
    }
}
