package dev.warren.app.ui.theme;

/** The user's theme choice: follow the system, or a fixed light or dark theme. */
public enum ThemeChoice {
    SYSTEM("Follow system"),
    LIGHT("Light"),
    DARK("Dark");

    private final String label;

    ThemeChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this choice means dark, given what the system prefers right now. */
    public boolean isDark(boolean systemPrefersDark) {
        return this == DARK || (this == SYSTEM && systemPrefersDark);
    }
}
