package dev.warren.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    private static final long W = ReplayWindow.WINDOW_SIZE;

    @Test
    void windowIsAtLeastWhatTheDesignRequires() {
        assertTrue(ReplayWindow.WINDOW_SIZE >= 2048);
        assertEquals(8128, ReplayWindow.WINDOW_SIZE, "wireguard-go's 128 × 64-bit ring minus one block");
        assertEquals(BigInteger.TWO.pow(64).subtract(BigInteger.TWO.pow(13)).subtract(BigInteger.ONE),
                new BigInteger(Long.toUnsignedString(ReplayWindow.REJECT_AFTER_MESSAGES)));
    }

    @Test
    void inOrderThenDuplicates() {
        ReplayWindow w = new ReplayWindow();
        for (long c = 0; c < 20_000; c++) {
            assertTrue(w.accept(c), "counter " + c);
        }
        assertFalse(w.accept(19_999));
        assertFalse(w.accept(19_999 - W));
        assertFalse(w.accept(0));
    }

    @Test
    void outOfOrderWithinTheWindowIsAcceptedOnce() {
        ReplayWindow w = new ReplayWindow();
        assertTrue(w.accept(W + 100));
        assertTrue(w.accept(100), "exactly WINDOW_SIZE behind");
        assertFalse(w.accept(99), "one further is too old");
        assertTrue(w.accept(5000));
        assertFalse(w.accept(5000));
        assertTrue(w.accept(W + 99));
        assertFalse(w.accept(100));
    }

    @Test
    void bigJumpForgetsTheOldRing() {
        ReplayWindow w = new ReplayWindow();
        for (long c = 0; c < 64 * 130; c++) {
            w.accept(c);
        }
        long far = 1L << 40;
        assertTrue(w.accept(far));
        // Counters that alias the old blocks in the ring must not read as seen.
        for (long c = far - W; c < far; c += 61) {
            assertTrue(w.accept(c), "counter " + c);
            assertFalse(w.accept(c), "counter " + c + " twice");
        }
        assertFalse(w.accept(far - W - 1));
        assertFalse(w.accept(64 * 129));
    }

    @Test
    void ringWrapsWhileAdvancingBlockByBlock() {
        ReplayWindow w = new ReplayWindow();
        // Skip every other counter across many ring turns; the skipped ones stay acceptable while in the window.
        for (long c = 0; c < 64L * 128 * 5; c += 2) {
            assertTrue(w.accept(c));
            if (c >= 2 * W) {
                assertTrue(w.accept(c - W + 1), "odd counter " + (c - W + 1) + " just inside the window");
                assertFalse(w.accept(c - W - 1), "odd counter " + (c - W - 1) + " just outside");
            }
        }
    }

    @Test
    void limitAndUnsignedCounters() {
        ReplayWindow w = new ReplayWindow();
        long limit = ReplayWindow.REJECT_AFTER_MESSAGES;
        assertFalse(w.accept(limit));
        assertFalse(w.accept(-1L), "2^64-1 is above the limit, not negative");
        assertTrue(w.accept(limit - 1));
        assertFalse(w.accept(limit - 1));
        assertTrue(w.accept(limit - 1 - W));
        assertFalse(w.accept(limit - 2 - W));
        assertFalse(w.accept(0), "0 is far behind 2^64 - 2^13 - 2, not ahead of it");
        w.reset();
        assertTrue(w.accept(0));
        assertTrue(w.accept(limit - 1));
    }

    @Test
    void matchesNaiveModelOnRandomCounters() {
        long seed = Long.getLong("warren.seed", 6479L); // fixed; -Dwarren.seed=N explores others
        Random rnd = new Random(seed);
        ReplayWindow w = new ReplayWindow();
        Set<Long> seen = new HashSet<>();
        long max = 0;
        long base = rnd.nextBoolean() ? 0 : ReplayWindow.REJECT_AFTER_MESSAGES - 40_000_000L;
        long next = base;
        for (int i = 0; i < 200_000; i++) {
            long c = switch (rnd.nextInt(6)) {
                case 0 -> next + rnd.nextInt(3);
                case 1 -> next - rnd.nextInt((int) W + 200);
                case 2 -> next + rnd.nextInt(20_000);
                case 3 -> next - rnd.nextInt(200);
                case 4 -> max - W + rnd.nextInt(3) - 1;
                default -> next + rnd.nextInt(70);
            };
            if (Long.compareUnsigned(c, base) < 0) {
                c = base;
            }
            boolean expected = Long.compareUnsigned(c, ReplayWindow.REJECT_AFTER_MESSAGES) < 0
                    && (Long.compareUnsigned(c, max) > 0 || Long.compareUnsigned(max - c, W) <= 0)
                    && !seen.contains(c);
            assertEquals(expected, w.accept(c), "seed " + seed + "L, step " + i + ", counter " + Long.toUnsignedString(c)
                    + ", max " + Long.toUnsignedString(max));
            if (expected) {
                seen.add(c);
                if (Long.compareUnsigned(c, max) > 0) {
                    max = c;
                }
                next = Math.max(next, c);
            }
            next += rnd.nextInt(2);
        }
    }

    @Test
    void acceptAllocatesNothing() {
        ReplayWindow w = new ReplayWindow();
        long[] c = new long[1];
        long bytes = Allocations.perRuns(200_000, () -> w.accept(c[0] += 3));
        assertTrue(bytes < 4096, bytes + " bytes allocated by 200,000 accepts");
    }

    @Test
    void concurrentWorkersAcceptEachCounterExactlyOnce() throws Exception {
        ReplayWindow w = new ReplayWindow();
        AtomicInteger accepted = new AtomicInteger();
        int perThread = 200_000;
        Thread[] workers = new Thread[4];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = Thread.ofPlatform().start(() -> {
                // Every worker offers the same counters, so each must be accepted by exactly one of them.
                for (long c = 0; c < perThread; c++) {
                    if (w.accept(c)) {
                        accepted.incrementAndGet();
                    }
                }
            });
        }
        for (Thread t : workers) {
            t.join();
        }
        assertTrue(accepted.get() <= perThread, "a counter was accepted twice: " + accepted.get());
        assertTrue(accepted.get() > 0);
    }
}
