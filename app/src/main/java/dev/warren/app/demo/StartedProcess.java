package dev.warren.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A process the demo started, recorded so that {@code warren demo --stop}, a later JVM, can end exactly that
 * process. The start time is kept with the PID: after a reboot or a long time, the PID may belong to another
 * process, which must never be killed.
 *
 * @param what           what it is, for messages ("wireguard-go", "the manager")
 * @param pid            its process id
 * @param startedAtMillis its start time as the kernel reports it (epoch millis)
 */
public record StartedProcess(String what, long pid, long startedAtMillis) {

    /** The kernel reports start times in clock ticks; two reads of the same process agree to well within this. */
    private static final long SAME_START_TOLERANCE_MILLIS = 1000;

    public static StartedProcess of(String what, Process p) {
        return new StartedProcess(what, p.pid(), startOf(p.toHandle()));
    }

    /** The recorded process, if it still runs (the same PID with the same start time). */
    public Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid).filter(h -> h.isAlive() && !isZombie(h.pid()))
                .filter(h -> Math.abs(startOf(h) - startedAtMillis) <= SAME_START_TOLERANCE_MILLIS);
    }

    public boolean alive() {
        return handle().isPresent();
    }

    /**
     * SIGTERM, then SIGKILL if it has not exited within {@code grace}.
     *
     * @return true if it was running
     */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> h = handle();
        if (h.isEmpty()) {
            return false;
        }
        h.get().destroy();
        if (!awaitExit(h.get(), grace)) {
            h.get().destroyForcibly();
            awaitExit(h.get(), Duration.ofSeconds(5));
        }
        return true;
    }

    /** Waits up to {@code timeout} for it to exit by itself; true once it is gone. */
    public boolean awaitExit(Duration timeout) {
        return handle().map(h -> awaitExit(h, timeout)).orElse(true);
    }

    /**
     * Polls, rather than {@link ProcessHandle#onExit()}, which for a process that is not this JVM's child only
     * notices the exit on a back-off of seconds.
     */
    private static boolean awaitExit(ProcessHandle h, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (h.isAlive() && !isZombie(h.pid())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !h.isAlive();
            }
        }
        return true;
    }

    /**
     * An exited process whose parent has not collected it yet. The demo's processes outlive the command that
     * started them, so their parent is init, which may reap them only seconds later (some container inits do).
     */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) state ...: comm may hold spaces and parentheses, so read after the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private static long startOf(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    @Override
    public String toString() {
        return what + " (PID " + pid + ")";
    }
}
