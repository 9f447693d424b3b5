package dev.warren.app.ipc;

import java.util.List;

/**
 * Receives the manager's notifications. Every method is called on the client's single notification thread, in
 * the order the manager sent them; a GUI must hop to its own thread (e.g. {@code SwingUtilities.invokeLater}).
 * A listener that blocks delays only later notifications of this client, never the manager.
 */
public interface ManagerListener {

    /** {@code tunnel.stateChanged}: a tunnel moved to a new state (with the error text when it failed). */
    default void tunnelStateChanged(TunnelStateChange change) {
    }

    /** {@code tunnels.changed}: a tunnel was created, changed, renamed, deleted, or dropped into the store. */
    default void tunnelsChanged(List<TunnelSummary> tunnels) {
    }

    /** {@code manager.stateChanged}: the global state the tray shows changed. */
    default void managerStateChanged(ManagerState state) {
    }

    /** {@code log.appended}: new ring-log entries, oldest first. */
    default void logAppended(List<LogEntry> entries) {
    }

    /** {@code manager.stopping}: the manager is shutting down; the connection closes next. */
    default void managerStopping() {
    }

    /**
     * The connection is gone (manager stopped, crashed, or dropped this client). Pending calls have failed with
     * {@link ManagerUnavailableException}. Reconnect by calling {@link ManagerClient#connect(java.nio.file.Path)}
     * again. {@code cause} is null after {@link ManagerClient#close()}.
     */
    default void disconnected(ManagerException cause) {
    }
}
