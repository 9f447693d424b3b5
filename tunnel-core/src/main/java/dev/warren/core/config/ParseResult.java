package dev.warren.core.config;

import java.util.List;

/** What parsing a config file gives: a valid configuration, or every error found in it. */
public sealed interface ParseResult {

    /** The errors found; empty for a {@link Valid} result. */
    List<ConfigError> errors();

    /** The file is a valid configuration. */
    record Valid(TunnelConfig config) implements ParseResult {
        public Valid {
            if (config == null) {
                throw new IllegalArgumentException("config is missing");
            }
        }

        @Override
        public List<ConfigError> errors() {
            return List.of();
        }
    }

    /** The file has at least one error; all of them are listed, in file order. */
    record Invalid(List<ConfigError> errors) implements ParseResult {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid result has at least one error");
            }
        }
    }
}
