package dev.warren.app.manager;

import java.nio.charset.StandardCharsets;

/** The text of a config file as read from disk, for showing, editing and sending over IPC. */
public final class ConfigText {
    private ConfigText() {
    }

    /**
     * Decodes by byte-order mark (UTF-8, UTF-16 LE or BE, as Windows editors write them), else as UTF-8. Bytes
     * that are not valid UTF-8 become U+FFFD, which the parser then reports where they are.
     */
    public static String decode(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
