package dev.warren.app.ipc;

/**
 * The manager refused this user at connect, or the socket's permissions did not let it connect at all.
 * The message names the groups that would grant access.
 */
public final class AccessRefusedException extends ManagerException {
    public AccessRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
