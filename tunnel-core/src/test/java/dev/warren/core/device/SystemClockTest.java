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
}
