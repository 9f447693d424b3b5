package dev.warren.core.device;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link Clock} on {@link System#nanoTime()} with timers on one shared daemon scheduler thread. */
final class SystemClock implements Clock {

    static final SystemClock INSTANCE = new SystemClock();

    private final ScheduledThreadPoolExecutor scheduler;

    private SystemClock() {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "warren-timers");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Timer newTimer(Runnable action) {
        return new ScheduledTimer(action);
    }

    /**
     * A timer that is re-armed and disarmed on every packet (keepalive, new-handshake) must not touch the
     * scheduler each time: cancelling and scheduling a task costs a lock, a heap update, a wake-up of the timer
     * thread and two allocations. So {@link #mod} and {@link #del} only record the deadline; one scheduled
     * wake-up is kept, brought forward when a deadline moves earlier, and when it comes too early (the deadline
     * moved later) it re-schedules itself for the rest. The scheduler sees at most one task per timer.
     */
    private final class ScheduledTimer implements Timer {
        private final Runnable action;
        private boolean pending;
        private long deadline;
        /** The outstanding wake-up, identified by its generation so a superseded one knows it; -1 for none. */
        private long wakeGeneration = -1;
        private long generations;
        private long wakeAt;
        private ScheduledFuture<?> wake;

        ScheduledTimer(Runnable action) {
            this.action = action;
        }

        @Override
        public synchronized void mod(long delayNanos) {
            long delay = Math.max(0, delayNanos);
            deadline = System.nanoTime() + delay;
            pending = true;
            if (wakeGeneration < 0 || wakeAt - deadline > 0) {
                if (wake != null) {
                    wake.cancel(false);
                }
                scheduleWake(delay);
            }
        }

        private void scheduleWake(long delay) {
            long gen = ++generations;
            wakeGeneration = gen;
            wakeAt = deadline;
            wake = scheduler.schedule(() -> wake(gen), delay, TimeUnit.NANOSECONDS);
        }

        private void wake(long gen) {
            synchronized (this) {
                if (gen != wakeGeneration) {
                    return; // superseded by an earlier deadline's wake-up
                }
                wakeGeneration = -1;
                wake = null;
                if (!pending) {
                    return;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining > 0) {
                    scheduleWake(remaining);
                    return;
                }
                pending = false;
            }
            action.run();
        }

        @Override
        public synchronized void del() {
            // The outstanding wake-up, if any, will find nothing pending.
            pending = false;
        }

        @Override
        public synchronized boolean isPending() {
            return pending;
        }
    }
}
