package dev.warren.core.device;

import java.time.Instant;

/**
 * Time as the device sees it: a monotonic clock for every protocol timeout, the wall clock for TAI64N
 * timestamps and "last handshake" figures, and one-shot timers. Injected so that tests can drive minutes of
 * protocol time without sleeping.
 */
public interface Clock {

    /** Monotonic nanoseconds (arbitrary origin), as {@link System#nanoTime()}. */
    long nanoTime();

    /** The wall-clock time. */
    Instant now();

    /** A timer that runs {@code action} when it expires; created stopped. */
    Timer newTimer(Runnable action);

    /** The system clocks and a scheduler thread. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
