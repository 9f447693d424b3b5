package dev.warren.app.manager;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tunnel's PreUp/PostUp/PreDown/PostDown commands as wg-quick does: each through {@code bash -c} with
 * {@code %i} replaced by the interface name, in order, output going to the tunnel's log. Only reached when the
 * manager allows scripts ({@link ScriptGate}).
 *
 * <p>A command is done when its own process exits, not when its output ends: {@code PostUp = somedaemon &} is
 * common, and the daemon inherits the output pipe for as long as it runs. A command that has not exited after the
 * timeout is killed with everything it started, so a hanging script can never hold up the manager, which runs
 * scripts while it holds the lock every start and stop needs.
 */
final class ScriptRunner {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Longer lines are cut: the log is for people, and one line must not fill the ring. */
    static final int MAX_LINE_CHARS = 1000;
    /** Lines logged per command; the rest is read (so the writer never blocks on a full pipe) and dropped. */
    static final int MAX_LINES = 200;
    /** How long output the command wrote just before it exited may take to reach the log before we go on. */
    private static final long OUTPUT_GRACE_MILLIS = 500;
    private static final File NO_INPUT = new File("/dev/null");

    private ScriptRunner() {
    }

    static void run(String phase, List<String> commands, String interfaceName, TunnelEvents events)
            throws TunnelException {
        run(phase, commands, interfaceName, events, TIMEOUT);
    }

    static void run(String phase, List<String> commands, String interfaceName, TunnelEvents events, Duration timeout)
            throws TunnelException {
        for (String command : commands) {
            String expanded = command.replace("%i", interfaceName);
            events.log(phase + ": " + expanded);
            Process p;
            try {
                p = new ProcessBuilder("/bin/bash", "-c", expanded).redirectErrorStream(true)
                        .redirectInput(NO_INPUT).start();
            } catch (IOException e) {
                throw new TunnelException(phase + " command could not run: " + e.getMessage(), e);
            }
            CountDownLatch outputEnded = logOutput(p.getInputStream(), phase, events);
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    killTree(p);
                    throw new TunnelException(phase + " command did not finish within " + timeout.toSeconds()
                            + " s and was killed with the processes it started: " + expanded);
                }
                outputEnded.await(OUTPUT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killTree(p);
                Thread.currentThread().interrupt();
                throw new TunnelException(phase + " command was interrupted: " + expanded, e);
            }
            if (p.exitValue() != 0) {
                throw new TunnelException(phase + " command failed with exit status " + p.exitValue() + ": " + expanded);
            }
        }
    }

    /**
     * Copies the command's output to the log on a thread of its own until the pipe's end of file, which a background
     * process started by the command may postpone for its whole life (a platform daemon thread, since it may sit in
     * a blocking pipe read for that long). Memory stays bounded whatever is written: lines are cut, and past
     * {@link #MAX_LINES} the output is read and dropped.
     */
    private static CountDownLatch logOutput(InputStream output, String phase, TunnelEvents events) {
        CountDownLatch ended = new CountDownLatch(1);
        Thread.ofPlatform().daemon().name("script-output").start(() -> {
            OutputLines lines = new OutputLines(phase, events);
            try (Reader in = new InputStreamReader(output, StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    for (int i = 0; i < n; i++) {
                        lines.add(buf[i]);
                    }
                }
            } catch (IOException e) {
                // The pipe breaks when the process tree is killed; what was read is logged.
            } finally {
                lines.end();
                ended.countDown();
            }
        });
        return ended;
    }

    /** Splits output into log lines of at most {@link #MAX_LINE_CHARS}, stopping after {@link #MAX_LINES}. */
    private static final class OutputLines {
        private final String phase;
        private final TunnelEvents events;
        private final StringBuilder line = new StringBuilder();
        private long length;
        private int logged;

        OutputLines(String phase, TunnelEvents events) {
            this.phase = phase;
            this.events = events;
        }

        void add(char c) {
            if (c == '\n') {
                end();
            } else {
                if (line.length() < MAX_LINE_CHARS) {
                    line.append(c);
                }
                length++;
            }
        }

        void end() {
            if (length == 0) {
                return;
            }
            String text = line.toString().stripTrailing();
            if (logged < MAX_LINES) {
                events.log(phase + " output: " + text + (length > MAX_LINE_CHARS ? "… (" + length + " characters)" : ""));
            } else if (logged == MAX_LINES) {
                events.log(phase + " output: (more than " + MAX_LINES + " lines; the rest is not logged)");
            }
            logged = Math.min(logged + 1, MAX_LINES + 1);
            line.setLength(0);
            length = 0;
        }
    }

    /** The descendants are listed first: once the shell is dead they are reparented and no longer its own. */
    private static void killTree(Process p) {
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
