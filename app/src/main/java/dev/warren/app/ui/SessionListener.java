package dev.warren.app.ui;

import dev.warren.app.ipc.LogEntry;
import dev.warren.app.ipc.ManagerState;
import dev.warren.app.ipc.SessionInfo;
import dev.warren.app.ipc.TunnelStateChange;
import dev.warren.app.ipc.TunnelSummary;
import java.util.List;

/** What the windows and the tray hear from the manager. Every method runs on the event dispatch thread. */
public interface SessionListener {

    /** Connected (again) as {@code info}'s user and role. */
    default void connected(SessionInfo info) {
    }

    /** Not connected; {@code message} is one sentence saying why and what to do. */
    default void disconnected(String message) {
    }

    /** The full, naturally sorted tunnel list after any change. */
    default void tunnelsChanged(List<TunnelSummary> tunnels) {
    }

    /** One tunnel changed state; the list has already been updated. */
    default void tunnelStateChanged(TunnelStateChange change) {
    }

    default void managerStateChanged(ManagerState state) {
    }

    /** New log lines, oldest first, each delivered once. */
    default void logAppended(List<LogEntry> entries) {
    }
}
