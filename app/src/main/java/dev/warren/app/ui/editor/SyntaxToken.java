package dev.warren.app.ui.editor;

/** A highlighted span of a wg-quick config: its kind and its character range in the whole text. */
public record SyntaxToken(Kind kind, int start, int length) {

    public enum Kind { SECTION, KEY, DELIMITER, VALUE, COMMENT }

    public SyntaxToken {
        if (start < 0 || length <= 0) {
            throw new IllegalArgumentException("a token needs a start >= 0 and a positive length");
        }
    }

    public int end() {
        return start + length;
    }
}
