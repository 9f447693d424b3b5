package dev.warren.app.manager;

/** A tunnel could not be started or stopped; the message names the step and the reason, never a key. */
public final class TunnelException extends Exception {
    public TunnelException(String message) {
        super(message);
    }

    public TunnelException(String message, Throwable cause) {
        super(message, cause);
    }
}
