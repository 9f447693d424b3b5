package dev.warren.bridge.windows;

import dev.warren.bridge.windows.net.NetworkChangeMonitor;
import dev.warren.bridge.windows.net.Uplink;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process's one {@link NetworkChangeMonitor}, fanned out: started with the first subscriber, cancelled after the
 * last leaves, so every tunnel's bind and every network listener share one pair of system registrations (issue 10:
 * one watcher per manager). A new subscriber first receives each family's current uplink.
 *
 * <p>Events reach subscribers one at a time, in the order the monitor reported them, under this object's lock; the
 * current uplinks are kept here rather than asked of the monitor, so a subscriber joining never waits on the
 * monitor's lock while a notification thread holds it and waits on ours.
 */
public final class NetworkWatch {

    /** Starts the monitor that feeds the watch (in production {@code NetworkChangeMonitor.start(ip, isTunnel, l)}). */
    @FunctionalInterface
    public interface MonitorStarter {
        Closeable start(NetworkChangeMonitor.Listener listener) throws IOException;
    }

    private final MonitorStarter starter;
    private final List<NetworkChangeMonitor.Listener> subscribers = new ArrayList<>();
    private final Map<AddressFamily, Optional<Uplink>> uplinks = new EnumMap<>(AddressFamily.class);
    private final NetworkChangeMonitor.Listener fanOut = new NetworkChangeMonitor.Listener() {
        @Override
        public void uplinkChanged(AddressFamily family, Optional<Uplink> uplink) {
            synchronized (NetworkWatch.this) {
                uplinks.put(family, uplink);
                for (NetworkChangeMonitor.Listener s : subscribers) {
                    s.uplinkChanged(family, uplink);
                }
            }
        }

        @Override
        public void tunnelMtuChanged(long luid, AddressFamily family, int mtu) {
            synchronized (NetworkWatch.this) {
                for (NetworkChangeMonitor.Listener s : subscribers) {
                    s.tunnelMtuChanged(luid, family, mtu);
                }
            }
        }
    };
    private Closeable monitor;

    public NetworkWatch(MonitorStarter starter) {
        this.starter = starter;
    }

    /**
     * Adds {@code listener}, starting the monitor if it is the first, and tells it the current uplinks.
     *
     * @return closing it removes the listener (no call reaches it afterwards) and stops the monitor after the last
     */
    public Closeable subscribe(NetworkChangeMonitor.Listener listener) throws IOException {
        synchronized (this) {
            if (monitor == null) {
                uplinks.clear();
                monitor = starter.start(fanOut);
            }
            subscribers.add(listener);
            for (AddressFamily family : AddressFamily.values()) {
                listener.uplinkChanged(family, uplinks.getOrDefault(family, Optional.empty()));
            }
        }
        return () -> unsubscribe(listener);
    }

    /** The family's uplink as last reported (empty while nobody is subscribed). */
    public synchronized Optional<Uplink> uplink(AddressFamily family) {
        return uplinks.getOrDefault(family, Optional.empty());
    }

    private void unsubscribe(NetworkChangeMonitor.Listener listener) throws IOException {
        Closeable last;
        synchronized (this) {
            if (!subscribers.remove(listener) || !subscribers.isEmpty()) {
                return;
            }
            last = monitor;
            monitor = null;
        }
        // Outside the lock: cancelling waits for running callbacks, which may be waiting for this lock.
        last.close();
    }
}
