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

    private final class ScheduledTimer implements Timer {
        private final Runnable action;
        private ScheduledFuture<?> future;
        private boolean pending;
        private long generation;

        ScheduledTimer(Runnable action) {
            this.action = action;
        }

        @Override
        public synchronized void mod(long delayNanos) {
            if (future != null) {
                future.cancel(false);
            }
            pending = true;
            long gen = ++generation;
            future = scheduler.schedule(() -> fire(gen), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        }

        private void fire(long gen) {
            synchronized (this) {
                if (!pending || gen != generation) {
                    return;
                }
                pending = false;
            }
            action.run();
        }

        @Override
        public synchronized void del() {
            pending = false;
            generation++;
            if (future != null) {
                future.cancel(false);
                future = null;
            }
        }

        @Override
        public synchronized boolean isPending() {
            return pending;
        }
    }
}
