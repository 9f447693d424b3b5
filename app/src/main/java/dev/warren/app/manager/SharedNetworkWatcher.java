package dev.warren.app.manager;

import dev.warren.bridge.NetworkConfigurator;
import dev.warren.bridge.Platform;
import dev.warren.bridge.linux.LinuxPlatform;
import dev.warren.bridge.watch.LogindResumeSignal;
import dev.warren.bridge.watch.NetworkWatcher;
import dev.warren.bridge.watch.ResumeSignal;
import dev.warren.bridge.watch.WatchedTunnel;
import dev.warren.bridge.windows.WindowsPlatform;
import dev.warren.core.config.Endpoint;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The manager's one {@link NetworkWatcher} (one network monitor subscription for all tunnels), running while at
 * least one tunnel is registered: started by the first, stopped with the last, so that a manager without running
 * tunnels has no watcher threads at all.
 */
final class SharedNetworkWatcher {

    private final Platform platform;
    private NetworkWatcher watcher;
    private NetworkConfigurator net;
    private int registered;

    SharedNetworkWatcher(Platform platform) {
        this.platform = platform;
    }

    /** Registers a running tunnel until the returned handle is closed (before its device is). */
    synchronized Closeable register(WatchedTunnel tunnel) throws IOException {
        if (watcher == null) {
            net = platform.networkConfigurator();
            try {
                watcher = NetworkWatcher.start(platform.networkMonitor(), net, resumeSignal(), Endpoint::resolve);
            } catch (IOException | RuntimeException e) {
                net.close();
                net = null;
                throw e;
            }
        }
        Closeable registration = watcher.register(tunnel);
        registered++;
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                release(registration);
            }
        };
    }

    private synchronized void release(Closeable registration) throws IOException {
        registration.close();
        if (--registered == 0) {
            NetworkWatcher w = watcher;
            NetworkConfigurator n = net;
            watcher = null;
            net = null;
            try {
                w.close();
            } finally {
                n.close();
            }
        }
    }

    /** logind over D-Bus on Linux; on Windows the service's power events, fired into the bridge's signal. */
    private ResumeSignal resumeSignal() {
        return switch (platform) {
            case LinuxPlatform linux -> new LogindResumeSignal();
            case WindowsPlatform windows -> windows.bridge().resumeSignal();
            default -> ResumeSignal.NONE;
        };
    }
}
