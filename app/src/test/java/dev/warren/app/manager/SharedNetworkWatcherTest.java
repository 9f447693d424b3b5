package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.DnsConfigurator;
import dev.warren.bridge.NetworkConfigurator;
import dev.warren.bridge.NetworkListener;
import dev.warren.bridge.NetworkMonitor;
import dev.warren.bridge.Platform;
import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.watch.WatchedTunnel;
import dev.warren.core.device.Device;
import dev.warren.core.spi.Bind;
import dev.warren.core.spi.TunDevice;
import dev.warren.core.testing.InMemoryNetwork;
import dev.warren.core.testing.InMemoryTun;
import java.io.Closeable;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One network subscription for all of a manager's tunnels, held exactly while any tunnel runs. */
class SharedNetworkWatcherTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private final Platform platform = new Platform() {
        @Override
        public TunDevice createTun(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Bind createBind() {
            throw new UnsupportedOperationException();
        }

        @Override
        public NetworkConfigurator networkConfigurator() {
            calls.add("open configurator");
            return (NetworkConfigurator) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {NetworkConfigurator.class}, (proxy, method, args) -> {
                        calls.add("configurator." + method.getName());
                        return null;
                    });
        }

        @Override
        public NetworkMonitor networkMonitor() {
            return (NetworkListener listener) -> {
                calls.add("subscribe");
                return () -> calls.add("unsubscribe");
            };
        }

        @Override
        public DnsConfigurator dnsConfigurator() {
            throw new UnsupportedOperationException();
        }

        @Override
        public KillSwitch killSwitch() {
            throw new UnsupportedOperationException();
        }
    };

    private static WatchedTunnel tunnel(int index, Device device) {
        return new WatchedTunnel(index, device, Map.of(), false, false, line -> { }, () -> { }, () -> { });
    }

    @Test
    void theFirstTunnelStartsTheWatchAndTheLastStopsIt() throws Exception {
        SharedNetworkWatcher shared = new SharedNetworkWatcher(platform);
        InMemoryNetwork network = new InMemoryNetwork();
        try (Device a = new Device(new InMemoryTun("a", 1420), network.newBind("192.0.2.1"));
                Device b = new Device(new InMemoryTun("b", 1420), network.newBind("192.0.2.2"))) {
            Closeable first = shared.register(tunnel(10, a));
            Closeable second = shared.register(tunnel(11, b));
            assertEquals(List.of("open configurator", "subscribe"), calls, "one subscription for both tunnels");

            first.close();
            first.close();
            assertEquals(2, calls.size(), "still watching for the second tunnel; a second close is no release");
            second.close();
            assertEquals(List.of("open configurator", "subscribe", "unsubscribe", "configurator.close"), calls);
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("warren-netwatch")), "no watcher thread while no tunnel runs");

            shared.register(tunnel(10, a)).close();
            assertEquals(List.of("open configurator", "subscribe", "unsubscribe", "configurator.close",
                    "open configurator", "subscribe", "unsubscribe", "configurator.close"), calls,
                    "started again for the next tunnel");
        }
    }
}
