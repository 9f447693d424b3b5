package dev.warren.app.ipc;

import java.nio.file.Path;

/** No manager answers on the socket, or the connection to it broke. */
public final class ManagerUnavailableException extends ManagerException {
    public ManagerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The error for a socket nobody listens on, saying what to do about it. */
    static ManagerUnavailableException notRunning(Path socket, Throwable cause) {
        return new ManagerUnavailableException("The Warren manager is not running (nothing listens on " + socket
                + "): start it with `sudo systemctl start warren-manager` (installed package) or `sudo ./warren manager`"
                + " (source checkout).", cause);
    }
}
