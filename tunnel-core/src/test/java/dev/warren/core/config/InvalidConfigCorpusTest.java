package dev.warren.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken configs: each {@code NAME.conf} has a {@code NAME.expected} listing every error it must produce, in
 * order, as {@code line:column: [Section] Key: message} (section and key only when the error has
 * them).
 */
class InvalidConfigCorpusTest {

    static List<Path> invalidConfigs() {
        return ConfigCorpus.files("invalid");
    }

    @Test
    void corpusIsLargeEnough() {
        assertTrue(invalidConfigs().size() >= 30, "at least 30 invalid configs, found " + invalidConfigs().size());
    }

    @ParameterizedTest
    @MethodSource("invalidConfigs")
    void givesTheExpectedErrorsAtTheExpectedPlaces(Path file) throws IOException {
        String name = file.getFileName().toString();
        ParseResult r = WgQuickParser.parse(name, ConfigCorpus.read(file));
        List<ConfigError> errors = assertInstanceOf(ParseResult.Invalid.class, r, name + " must not parse").errors();

        List<String> expected = Files.readAllLines(file.resolveSibling(name.replaceFirst("\\.conf$", ".expected")));
        List<String> actual = errors.stream().map(InvalidConfigCorpusTest::expectation).toList();
        assertEquals(expected, actual);
        for (ConfigError e : errors) {
            assertEquals(name, e.file());
            assertTrue(e.format().startsWith(name + ":" + e.line() + ":" + e.column() + ": error: "), e.format());
            // A person reads only the message, not the record's fields: it must name the key it is about.
            e.key().ifPresent(k -> assertTrue(e.message().contains(k), "message names " + k + ": " + e.message()));
        }
    }

    /** {@code line:col: [Section] Key: message}, leaving out the section or key the error does not have. */
    private static String expectation(ConfigError e) {
        return e.line() + ":" + e.column() + ": " + e.section().map(s -> "[" + s + "] ").orElse("")
                + e.key().map(k -> k + ": ").orElse("") + e.message();
    }
}
