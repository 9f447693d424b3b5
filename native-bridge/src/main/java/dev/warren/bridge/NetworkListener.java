package dev.warren.bridge;

/**
 * Receives network change notifications from a {@link NetworkMonitor}, on the monitor's own thread, in the
 * order the OS reported them. Implementations must return quickly (hand work to another thread).
 */
public interface NetworkListener {

    void linkChanged(LinkEvent event);

    void routeChanged(RouteEvent event);

    /**
     * The OS dropped notifications because they arrived faster than they were read; whatever the listener
     * derived from them should be re-read from the OS.
     */
    void eventsLost();
}
