package dev.warren.app.ipc;

/**
 * Anything that went wrong talking to the manager. The message is one sentence fit to show a user as is.
 */
public class ManagerException extends RuntimeException {
    public ManagerException(String message) {
        super(message);
    }

    public ManagerException(String message, Throwable cause) {
        super(message, cause);
    }
}
