package dev.warren.bridge.watch;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * systemd-logind's {@code PrepareForSleep(false)} signal on the system D-Bus, sent when the machine has woken up,
 * read through {@code dbus-monitor} (part of every D-Bus installation, run line-buffered) rather than a D-Bus client library: one
 * child process whose output a thread reads, blocked until a signal arrives. Where there is no system bus or no
 * {@code dbus-monitor}, the subscription says so in the log and does nothing; link and route events still
 * cover the usual effects of a resume (carrier back, new default route).
 *
 * <p>If the manager is killed outright, the child outlives it only until logind's next signal, when writing to the
 * closed pipe ends it (SIGPIPE).
 */
public final class LogindResumeSignal implements ResumeSignal {

    private static final Logger LOG = Logger.getLogger(LogindResumeSignal.class.getName());
    private static final String MEMBER = "member=PrepareForSleep";

    private final List<String> busOption;
    private final boolean requireLogind;

    /** The system bus; only logind's own signals count. */
    public LogindResumeSignal() {
        this(List.of("--system"), true);
    }

    /**
     * @param busOption     dbus-monitor's options naming the bus ({@code --system}, or {@code --address} and one)
     * @param requireLogind false lets anyone's PrepareForSleep count (a test bus has no logind to own the name)
     */
    LogindResumeSignal(List<String> busOption, boolean requireLogind) {
        this.busOption = List.copyOf(busOption);
        this.requireLogind = requireLogind;
    }

    List<String> command() {
        // dbus-monitor writes through stdio, which buffers a pipe by the block: line buffering delivers each signal.
        List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL", "dbus-monitor"));
        cmd.addAll(busOption);
        cmd.add("type='signal',"
                + (requireLogind ? "sender='org.freedesktop.login1'," : "")
                + "path='/org/freedesktop/login1',interface='org.freedesktop.login1.Manager',member='PrepareForSleep'");
        return cmd;
    }

    @Override
    public Closeable subscribe(Runnable onResume) {
        Process process;
        try {
            process = new ProcessBuilder(command()).redirectErrorStream(true).start();
        } catch (IOException e) {
            LOG.info("no dbus-monitor (" + e.getMessage() + "): resume from sleep is not watched");
            return () -> { };
        }
        Thread reader = Thread.ofPlatform().daemon().name("warren-logind").start(() -> read(process, onResume));
        return () -> {
            process.destroy();
            try {
                reader.join();
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /**
     * dbus-monitor prints a header line per signal ({@code signal time=... member=PrepareForSleep}) followed by its
     * arguments, one per line ({@code    boolean false}).
     */
    private static void read(Process process, Runnable onResume) {
        List<String> unexpected = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            boolean inSignal = false;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("signal ")) {
                    inSignal = line.contains(MEMBER);
                } else if (inSignal && line.strip().equals("boolean false")) {
                    inSignal = false;
                    try {
                        onResume.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "reacting to a resume failed", e);
                    }
                } else if (!line.startsWith(" ") && unexpected.size() < 5) {
                    unexpected.add(line);
                }
            }
        } catch (IOException e) {
            // The process was stopped.
        }
        try {
            int exit = process.waitFor();
            if (exit != 0 && exit != 143) {
                LOG.info("dbus-monitor exited with " + exit + " (" + String.join("; ", unexpected)
                        + "): resume from sleep is not watched");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
