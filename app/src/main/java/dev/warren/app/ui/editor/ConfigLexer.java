package dev.warren.app.ui.editor;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits wg-quick text into highlightable spans, line by line: {@code [Section]} headers, {@code Key}, the
 * {@code =}, the value, and {@code #} comments (whole-line or trailing). It only colours; whether the text is
 * valid is the parser's job, so malformed lines are still coloured as far as they go.
 */
public final class ConfigLexer {

    private ConfigLexer() {
    }

    public static List<SyntaxToken> tokens(String text) {
        List<SyntaxToken> out = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? text.length() : nl;
            line(text, lineStart, lineEnd, out);
            if (nl < 0) {
                break;
            }
            lineStart = nl + 1;
        }
        return out;
    }

    private static void line(String text, int from, int to, List<SyntaxToken> out) {
        int hash = text.indexOf('#', from);
        int contentEnd = hash >= 0 && hash < to ? hash : to;
        int start = skipSpace(text, from, contentEnd);
        int end = trimEnd(text, start, contentEnd);
        if (start < end) {
            if (text.charAt(start) == '[') {
                add(out, SyntaxToken.Kind.SECTION, start, end);
            } else {
                int eq = text.indexOf('=', start);
                if (eq >= 0 && eq < end) {
                    add(out, SyntaxToken.Kind.KEY, start, trimEnd(text, start, eq));
                    add(out, SyntaxToken.Kind.DELIMITER, eq, eq + 1);
                    add(out, SyntaxToken.Kind.VALUE, skipSpace(text, eq + 1, end), end);
                } else {
                    add(out, SyntaxToken.Kind.KEY, start, end);
                }
            }
        }
        if (contentEnd < to) {
            add(out, SyntaxToken.Kind.COMMENT, contentEnd, trimEnd(text, contentEnd, to));
        }
    }

    private static void add(List<SyntaxToken> out, SyntaxToken.Kind kind, int start, int end) {
        if (end > start) {
            out.add(new SyntaxToken(kind, start, end - start));
        }
    }

    private static int skipSpace(String s, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String s, int from, int to) {
        int i = to;
        while (i > from && Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
