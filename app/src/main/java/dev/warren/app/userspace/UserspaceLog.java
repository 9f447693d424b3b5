package dev.warren.app.userspace;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * wireguard-go's log format, so that scripts and people reading either daemon's output see the same thing:
 * {@code DEBUG: (wg0) 2026/11/25 17:45:34 message} for verbose lines and
 * {@code ERROR: (wg0) 2026/11/25 17:45:34 message} for errors, in local time, all on standard output: wireguard-go
 * (0.0.20220316, as Debian ships it) logs both levels to stdout and nothing to stderr.
 *
 * <p>The stream can be replaced ({@link #redirect}) because a daemon's output first reports start-up failures to
 * the process that launched it and only then goes where the logs belong.
 */
public final class UserspaceLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private final LogLevel level;
    private final String prefix;
    private volatile PrintStream out;

    public UserspaceLog(LogLevel level, String interfaceName, PrintStream out) {
        this.level = level;
        this.prefix = "(" + interfaceName + ") ";
        this.out = out;
    }

    public LogLevel level() {
        return level;
    }

    public boolean isVerbose() {
        return level == LogLevel.VERBOSE;
    }

    public void verbose(String message) {
        if (level == LogLevel.VERBOSE) {
            line("DEBUG: ", message);
        }
    }

    public void error(String message) {
        if (level != LogLevel.SILENT) {
            line("ERROR: ", message);
        }
    }

    /** Sends later lines to {@code stream}. */
    public void redirect(PrintStream stream) {
        out = stream;
    }

    private void line(String tag, String message) {
        String text = tag + prefix + TIME.format(LocalDateTime.now()) + " " + message;
        PrintStream stream = out;
        synchronized (stream) {
            stream.println(text);
            stream.flush();
        }
    }
}
