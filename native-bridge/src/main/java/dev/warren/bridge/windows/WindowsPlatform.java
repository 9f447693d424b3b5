package dev.warren.bridge.windows;

import dev.warren.bridge.DnsConfigurator;
import dev.warren.bridge.NetworkConfigurator;
import dev.warren.bridge.NetworkMonitor;
import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.Platform;
import dev.warren.core.spi.Bind;
import dev.warren.core.spi.TunDevice;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Windows: Wintun adapters, a Winsock UDP socket pinned to the uplink, the IP Helper for addresses, routes, MTU and
 * change notifications, and {@code SetInterfaceDnsSettings} (or the registry and Dnscache) for DNS, all from one
 * {@link WindowsBridge}. Nothing native is loaded until a method needs it, and the bridge (with it the directory
 * {@code wintun.dll} is loaded from) is made on first use, so the platform can be chosen on any OS.
 */
public final class WindowsPlatform implements Platform {

    private final Supplier<WindowsBridge> bridgeFactory;
    private WindowsBridge bridge;

    /** The platform of this process, with the bridge over Warren's installation directory. */
    public WindowsPlatform() {
        this(() -> new WindowsBridge(AppDirectory.ofRunningProcess()));
    }

    WindowsPlatform(Supplier<WindowsBridge> bridgeFactory) {
        this.bridgeFactory = bridgeFactory;
    }

    /** The platform on an already assembled bridge (e.g. one over the recording fakes). */
    public static WindowsPlatform on(WindowsBridge bridge) {
        return new WindowsPlatform(() -> bridge);
    }

    /** The assembled Windows parts, for what goes beyond {@link Platform} (pipe, service, DPAPI store). */
    public synchronized WindowsBridge bridge() {
        if (bridge == null) {
            bridge = bridgeFactory.get();
        }
        return bridge;
    }

    @Override
    public TunDevice createTun(String name) throws IOException {
        return bridge().createTun(name);
    }

    @Override
    public Bind createBind() {
        return bridge().createBind();
    }

    @Override
    public NetworkConfigurator networkConfigurator() {
        return bridge().networkConfigurator();
    }

    @Override
    public NetworkMonitor networkMonitor() {
        return bridge().networkMonitor();
    }

    @Override
    public DnsConfigurator dnsConfigurator() {
        return bridge().dnsConfigurator();
    }

    /** False: {@code WindowsBind} pins its socket to the uplink; a default route goes in the main table. */
    @Override
    public boolean routesByFwmark() {
        return false;
    }

    /**
     * WFP filters in a dynamic session; the manager's own traffic is exempt only for its executable running as its
     * service SID, so a user starting the same executable gets no exception.
     */
    @Override
    public KillSwitch killSwitch() {
        String exe = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("the manager's own executable path is unknown"));
        return bridge().killSwitch(exe);
    }
}
