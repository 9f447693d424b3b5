package dev.warren.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of a wg-quick file as the parser sees it. A line ends at {@code \r\n}, {@code \n} or a lone {@code \r}
 * (files saved by old Mac editors), in any mix. Everything that must agree with the parser about where a line ends
 * — above all the manager's redaction of secrets — splits with {@link #split}, so no line the parser reads as
 * {@code PrivateKey = …} can hide inside what another reader takes for a single line.
 *
 * @param start      offset of the line's first character in the text
 * @param content    the line without its terminator
 * @param terminator {@code "\r\n"}, {@code "\n"}, {@code "\r"}, or {@code ""} for a last line without one
 */
public record ConfigLine(int start, String content, String terminator) {

    public ConfigLine {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(terminator, "terminator");
        if (!terminator.isEmpty() && !terminator.equals("\n") && !terminator.equals("\r") && !terminator.equals("\r\n")) {
            throw new IllegalArgumentException("a line ends with \\r\\n, \\n, \\r or nothing");
        }
    }

    /** The lines of {@code text}; concatenating their content and terminators gives back the text exactly. */
    public static List<ConfigLine> split(String text) {
        List<ConfigLine> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
                int end = i + (crlf ? 2 : 1);
                lines.add(new ConfigLine(start, text.substring(start, i), text.substring(i, end)));
                i = end;
                start = end;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(new ConfigLine(start, text.substring(start), ""));
        }
        return lines;
    }
}
