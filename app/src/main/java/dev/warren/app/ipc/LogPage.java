package dev.warren.app.ipc;

import java.util.List;

/**
 * A slice of the ring log as {@code log.read} returns it.
 *
 * @param entries the entries, oldest first
 * @param next    the cursor to pass to the next {@code log.read} to continue after these entries
 */
public record LogPage(List<LogEntry> entries, long next) {
    public LogPage {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
