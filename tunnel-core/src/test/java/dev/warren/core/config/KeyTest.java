package dev.warren.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyTest {

    // RFC 7748 section 6.1: Alice's private key and the public key it yields.
    private static final String ALICE_PRIVATE_HEX = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private static final String ALICE_PUBLIC_HEX = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";

    @Test
    void publicKeyOfRfc7748Vector() {
        Key priv = Key.fromHex(Key.Kind.PRIVATE, ALICE_PRIVATE_HEX);
        assertEquals(ALICE_PUBLIC_HEX, priv.publicKey().toHex());
    }

    @Test
    void privateKeysAreClamped() {
        byte[] raw = new byte[32];
        java.util.Arrays.fill(raw, (byte) 0xff);
        byte[] stored = Key.of(Key.Kind.PRIVATE, raw).bytes();
        assertEquals((byte) 0xf8, stored[0]);
        assertEquals((byte) 0x7f, stored[31]);
        assertEquals((byte) 0xff, Key.of(Key.Kind.PUBLIC, raw).bytes()[0]);
    }

    @Test
    void base64RoundTrip() {
        Key k = Key.generatePrivate();
        assertEquals(k, Key.fromBase64(Key.Kind.PRIVATE, k.toBase64()));
        assertNotEquals(k, Key.fromBase64(Key.Kind.PUBLIC, k.toBase64()));
    }

    @Test
    void secretsNeverPrint() {
        Key priv = Key.generatePrivate();
        Key psk = Key.generatePreshared();
        assertFalse(priv.toString().contains(priv.toBase64()));
        assertFalse(psk.toString().contains(psk.toBase64()));
        Key pub = priv.publicKey();
        assertEquals(pub.toBase64(), pub.toString());
    }

    @Test
    void badTextIsRejectedWithoutEchoingIt() {
        String secretish = "not-a-key-but-do-not-print-it-anyway-1234567";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Key.fromBase64(Key.Kind.PRIVATE, secretish));
        assertFalse(e.getMessage().contains(secretish));
        assertThrows(IllegalArgumentException.class, () -> Key.fromBase64(Key.Kind.PUBLIC, "abc"));
        assertThrows(IllegalArgumentException.class, () -> Key.fromHex(Key.Kind.PUBLIC, "zz".repeat(32)));
    }

    @Test
    void nonCanonicalBase64IsRejectedAsWgDoes() {
        // The last character before '=' carries 4 key bits and 2 padding bits that must be zero; "B" sets one.
        String canonical = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        String nonCanonical = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=";
        assertTrue(Key.fromBase64(Key.Kind.PUBLIC, canonical).isZero());
        for (Key.Kind kind : Key.Kind.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Key.fromBase64(kind, nonCanonical));
            assertFalse(e.getMessage().contains(nonCanonical), e.getMessage());
            assertTrue(e.getMessage().contains("A E I M Q U Y c g k o s w 0 4 8"), e.getMessage());
        }
        Key real = Key.generatePrivate();
        String text = real.toBase64();
        char last = text.charAt(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        String tampered = text.substring(0, 42) + alphabet.charAt(alphabet.indexOf(last) | 1) + "=";
        assertThrows(IllegalArgumentException.class, () -> Key.fromBase64(Key.Kind.PRIVATE, tampered));
    }

    @Test
    void zeroKey() {
        assertTrue(Key.of(Key.Kind.PUBLIC, new byte[32]).isZero());
        assertFalse(Key.generatePrivate().isZero());
    }
}
