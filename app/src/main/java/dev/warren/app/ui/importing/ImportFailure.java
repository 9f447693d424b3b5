package dev.warren.app.ui.importing;

import java.util.Objects;

/** Something that could not be imported, and why, in words the user can act on. */
public record ImportFailure(String origin, String reason) {

    public ImportFailure {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return origin + ": " + reason;
    }
}
