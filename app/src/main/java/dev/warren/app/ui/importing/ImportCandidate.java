package dev.warren.app.ui.importing;

import java.util.Objects;

/** A config found while importing, not yet validated or stored: its tunnel name, its text and where it came from. */
public record ImportCandidate(String name, String text, String origin) {

    public ImportCandidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        // The text holds a private key: never print it.
        return "ImportCandidate[" + name + " from " + origin + "]";
    }
}
