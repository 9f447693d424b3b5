package dev.warren.app.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runtime figures as {@code wg show} words them, for the CLI and the GUI's status panel. */
public final class HumanFormat {
    private HumanFormat() {
    }

    /** {@code 512 B}, {@code 3.40 KiB}, {@code 1.21 MiB}, {@code 2.00 GiB}, {@code 1.50 TiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }

    /** {@code 1.21 MiB received, 3.40 KiB sent}. */
    public static String transfer(long rx, long tx) {
        return bytes(rx) + " received, " + bytes(tx) + " sent";
    }

    /**
     * How long ago a handshake was: {@code 1 minute, 3 seconds ago}; {@code Now} under a second; {@code (none)}
     * when there has been none ({@code epochMillis} 0).
     */
    public static String ago(long epochMillis, long nowMillis) {
        if (epochMillis <= 0) {
            return "(none)";
        }
        long s = Math.max(0, Duration.ofMillis(nowMillis - epochMillis).toSeconds());
        if (s == 0) {
            return "Now";
        }
        List<String> parts = new ArrayList<>();
        long[] sizes = {365L * 24 * 3600, 24 * 3600, 3600, 60, 1};
        String[] names = {"year", "day", "hour", "minute", "second"};
        for (int i = 0; i < sizes.length; i++) {
            long q = s / sizes[i];
            s %= sizes[i];
            if (q > 0) {
                parts.add(q + " " + names[i] + (q == 1 ? "" : "s"));
            }
        }
        return String.join(", ", parts) + " ago";
    }

    /** {@code every 25 seconds}, or {@code off}. */
    public static String keepalive(int seconds) {
        return seconds == 0 ? "off" : "every " + seconds + (seconds == 1 ? " second" : " seconds");
    }
}
