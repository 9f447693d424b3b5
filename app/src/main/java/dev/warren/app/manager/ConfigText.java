package dev.warren.app.manager;

import dev.warren.core.config.WgQuickParser;

/** The text of a config file as read from disk, for showing, editing and sending over IPC. */
public final class ConfigText {
    private ConfigText() {
    }

    /**
     * Decodes exactly as the parser does (UTF-8 or UTF-16, by byte-order mark or by the NUL bytes of UTF-16 without
     * one): an operator's redacted copy is filtered line by line, so it must be the text the parser validated.
     * Bytes that are not valid text become U+FFFD, which the parser then reports where they are.
     */
    public static String decode(byte[] b) {
        return WgQuickParser.decode(b);
    }
}
