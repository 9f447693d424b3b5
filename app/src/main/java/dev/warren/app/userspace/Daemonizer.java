package dev.warren.app.userspace;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Puts {@code warren userspace} in the background as wireguard-go does: the command returns 0 once the daemon
 * serves its UAPI socket (so {@code wg-quick} can configure it straight away), or the daemon's exit status and
 * error message if it failed to start.
 *
 * <p>A JVM cannot fork, so the parent re-executes the same JVM (same options and class path) under
 * {@code setsid}, detached from the terminal, with {@code WG_PROCESS_FOREGROUND=1} and {@link #PARENT_PID} set.
 * The child's standard input is {@code /dev/null}. If {@code LOG_LEVEL} asks for logs, its standard output and
 * error are the parent's, as with wireguard-go, so start-up errors show there too. Otherwise wireguard-go sends
 * them to {@code /dev/null}; here both are first pipes to the parent, which relays start-up failures to its own
 * stdout (where wireguard-go prints them) and stderr, and the child switches them to {@code /dev/null} just before
 * it starts listening ({@link #handOverStandardStreams}).
 */
public final class Daemonizer {

    /** Set in the child to the parent's pid; its presence marks a daemonized child. */
    public static final String PARENT_PID = "WARREN_USERSPACE_PARENT_PID";
    /** Set in the child so that it runs in the foreground instead of daemonizing again (wireguard-go's name). */
    public static final String FOREGROUND = "WG_PROCESS_FOREGROUND";

    private static final long START_TIMEOUT_MILLIS = 60_000;

    private Daemonizer() {
    }

    /**
     * Starts the detached daemon for {@code interfaceName} and waits until its socket in {@code socketDirectory}
     * accepts, it exits, or a minute passes.
     *
     * @return 0 once it serves; otherwise its exit status (at least 1)
     */
    public static int spawn(String interfaceName, LogLevel level, boolean logLevelGiven, Path socketDirectory,
            PrintStream out, PrintStream err) {
        Path socket = UserspaceDaemon.socketPath(socketDirectory, interfaceName);
        if (accepts(socket)) {
            err.println("warren userspace: " + socket + " is in use: another daemon already serves " + interfaceName);
            return UserspaceDaemon.EXIT_SETUP_FAILED;
        }
        ProcessBuilder pb = new ProcessBuilder(childCommand(interfaceName));
        Map<String, String> env = pb.environment();
        env.put(FOREGROUND, "1");
        env.put(PARENT_PID, Long.toString(ProcessHandle.current().pid()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        boolean keepsLogs = keepsLogs(level, logLevelGiven);
        pb.redirectOutput(keepsLogs ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        pb.redirectError(keepsLogs ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            err.println("warren userspace: cannot start the daemon: " + e.getMessage());
            return UserspaceDaemon.EXIT_SETUP_FAILED;
        }
        Thread relayOut = Thread.ofPlatform().daemon().name("daemon-stdout")
                .start(() -> relay(child.getInputStream(), out));
        Thread relayErr = Thread.ofPlatform().daemon().name("daemon-stderr")
                .start(() -> relay(child.getErrorStream(), err));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        try {
            while (System.nanoTime() < deadline) {
                if (accepts(socket)) {
                    return 0;
                }
                if (child.waitFor(10, TimeUnit.MILLISECONDS)) {
                    relayOut.join(1000);
                    relayErr.join(1000);
                    int status = child.exitValue();
                    err.println("warren userspace: the daemon for " + interfaceName + " exited with status " + status
                            + " before serving " + socket);
                    return Math.max(status, UserspaceDaemon.EXIT_SETUP_FAILED);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        child.destroy();
        err.println("warren userspace: the daemon for " + interfaceName + " did not serve " + socket + " within "
                + START_TIMEOUT_MILLIS / 1000 + " s; stopped it");
        return UserspaceDaemon.EXIT_SETUP_FAILED;
    }

    /** Whether the detached daemon keeps writing to the parent's output, as wireguard-go decides it. */
    static boolean keepsLogs(LogLevel level, boolean logLevelGiven) {
        return logLevelGiven && level != LogLevel.SILENT;
    }

    /**
     * In a daemonized child whose standard output and error are the start-up pipes (else a no-op): sends
     * {@code log}, {@link System#out} and {@link System#err} to {@code /dev/null} from now on, since the parent
     * stops reading once the daemon serves.
     */
    public static void handOverStandardStreams(UserspaceLog log, boolean logLevelGiven) {
        if (System.getenv(PARENT_PID) == null || keepsLogs(log.level(), logLevelGiven)) {
            return;
        }
        String target = "/dev/null";
        try {
            PrintStream stream = new PrintStream(new FileOutputStream(target, true), true);
            System.setOut(stream);
            System.setErr(stream);
            log.redirect(stream);
        } catch (IOException e) {
            log.error("cannot reopen standard output as " + target + ": " + e.getMessage());
        }
    }

    private static List<String> childCommand(String interfaceName) {
        List<String> cmd = new ArrayList<>();
        cmd.add("setsid");
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null && !launcher.isBlank()) {
            // The package's native launcher is this process's command, but takes app arguments only: it adds the
            // runtime's options itself.
            cmd.add(launcher);
        } else {
            cmd.add(ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("dev.warren.app.Main");
        }
        cmd.add("userspace");
        cmd.add("--foreground");
        cmd.add(interfaceName);
        return cmd;
    }

    private static boolean accepts(Path socket) {
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(socket)).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void relay(InputStream from, OutputStream to) {
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = from.read(buf)) > 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // the child closed its end: nothing more to relay
        }
    }
}
