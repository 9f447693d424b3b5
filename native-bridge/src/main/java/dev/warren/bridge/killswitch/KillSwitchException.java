package dev.warren.bridge.killswitch;

import java.io.IOException;

/**
 * The kill-switch could not be installed or removed. Installing fails closed: the caller must not report the
 * tunnel as active when {@link KillSwitch#install} throws this.
 */
public final class KillSwitchException extends IOException {

    public KillSwitchException(String message) {
        super(message);
    }

    public KillSwitchException(String message, Throwable cause) {
        super(message, cause);
    }
}
