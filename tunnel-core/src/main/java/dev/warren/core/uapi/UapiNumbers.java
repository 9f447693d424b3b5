package dev.warren.core.uapi;

/** Unsigned decimal numbers as wireguard-go reads them (strconv.ParseUint, base 10): digits only. */
final class UapiNumbers {

    private UapiNumbers() {
    }

    /** The value of {@code text}, or -1 if it is not 1 or more ASCII digits with a value of at most {@code max}. */
    static long parseUnsigned(String text, long max) {
        if (text.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v > max) {
                return -1;
            }
        }
        return v;
    }
}
