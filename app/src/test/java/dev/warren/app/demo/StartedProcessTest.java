package dev.warren.app.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartedProcessTest {

    @Test
    void stopsTheRecordedProcess() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            StartedProcess p = StartedProcess.of("sleep", sleep);
            assertTrue(p.alive());
            assertTrue(p.stop(Duration.ofSeconds(5)), "it was running");
            assertTrue(sleep.waitFor(5, TimeUnit.SECONDS), "SIGTERM ended it");
            assertFalse(p.alive());
            assertFalse(p.stop(Duration.ofSeconds(1)), "nothing left to stop");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void neverTouchesAnotherProcessThatHasTheRecordedPid() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            StartedProcess recorded = StartedProcess.of("sleep", sleep);
            // The same PID started a minute earlier: a process of the same number from before a reboot.
            StartedProcess stale = new StartedProcess("old", recorded.pid(), recorded.startedAtMillis() - 60_000);
            assertFalse(stale.alive());
            assertFalse(stale.stop(Duration.ofSeconds(1)));
            assertTrue(sleep.isAlive(), "the process now holding the PID is left alone");
        } finally {
            sleep.destroyForcibly();
        }
    }
}
