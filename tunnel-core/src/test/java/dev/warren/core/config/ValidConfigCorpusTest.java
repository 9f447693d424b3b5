package dev.warren.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real-world-style configs: each parses, writes back byte for byte, and round-trips in canonical form too. */
class ValidConfigCorpusTest {

    static List<Path> validConfigs() {
        return ConfigCorpus.files("valid");
    }

    @Test
    void corpusIsLargeEnough() {
        assertTrue(validConfigs().size() >= 30, "at least 30 valid configs, found " + validConfigs().size());
    }

    @ParameterizedTest
    @MethodSource("validConfigs")
    void parsesAndRoundTrips(Path file) {
        byte[] bytes = ConfigCorpus.read(file);
        ParseResult r = WgQuickParser.parse(file.getFileName().toString(), bytes);
        TunnelConfig config = assertInstanceOf(ParseResult.Valid.class, r, () -> r.errors().toString()).config();

        String written = WgQuickWriter.write(config);
        assertEquals(ConfigTextDecoder.decode(bytes).text().replaceFirst("^\uFEFF", ""), written,
                "an unchanged config is written exactly as it was read");
        assertEquals(config, reparse(written));

        String canonical = WgQuickWriter.write(config.withoutLayout());
        assertEquals(config, reparse(canonical));
        assertEquals(canonical, WgQuickWriter.write(reparse(canonical).withoutLayout()), "canonical form is stable");
    }

    private static TunnelConfig reparse(String text) {
        ParseResult r = WgQuickParser.parse("rewritten.conf", text);
        return assertInstanceOf(ParseResult.Valid.class, r, () -> r.errors() + " in\n" + text).config();
    }
}
