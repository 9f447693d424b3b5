package dev.warren.core.config;

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
            if (s.displayName.equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }

    String header() {
        return "[" + displayName + "]";
    }
}
