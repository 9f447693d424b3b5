package dev.warren.bridge;

import java.io.Closeable;
import java.io.IOException;

/**
 * Watches the OS for interface and route changes by notification (never by polling): Linux rtnetlink
 * multicast groups, Windows NotifyIpInterfaceChange / NotifyRouteChange2.
 */
public interface NetworkMonitor {

    /**
     * Starts delivering events to {@code listener} on a dedicated thread until the returned handle is closed;
     * closing it stops the thread before returning. The listener first receives the current interfaces and
     * routes as if they had just appeared, then each change; after {@link NetworkListener#eventsLost()} the
     * current state is delivered again.
     */
    Closeable subscribe(NetworkListener listener) throws IOException;
}
