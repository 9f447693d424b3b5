package dev.warren.app.ui.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** One line of the manager's log as the viewer shows it: when, which tunnel or component, and what. */
public record LogRow(Instant time, String source, String message) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    public LogRow {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    public String formattedTime() {
        return TIME.format(time);
    }

    /** The line as copied or saved: local time, source, message, tab-separated. */
    public String toLine() {
        return formattedTime() + '\t' + source + '\t' + message;
    }
}
