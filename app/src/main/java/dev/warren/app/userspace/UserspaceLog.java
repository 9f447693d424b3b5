package dev.warren.app.userspace;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * wireguard-go's log format, so that scripts and people reading either daemon's output see the same thing:
 * {@code DEBUG: (wg0) 2026/11/25 17:45:34 message} on standard output for verbose lines and
 * {@code ERROR: (wg0) 2026/11/25 17:45:34 message} on standard error for errors, in local time.
 *
 * <p>The streams can be replaced ({@link #redirectErrors}) because a daemon's standard error first reports
 * start-up failures to the process that launched it and only then goes where the logs belong.
 */
public final class UserspaceLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private final LogLevel level;
    private final String prefix;
    private final PrintStream out;
    private volatile PrintStream err;

    public UserspaceLog(LogLevel level, String interfaceName, PrintStream out, PrintStream err) {
        this.level = level;
        this.prefix = "(" + interfaceName + ") ";
        this.out = out;
        this.err = err;
    }

    public LogLevel level() {
        return level;
    }

    public boolean isVerbose() {
        return level == LogLevel.VERBOSE;
    }

    public void verbose(String message) {
        if (level == LogLevel.VERBOSE) {
            line(out, "DEBUG: ", message);
        }
    }

    public void error(String message) {
        if (level != LogLevel.SILENT) {
            line(err, "ERROR: ", message);
        }
    }

    /** Sends later error lines to {@code stream}. */
    public void redirectErrors(PrintStream stream) {
        err = stream;
    }

    private void line(PrintStream stream, String tag, String message) {
        String text = tag + prefix + TIME.format(LocalDateTime.now()) + " " + message;
        synchronized (stream) {
            stream.println(text);
            stream.flush();
        }
    }
}
