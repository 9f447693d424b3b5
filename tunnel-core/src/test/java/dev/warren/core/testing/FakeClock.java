package dev.warren.core.testing;

import dev.warren.core.device.Clock;
import dev.warren.core.device.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Clock} that only moves when a test calls {@link #advance}: due timers fire in order, each at its own
 * expiry time, on the calling thread. Reading the time is safe from any thread.
 */
public final class FakeClock implements Clock {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private volatile long nanos = 1_000_000_000_000L;
    private final long origin = nanos;
    private final List<FakeTimer> timers = new ArrayList<>();

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Instant now() {
        return EPOCH.plusNanos(nanos - origin);
    }

    /** Time since the clock was created. */
    public Duration elapsed() {
        return Duration.ofNanos(nanos - origin);
    }

    @Override
    public synchronized Timer newTimer(Runnable action) {
        FakeTimer t = new FakeTimer(action);
        timers.add(t);
        return t;
    }

    /** Moves time forward by {@code d}, firing every timer that falls due on the way, in expiry order. */
    public void advance(Duration d) {
        long target = nanos + d.toNanos();
        while (true) {
            FakeTimer next = null;
            synchronized (this) {
                for (FakeTimer t : timers) {
                    if (t.pending && t.due <= target && (next == null || t.due < next.due)) {
                        next = t;
                    }
                }
                if (next == null) {
                    nanos = target;
                    return;
                }
                nanos = Math.max(nanos, next.due);
                next.pending = false;
            }
            next.action.run();
        }
    }

    private final class FakeTimer implements Timer {
        final Runnable action;
        long due;
        boolean pending;

        FakeTimer(Runnable action) {
            this.action = action;
        }

        @Override
        public void mod(long delayNanos) {
            synchronized (FakeClock.this) {
                due = nanos + delayNanos;
                pending = true;
            }
        }

        @Override
        public void del() {
            synchronized (FakeClock.this) {
                pending = false;
            }
        }

        @Override
        public boolean isPending() {
            synchronized (FakeClock.this) {
                return pending;
            }
        }
    }
}
