package dev.warren.bridge.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** logind's PrepareForSleep through dbus-monitor, on a private bus where the test plays logind. */
class LogindResumeSignalTest {

    @Test
    void onlyTheWakeUpSignalCountsAndClosingStopsTheMonitor() throws Exception {
        try (PrivateBus bus = PrivateBus.start()) {
            Semaphore resumed = new Semaphore(0);
            LogindResumeSignal signal = new LogindResumeSignal(bus.monitorOption(), false);
            Closeable subscription = signal.subscribe(resumed::release);
            try {
                // dbus-monitor needs a moment to register its match; a wake-up sent before is lost, so repeat
                // until one arrives (each is harmless: a forced handshake is flood-limited).
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                do {
                    assertTrue(System.nanoTime() < deadline, "no wake-up arrived through dbus-monitor");
                    bus.prepareForSleep(false);
                } while (!resumed.tryAcquire(200, TimeUnit.MILLISECONDS));
                resumed.drainPermits();

                bus.prepareForSleep(true);
                bus.prepareForSleep(false);
                assertTrue(resumed.tryAcquire(10, TimeUnit.SECONDS), "the wake-up");
                assertFalse(resumed.tryAcquire(500, TimeUnit.MILLISECONDS), "going to sleep is not a wake-up");
            } finally {
                subscription.close();
            }
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("warren-logind")), "the reader thread ended");
        }
    }

    @Test
    void onTheRealSystemBusOnlyLogindsOwnSignalsCount() {
        List<String> command = new LogindResumeSignal().command();
        assertEquals(List.of("stdbuf", "-oL", "dbus-monitor", "--system"), command.subList(0, 4));
        assertEquals("type='signal',sender='org.freedesktop.login1',path='/org/freedesktop/login1',"
                + "interface='org.freedesktop.login1.Manager',member='PrepareForSleep'", command.get(4));
    }

    @Test
    void withoutASystemBusTheSubscriptionIsQuietlyEmpty() throws Exception {
        Semaphore resumed = new Semaphore(0);
        // An address nothing listens on: dbus-monitor exits at once, as it does where there is no system bus.
        Closeable c = new LogindResumeSignal(List.of("--address", "unix:path=/nonexistent/bus"), true)
                .subscribe(resumed::release);
        c.close();
        assertEquals(0, resumed.availablePermits());
    }
}
