package dev.warren.app.ipc;

import java.util.Objects;

/**
 * One line of the manager's ring log.
 *
 * @param seq        sequence number, increasing by one per entry and continuing across manager restarts
 * @param timeMillis wall-clock time it was written, milliseconds since the epoch
 * @param source     who wrote it: {@code manager}, a tunnel name, or {@code ui}
 * @param message    the text, never containing key material
 */
public record LogEntry(long seq, long timeMillis, String source, String message) {
    public LogEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }
}
