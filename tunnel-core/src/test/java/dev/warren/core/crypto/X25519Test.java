package dev.warren.core.crypto;

import static dev.warren.core.testing.Hex.decode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class X25519Test {

    @Test
    void rfc7748Section5_2ScalarMultiplication() {
        byte[] out = new byte[32];
        assertTrue(X25519.sharedSecret(
                decode("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                decode("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"), out));
        assertArrayEquals(decode("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"), out);
    }

    @Test
    void rfc7748Section6_1DiffieHellman() {
        byte[] alice = decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bob = decode("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] alicePub = X25519.publicKey(alice);
        byte[] bobPub = X25519.publicKey(bob);
        assertArrayEquals(decode("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"), alicePub);
        assertArrayEquals(decode("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), bobPub);
        byte[] k1 = new byte[32];
        byte[] k2 = new byte[32];
        assertTrue(X25519.sharedSecret(alice, bobPub, k1));
        assertTrue(X25519.sharedSecret(bob, alicePub, k2));
        byte[] expected = decode("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertArrayEquals(expected, k1);
        assertArrayEquals(expected, k2);
    }

    @Test
    void lowOrderPointsGiveTheAllZeroSecretWhichIsRejected() {
        byte[] priv = X25519.generatePrivateKey();
        byte[] out = new byte[32];
        assertFalse(X25519.sharedSecret(priv, new byte[32], out), "u = 0 (order 2)");
        assertFalse(X25519.sharedSecret(priv,
                decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"), out), "order 8");
        assertArrayEquals(new byte[32], out);
    }
}
