package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Key;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelName;
import dev.warren.core.config.WgQuickParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigRedactorTest {

    @Test
    void removesSecretsAndScriptsKeepsEverythingElse() {
        String priv = Key.generatePrivate().toBase64();
        String psk = Key.generatePreshared().toBase64();
        String pub = Key.generatePrivate().publicKey().toBase64();
        String text = "[Interface]\n"
                + "# office tunnel\n"
                + "  privatekey=" + priv + "\n"
                + "Address = 10.0.0.2/24\n"
                + "PostUp = iptables -A FORWARD -i %i -j ACCEPT\n"
                + "preDown=echo bye\n"
                + "\n"
                + "[Peer]\n"
                + "PublicKey = " + pub + " # old key was " + priv + "\n"
                + "PresharedKey = " + psk + "\n"
                + "AllowedIPs = 0.0.0.0/0\n";
        ConfigRedactor.Redacted r = ConfigRedactor.redact(text);
        assertTrue(r.changed());
        assertEquals("[Interface]\n"
                + "# office tunnel\n"
                + "Address = 10.0.0.2/24\n"
                + "\n"
                + "[Peer]\n"
                + "PublicKey = " + pub + " # old key was (key hidden)\n"
                + "AllowedIPs = 0.0.0.0/0\n", r.text());
        assertFalse(r.text().contains(priv) || r.text().contains(psk));
    }

    @Test
    void aConfigWithoutSecretsIsUnchanged() {
        String text = "[Peer]\r\nPublicKey = " + Key.generatePrivate().publicKey().toBase64() + "\r\n";
        assertEquals(new ConfigRedactor.Redacted(text, false), ConfigRedactor.redact(text));
    }

    /**
     * The parser takes a lone \r as a line break too, so a file with old-Mac or mixed line endings parses as a
     * valid tunnel; the redactor must see the same lines, or it returns every secret in what it takes for one line.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lineEndings")
    void removesSecretsWhateverTheLineEndings(String label, List<String> endings) {
        String priv = Key.generatePrivate().toBase64();
        String psk = Key.generatePreshared().toBase64();
        String pub = Key.generatePrivate().publicKey().toBase64();
        List<String> lines = List.of("[Interface]", "PrivateKey = " + priv, "Address = 10.0.0.2/24",
                "PreUp = echo secret-pre-up", "PostUp = echo secret-post-up", "PreDown = echo secret-pre-down",
                "PostDown = echo secret-post-down", "[Peer]", "PublicKey = " + pub, "PresharedKey = " + psk,
                "AllowedIPs = 0.0.0.0/0");
        StringBuilder text = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String end = endings.get(i % endings.size());
            text.append(lines.get(i)).append(end);
            if (!lines.get(i).matches("(?i)(PrivateKey|PresharedKey|PreUp|PostUp|PreDown|PostDown) =.*")) {
                expected.append(lines.get(i)).append(end);
            }
        }
        assertTrue(WgQuickParser.parse("t.conf", text.toString()) instanceof ParseResult.Valid,
                "the parser accepts the file, so an operator can be shown it");

        ConfigRedactor.Redacted r = ConfigRedactor.redact(text.toString());

        assertTrue(r.changed());
        assertEquals(expected.toString(), r.text(), "only the secret lines go, line endings are kept");
        for (String secret : List.of(priv, psk, "secret-pre-up", "secret-post-up", "secret-pre-down", "secret-post-down")) {
            assertFalse(r.text().contains(secret), label + " endings leak " + secret);
        }
    }

    static Stream<Arguments> lineEndings() {
        return Stream.of(
                Arguments.of("LF", List.of("\n")),
                Arguments.of("CRLF", List.of("\r\n")),
                Arguments.of("CR", List.of("\r")),
                Arguments.of("mixed", List.of("\r", "\n", "\r\n", "\r")));
    }

    /** wg-quick keys are case-insensitive and may be padded by any whitespace the parser skips. */
    @ParameterizedTest
    @MethodSource("secretKeySpellings")
    void removesEverySpellingOfASecretKey(String key) {
        String priv = Key.generatePrivate().toBase64();
        ConfigRedactor.Redacted r = ConfigRedactor.redact("[Interface]\r" + key + "=" + priv + "\rAddress = 10.0.0.2/24\r");
        assertEquals("[Interface]\rAddress = 10.0.0.2/24\r", r.text());
    }

    static Stream<String> secretKeySpellings() {
        return Stream.of("PrivateKey", "privatekey", "PRIVATEKEY", " \tPrivateKey\u000b ", "\uFEFFPrivateKey",
                "PresharedKey", "presharedKEY", "PreUp", "preup", "PostUp", "POSTUP", "PreDown", "predown",
                "PostDown", "postdown");
    }

    /**
     * Windows tools may save UTF-16 without a byte-order mark; the parser recognises it by its NUL bytes, so the
     * text an operator is shown must be decoded the same way, or every secret slips through with NULs between
     * its characters.
     */
    @ParameterizedTest
    @MethodSource("utf16")
    void removesSecretsFromAUtf16FileWithoutByteOrderMark(String charset) {
        String priv = Key.generatePrivate().toBase64();
        String text = "[Interface]\nPrivateKey = " + priv + "\nAddress = 10.0.0.2/24\nPostUp = echo secret-post-up\n"
                + "[Peer]\nPublicKey = " + Key.generatePrivate().publicKey().toBase64() + "\nAllowedIPs = 0.0.0.0/0\n";
        StoredTunnel stored = StoredTunnel.parse(new TunnelName("t"), text.getBytes(java.nio.charset.Charset.forName(charset)));
        assertTrue(stored.config().isPresent(), "the parser accepts the file");

        String shown = ConfigRedactor.redact(stored.text()).text();

        assertFalse(shown.contains(priv) || shown.replace("\0", "").contains(priv));
        assertFalse(shown.replace("\0", "").contains("secret-post-up"));
        assertTrue(shown.contains("Address = 10.0.0.2/24"), "the operator sees the readable text: " + shown);
    }

    static Stream<String> utf16() {
        return Stream.of(StandardCharsets.UTF_16LE.name(), StandardCharsets.UTF_16BE.name());
    }
}
