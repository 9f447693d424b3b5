package dev.warren.app.manager;

import java.util.regex.Pattern;

/**
 * The last line of defence that keeps key material out of the log: anything shaped like a WireGuard key —
 * 44-character base64 ending in '=', or 64 hex digits as the UAPI writes keys — is replaced before a message is
 * stored. Public keys are hidden too: telling them apart from private ones is impossible from the text, and a log
 * that names peers should use their short form anyway.
 */
final class KeyScrubber {
    static final String REPLACEMENT = "(key hidden)";

    private static final Pattern KEY = Pattern.compile(
            "(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])"
                    + "|(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])");

    private KeyScrubber() {
    }

    static String scrub(String message) {
        return KEY.matcher(message).replaceAll(REPLACEMENT);
    }
}
