package dev.warren.bridge.watch;

import java.io.Closeable;
import java.io.IOException;

/** Tells when the machine has woken from sleep or hibernation (by notification, as everything the watcher uses). */
@FunctionalInterface
public interface ResumeSignal {

    /** For systems without a way to learn it: link and route events still cover most of what a resume changes. */
    ResumeSignal NONE = onResume -> () -> { };

    /**
     * Calls {@code onResume} (on a thread of the signal's own; it must return quickly) after each wake-up, until
     * the returned handle is closed.
     */
    Closeable subscribe(Runnable onResume) throws IOException;
}
