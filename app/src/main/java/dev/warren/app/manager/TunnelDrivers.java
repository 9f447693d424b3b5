package dev.warren.app.manager;

import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.TunnelName;
import java.util.function.Consumer;

/** Picks the {@link TunnelDriver} for the operating system the manager runs on. */
public final class TunnelDrivers {
    private TunnelDrivers() {
    }

    /**
     * The driver of this platform. Until the engine and the Linux bridge are wired in, starting a tunnel fails
     * with a message saying so (stored tunnels, the IPC and the CLI work meanwhile).
     */
    public static TunnelDriver forThisPlatform() {
        return new TunnelDriver() {
            @Override
            public RunningTunnel start(TunnelName name, TunnelConfig config, Consumer<String> failed)
                    throws TunnelException {
                throw new TunnelException("this build of Warren has no data path yet, so tunnels cannot start");
            }

            @Override
            public void cleanUp(TunnelResources leftovers) throws TunnelException {
                throw new TunnelException("this build of Warren has no data path yet, so it cannot remove "
                        + leftovers.interfaceName());
            }
        };
    }
}
