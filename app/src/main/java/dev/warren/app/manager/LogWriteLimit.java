package dev.warren.app.manager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How fast a user who is not an administrator may add lines to the log with {@code log.write}: a burst of
 * {@link #BURST}, then one every {@link #REFILL_SECONDS} s (a token bucket per user). The ring holds
 * {@value RingLog#DEFAULT_CAPACITY} entries; without a limit an operator could overwrite in a second what the
 * manager logged about the tunnels.
 */
final class LogWriteLimit {
    static final int BURST = 20;
    static final long REFILL_SECONDS = 3;
    private static final long REFILL_NANOS = TimeUnit.SECONDS.toNanos(REFILL_SECONDS);

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param nanoTime a monotonic clock ({@link System#nanoTime}) */
    LogWriteLimit(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes one line from {@code user}'s allowance; false if it is used up for now. */
    boolean tryAcquire(String user) {
        return buckets.computeIfAbsent(user, u -> new Bucket(nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    private static final class Bucket {
        private long tokens = BURST;
        private long refilledAt;

        Bucket(long now) {
            refilledAt = now;
        }

        synchronized boolean take(long now) {
            long earned = (now - refilledAt) / REFILL_NANOS;
            if (earned > 0) {
                tokens = Math.min(BURST, tokens + earned);
                refilledAt = tokens == BURST ? now : refilledAt + earned * REFILL_NANOS;
            }
            if (tokens == 0) {
                return false;
            }
            tokens--;
            return true;
        }
    }
}
