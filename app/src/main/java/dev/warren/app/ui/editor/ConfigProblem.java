package dev.warren.app.ui.editor;

import dev.warren.core.config.ConfigError;

/** A parser error placed in the editor's text: the character range to underline and the message to show. */
public record ConfigProblem(int start, int end, int line, int column, String message) {

    /**
     * Places {@code error} (1-based line and column counted in code points) in {@code text}; a position past the
     * end of its line is clamped so that a "missing value" error still underlines something visible.
     */
    public static ConfigProblem locate(String text, ConfigError error) {
        int lineStart = 0;
        for (int l = 1; l < error.line() && lineStart <= text.length(); l++) {
            int nl = text.indexOf('\n', lineStart);
            lineStart = nl < 0 ? text.length() : nl + 1;
        }
        lineStart = Math.min(lineStart, text.length());
        int nl = text.indexOf('\n', lineStart);
        int lineEnd = nl < 0 ? text.length() : nl;
        if (lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r') {
            lineEnd--;
        }
        int start = advance(text, lineStart, lineEnd, error.column() - 1);
        int end = advance(text, start, lineEnd, error.length());
        if (end == start) {
            // Nothing left on the line to underline: mark its last character instead.
            start = Math.max(lineStart, Math.min(start, lineEnd) - 1);
            end = Math.max(start, lineEnd);
        }
        return new ConfigProblem(start, end, error.line(), error.column(), error.message());
    }

    private static int advance(String text, int from, int limit, int codePoints) {
        int i = from;
        for (int n = 0; n < codePoints && i < limit; n++) {
            i += Character.charCount(text.codePointAt(i));
        }
        return Math.min(i, limit);
    }

    /** "Line 3, column 14: <message>", for the status line. */
    public String describe() {
        return "Line " + line + ", column " + column + ": " + message;
    }
}
