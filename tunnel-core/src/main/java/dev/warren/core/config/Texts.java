package dev.warren.core.config;

/** How user-supplied text is quoted inside error messages, without ever repeating key material. */
final class Texts {

    /** Longer text adds nothing to a message that already points at it. */
    static final int MAX_QUOTED = 40;

    /**
     * Text with this many consecutive base64 characters ({@code A-Z a-z 0-9 + / =}) is never repeated: it may be a
     * key, or part of one, that ended up somewhere unexpected (pasted on its own line, a line cut in two). So no
     * error message can contain any {@value} characters in a row of a key.
     */
    static final int MAX_BASE64_RUN = 12;

    private Texts() {
    }

    /** The text in single quotes when it is safe and short enough to repeat, else a placeholder. */
    static String quote(String text) {
        if (text.length() > MAX_QUOTED || hasLongBase64Run(text)) {
            return "(" + text.length() + " characters, not repeated)";
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

    static boolean hasLongBase64Run(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean b64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '+' || c == '/' || c == '=';
            run = b64 ? run + 1 : 0;
            if (run >= MAX_BASE64_RUN) {
                return true;
            }
        }
        return false;
    }
}
