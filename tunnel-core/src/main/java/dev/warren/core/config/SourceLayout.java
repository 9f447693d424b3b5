package dev.warren.core.config;

import java.util.List;

/**
 * How a config file was written: its comments, blank lines, key spelling and order, and line ends. Kept with a
 * parsed {@link TunnelConfig} so that {@link WgQuickWriter} reproduces the user's file, changing only lines whose
 * meaning changed. Opaque to callers; never printed (its lines hold keys).
 */
public final class SourceLayout {

    /**
     * One source line. For a key line, {@code prefix} is everything up to the value (indent, key as written,
     * '=', spaces), {@code suffix} everything after it (spaces, comment), and {@code items} the canonical
     * items the value meant; for other lines {@code key} is null.
     */
    record Line(String raw, ConfigKey key, String prefix, String suffix, List<String> items) {
        static Line verbatim(String raw) {
            return new Line(raw, null, "", "", List.of());
        }

        boolean isKey() {
            return key != null;
        }
    }

    /**
     * A section: the comment/blank lines just before its header (they usually describe it, so they go where it
     * goes), the header, and its body up to its last key line.
     */
    record Section(ConfigSection kind, List<Line> leading, Line header, List<Line> body) {
    }

    private final String newline;
    private final boolean finalNewline;
    private final List<Section> sections;
    private final List<Line> trailer;

    SourceLayout(String newline, boolean finalNewline, List<Section> sections, List<Line> trailer) {
        this.newline = newline;
        this.finalNewline = finalNewline;
        this.sections = List.copyOf(sections);
        this.trailer = List.copyOf(trailer);
    }

    /** The line end the file used: "\n" or "\r\n". */
    String newline() {
        return newline;
    }

    /** Whether the last line of the file was terminated. */
    boolean finalNewline() {
        return finalNewline;
    }

    List<Section> sections() {
        return sections;
    }

    /** Comment and blank lines after the last key of the file. */
    List<Line> trailer() {
        return trailer;
    }

    @Override
    public String toString() {
        return "SourceLayout[" + sections.size() + " sections]";
    }
}
