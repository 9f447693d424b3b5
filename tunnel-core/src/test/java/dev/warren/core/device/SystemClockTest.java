package dev.warren.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The production clock's timers keep the kernel timer_list semantics the protocol timers rely on. */
class SystemClockTest {

    @Test
    void modFiresOnceDelCancelsAndModReplacesThePendingExpiry() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        CountDownLatch latch = new CountDownLatch(1);
        Timer t = Clock.system().newTimer(() -> {
            fired.incrementAndGet();
            latch.countDown();
        });
        assertFalse(t.isPending());

        t.mod(TimeUnit.SECONDS.toNanos(30));
        assertTrue(t.isPending());
        t.del();
        assertFalse(t.isPending());

        t.mod(TimeUnit.SECONDS.toNanos(30));
        t.mod(TimeUnit.MILLISECONDS.toNanos(20));
        assertTrue(latch.await(10, TimeUnit.SECONDS));
        assertFalse(t.isPending());
        Thread.sleep(100);
        assertEquals(1, fired.get(), "the 20 ms expiry fires exactly once");
    }

    @Test
    void modToALaterDeadlineDelaysTheExpiry() throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        Timer t = Clock.system().newTimer(latch::countDown);
        t.mod(TimeUnit.MILLISECONDS.toNanos(20));
        t.mod(TimeUnit.SECONDS.toNanos(30));
        assertFalse(latch.await(300, TimeUnit.MILLISECONDS), "the first, earlier deadline was replaced");
        assertTrue(t.isPending());
        t.mod(TimeUnit.MILLISECONDS.toNanos(20));
        assertTrue(latch.await(10, TimeUnit.SECONDS), "and an earlier one brings the expiry forward again");
    }

    @Test
    void delThenModAgainFiresOnceAtTheNewDeadline() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        CountDownLatch latch = new CountDownLatch(1);
        Timer t = Clock.system().newTimer(() -> {
            fired.incrementAndGet();
            latch.countDown();
        });
        t.mod(TimeUnit.MILLISECONDS.toNanos(50));
        t.del();
        Thread.sleep(150);
        assertEquals(0, fired.get(), "a deleted timer does not fire");
        t.mod(TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(latch.await(10, TimeUnit.SECONDS));
        Thread.sleep(100);
        assertEquals(1, fired.get());
    }

    /** What the packet path does per packet: re-arm a pending timer to a later time, or disarm and re-arm it. */
    @Test
    void rearmingOnThePacketPathAllocatesNothing() {
        Timer t = Clock.system().newTimer(() -> { });
        t.mod(TimeUnit.SECONDS.toNanos(10));
        long bytes = Allocations.perRuns(100_000, () -> {
            t.del();
            t.mod(TimeUnit.SECONDS.toNanos(10));
        });
        assertEquals(0, bytes, "bytes allocated by 100000 del+mod pairs");
        t.del();
    }
}
