package dev.warren.app.ui.format;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** "2 hours, 1 minute, 5 seconds ago": how long ago a handshake happened, as WireGuard's own UIs say it. */
public final class Elapsed {

    private Elapsed() {
    }

    public static String ago(Duration elapsed) {
        if (elapsed.isNegative()) {
            return "in the future (the system clock went backwards)";
        }
        long total = elapsed.toSeconds();
        if (total == 0) {
            return "just now";
        }
        List<String> parts = new ArrayList<>(4);
        add(parts, total / 86_400, "day");
        add(parts, total / 3_600 % 24, "hour");
        add(parts, total / 60 % 60, "minute");
        add(parts, total % 60, "second");
        return String.join(", ", parts) + " ago";
    }

    private static void add(List<String> parts, long n, String unit) {
        if (n > 0) {
            parts.add(n + " " + unit + (n == 1 ? "" : "s"));
        }
    }
}
