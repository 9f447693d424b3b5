package dev.warren.core.config;

import java.util.Locale;

/** The two section kinds of a wg-quick file. */
enum ConfigSection {
    INTERFACE("Interface"),
    PEER("Peer");

    final String displayName;

    ConfigSection(String displayName) {
        this.displayName = displayName;
    }

    /** The section named (case-insensitively) by a header's text, or {@code null}. */
    static ConfigSection byName(String name) {
        for (ConfigSection s : values()) {
            if (s.displayName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }

    String header() {
        return "[" + displayName + "]";
    }
}
