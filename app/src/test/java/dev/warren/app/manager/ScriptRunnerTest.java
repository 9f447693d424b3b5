package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real {@code bash}, real processes: scripts end when they exit, hang no longer than the timeout. */
class ScriptRunnerTest {

    /** Generous: these are hang checks, not timings. */
    private static final Duration HANG = Duration.ofSeconds(30);

    private final LinkedBlockingQueue<String> log = new LinkedBlockingQueue<>();
    private final TunnelEvents events = new TunnelEvents() {
        @Override
        public void log(String message) {
            log.add(message);
        }

        @Override
        public void failed(String reason) {
            throw new AssertionError("scripts do not fail tunnels: " + reason);
        }
    };
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killWhatTheScriptsLeft() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aDaemonStartedInTheBackgroundDoesNotHoldUpTheScript() throws Exception {
        assertTimeoutPreemptively(HANG, () -> ScriptRunner.run("PostUp", List.of("sleep 1000 & echo $!"), "wgt0", events));

        ProcessHandle daemon = backgroundProcess("PostUp output: ");
        assertTrue(daemon.isAlive(), "as with wg-quick, the daemon outlives its script");
        assertEquals("sleep", daemon.info().command().map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse("sleep"));
    }

    @Test
    void aScriptRunningPastTheTimeoutIsKilledWithWhatItStarted() throws Exception {
        TunnelException e = assertTimeoutPreemptively(HANG, () -> assertThrows(TunnelException.class,
                () -> ScriptRunner.run("PreUp", List.of("sleep 1000 & echo $!; sleep 1000"), "wgt0", events,
                        Duration.ofSeconds(1))));

        assertTrue(e.getMessage().startsWith("PreUp command did not finish within 1 s and was killed"), e.getMessage());
        ProcessHandle daemon = backgroundProcess("PreUp output: ");
        daemon.onExit().get(HANG.toSeconds(), TimeUnit.SECONDS);
        assertTrue(!daemon.isAlive());
    }

    @Test
    void outputAndErrorsGoToTheLogAndAFailedCommandStopsTheRest() throws Exception {
        TunnelException e = assertThrows(TunnelException.class, () -> ScriptRunner.run("PostDown",
                List.of("echo out for %i; echo err >&2; exit 3", "echo never"), "wgt0", events));

        assertEquals("PostDown command failed with exit status 3: echo out for wgt0; echo err >&2; exit 3", e.getMessage());
        assertEquals(List.of("PostDown: echo out for wgt0; echo err >&2; exit 3", "PostDown output: out for wgt0",
                "PostDown output: err"), List.copyOf(log));
    }

    @Test
    void endlessOutputIsCutNotBuffered() throws Exception {
        ScriptRunner.run("PostUp", List.of("head -c 5000000 /dev/zero | tr '\\0' a; echo; seq 1 100000"), "wgt0", events);

        List<String> lines = List.copyOf(log);
        assertEquals(ScriptRunner.MAX_LINES + 2, lines.size(), "the command, " + ScriptRunner.MAX_LINES
                + " lines, and a note that the rest was dropped");
        assertEquals("PostUp output: " + "a".repeat(ScriptRunner.MAX_LINE_CHARS) + "… (5000000 characters)", lines.get(1));
        assertEquals("PostUp output: 1", lines.get(2));
        assertEquals("PostUp output: (more than " + ScriptRunner.MAX_LINES + " lines; the rest is not logged)",
                lines.getLast());
    }

    /** The process whose PID the script echoed, registered for clean-up. */
    private ProcessHandle backgroundProcess(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + HANG.toNanos();
        while (System.nanoTime() < deadline) {
            String line = log.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(prefix)) {
                Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(line.substring(prefix.length())));
                p.ifPresent(started::add);
                return p.orElseThrow(() -> new AssertionError("process " + line + " is already gone"));
            }
        }
        throw new AssertionError("the script never logged its background PID: " + log);
    }
}
