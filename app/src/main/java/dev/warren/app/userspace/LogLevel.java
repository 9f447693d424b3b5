package dev.warren.app.userspace;

import java.util.Locale;

/** How much {@code warren userspace} logs, chosen as wireguard-go chooses it: by the {@code LOG_LEVEL} variable. */
public enum LogLevel {
    /** Errors and the protocol's progress (handshakes, keepalives, start and stop). */
    VERBOSE,
    /** Errors only: wireguard-go's default. */
    ERROR,
    /** Nothing. */
    SILENT;

    /**
     * The level {@code LOG_LEVEL} names: {@code verbose} (or {@code debug}), {@code error} or {@code silent};
     * unset or anything else means {@link #ERROR}, as in wireguard-go.
     */
    public static LogLevel fromEnvironment(String value) {
        if (value == null) {
            return ERROR;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "verbose", "debug" -> VERBOSE;
            case "silent" -> SILENT;
            default -> ERROR;
        };
    }
}
