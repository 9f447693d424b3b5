package dev.warren.app.manager;

import dev.warren.core.config.ConfigLine;
import java.util.Locale;
import java.util.Set;

/**
 * Makes a config fit for an operator's eyes: lines setting PrivateKey, PresharedKey or a script are removed,
 * and anything key-shaped left in comments is hidden. Works on the text (not the parsed model) so that the
 * operator sees the administrator's file, comments and order, minus the secrets.
 */
final class ConfigRedactor {
    private static final Set<String> SECRET_KEYS = Set.of("privatekey", "presharedkey", "preup", "postup", "predown",
            "postdown");

    /** The redacted text, and whether anything was removed or hidden. */
    record Redacted(String text, boolean changed) {
    }

    private ConfigRedactor() {
    }

    static Redacted redact(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean changed = false;
        // Lines end where the parser says they do (a lone \r included): a line the parser reads must not pass
        // here as part of a longer one whose key is something else.
        for (ConfigLine l : ConfigLine.split(text)) {
            String line = l.content();
            if (isSecretLine(line)) {
                changed = true;
                continue;
            }
            int hash = line.indexOf('#');
            if (hash >= 0) {
                String comment = KeyScrubber.scrub(line.substring(hash));
                changed |= !comment.equals(line.substring(hash));
                line = line.substring(0, hash) + comment;
            }
            out.append(line).append(l.terminator());
        }
        return new Redacted(out.toString(), changed);
    }

    /** wg-quick keys are case-insensitive and may be surrounded by blanks; the line's comment does not count. */
    private static boolean isSecretLine(String line) {
        int eq = line.indexOf('=');
        int hash = line.indexOf('#');
        if (eq < 0 || hash >= 0 && hash < eq) {
            return false;
        }
        String key = line.substring(0, eq).strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
        return SECRET_KEYS.contains(key);
    }
}
