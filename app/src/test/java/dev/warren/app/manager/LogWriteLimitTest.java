package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogWriteLimitTest {
    final AtomicLong now = new AtomicLong(1_000);
    final LogWriteLimit limit = new LogWriteLimit(now::get);

    @Test
    void aBurstThenOneLinePerRefillPerUser() {
        for (int i = 0; i < LogWriteLimit.BURST; i++) {
            assertTrue(limit.tryAcquire("alice"), "line " + i + " of the burst");
        }
        assertFalse(limit.tryAcquire("alice"));
        assertTrue(limit.tryAcquire("bob"), "each user has an allowance of their own");

        advance(LogWriteLimit.REFILL_SECONDS - 1);
        assertFalse(limit.tryAcquire("alice"));
        advance(1);
        assertTrue(limit.tryAcquire("alice"));
        assertFalse(limit.tryAcquire("alice"));
    }

    @Test
    void idleTimeBuysNoMoreThanOneBurst() {
        assertTrue(limit.tryAcquire("alice"));
        advance(TimeUnit.HOURS.toSeconds(5));
        for (int i = 0; i < LogWriteLimit.BURST; i++) {
            assertTrue(limit.tryAcquire("alice"));
        }
        assertFalse(limit.tryAcquire("alice"));
    }

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}
