package dev.warren.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem in a config file, located precisely enough for an editor to underline it and for a person to fix
 * it. The reason never contains key material: values of key fields are never repeated, and other values only
 * when short.
 *
 * @param file       the name the text was read from, as given to the parser
 * @param line       1-based line
 * @param column     1-based column (in code points) of the offending key or value
 * @param length     how many code points from {@code column} are at fault (at least 1), for underlining
 * @param section    the section the problem is in ({@code "Interface"}, {@code "Peer"}), if any
 * @param key        the key the problem is about, in its canonical spelling ({@code "PublicKey"}), if any
 * @param reason     what is wrong and what is allowed
 * @param suggestion for a misspelt key or section, the closest known name
 */
public record ConfigError(
        String file,
        int line,
        int column,
        int length,
        Optional<String> section,
        Optional<String> key,
        String reason,
        Optional<String> suggestion) {

    public ConfigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(suggestion, "suggestion");
        if (line < 1 || column < 1 || length < 1) {
            throw new IllegalArgumentException("line, column and length are 1-based");
        }
    }

    /** The reason, followed by the suggestion when there is one. */
    public String message() {
        return suggestion.map(s -> reason + "; did you mean '" + s + "'?").orElse(reason);
    }

    /** Compiler style, {@code file:line:col: error: message}, which editors and CI logs link to the place. */
    public String format() {
        return file + ":" + line + ":" + column + ": error: " + message();
    }

    @Override
    public String toString() {
        return format();
    }
}
