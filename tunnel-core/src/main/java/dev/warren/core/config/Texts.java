package dev.warren.core.config;

/** How user-supplied text is quoted inside error messages. */
final class Texts {

    /**
     * Longer text is never repeated in a message: a 44-character key pasted into the wrong place must not end up
     * in an error (and so in a log), and a long value adds nothing to a message that already points at it.
     */
    static final int MAX_QUOTED = 40;

    private Texts() {
    }

    /** The text in single quotes when short enough to repeat safely, else a placeholder naming its length. */
    static String quote(String text) {
        if (text.length() > MAX_QUOTED) {
            return "the value of " + text.length() + " characters";
        }
        StringBuilder sb = new StringBuilder(text.length() + 2).append('\'');
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0xFFFD) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append('\'').toString();
    }
}
