package dev.warren.app.ui.format;

import java.util.Locale;

/** Byte counts as people read them: binary units (B, KiB, MiB, GiB, TiB) with two decimals past bytes. */
public final class ByteCount {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteCount() {
    }

    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a byte count cannot be negative: " + bytes);
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, UNITS[unit]);
    }

    /** A rate as shown on the traffic graph's axis and legend. */
    public static String perSecond(double bytesPerSecond) {
        return format(Math.round(Math.max(0, bytesPerSecond))) + "/s";
    }
}
