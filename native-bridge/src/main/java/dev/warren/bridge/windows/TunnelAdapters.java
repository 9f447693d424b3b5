package dev.warren.bridge.windows;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Warren's own live Wintun adapters, by LUID. A tunnel adapter is never an uplink (its default route is the one the
 * tunnel's UDP must avoid), and its name is what the OS-neutral {@code LinkEvent} reports for it. Read from system
 * notification threads, written when a tunnel is created or closed.
 */
public final class TunnelAdapters {

    /** One adapter: the tunnel's name, its LUID and its interface index. */
    public record Adapter(String name, long luid, int index) {
    }

    private final Map<Long, Adapter> byLuid = new ConcurrentHashMap<>();

    void add(Adapter adapter) {
        byLuid.put(adapter.luid(), adapter);
    }

    /** Forgets tunnel {@code name}'s adapter (names are unique among live tunnels). */
    void remove(String name) {
        byLuid.values().removeIf(a -> a.name().equals(name));
    }

    /** Whether {@code luid} is one of Warren's adapters: the {@code isTunnel} test of the network monitor. */
    public boolean contains(long luid) {
        return byLuid.containsKey(luid);
    }

    public Optional<Adapter> get(long luid) {
        return Optional.ofNullable(byLuid.get(luid));
    }

    public Collection<Adapter> all() {
        return List.copyOf(byLuid.values());
    }
}
