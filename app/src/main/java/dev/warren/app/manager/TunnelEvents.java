package dev.warren.app.manager;

/** What a running tunnel reports to the manager while it runs. Callable from any thread. */
public interface TunnelEvents {

    /** A line for the tunnel's log (handshakes, roaming, script output, errors); never key material. */
    void log(String message);

    /** The tunnel broke on its own (e.g. its interface was deleted); the supervisor takes it down. */
    void failed(String reason);

    /**
     * What a start in progress has changed on the system so far, reported before each change that would outlive a
     * killed manager (DNS) or right after it (policy rules), so the next manager can undo a half-finished start too.
     */
    default void changed(TunnelResources soFar) {
    }
}
