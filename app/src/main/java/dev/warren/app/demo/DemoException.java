package dev.warren.app.demo;

/** Why the demo could not start or stop, in one sentence fit to show the user as it is. */
public final class DemoException extends RuntimeException {
    public DemoException(String message) {
        super(message);
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
