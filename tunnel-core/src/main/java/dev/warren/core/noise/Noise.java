package dev.warren.core.noise;

import dev.warren.core.crypto.Blake2s;
import dev.warren.core.crypto.Hkdf;
import java.nio.charset.StandardCharsets;

/**
 * The symmetric-state operations of Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s as WireGuard instantiates it
 * (whitepaper §5.4): the construction and identifier strings fix the initial chaining key and hash.
 */
final class Noise {

    static final String CONSTRUCTION = "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s";
    static final String IDENTIFIER = "WireGuard v1 zx2c4 Jason@zx2c4.com";
    static final byte[] LABEL_MAC1 = "mac1----".getBytes(StandardCharsets.US_ASCII);
    static final byte[] LABEL_COOKIE = "cookie--".getBytes(StandardCharsets.US_ASCII);

    /** Ci = HASH(CONSTRUCTION). */
    static final byte[] INITIAL_CHAIN_KEY = Blake2s.hash(CONSTRUCTION.getBytes(StandardCharsets.US_ASCII));
    /** Hi = HASH(Ci || IDENTIFIER). */
    static final byte[] INITIAL_HASH =
            Blake2s.hash(INITIAL_CHAIN_KEY, IDENTIFIER.getBytes(StandardCharsets.US_ASCII));

    private Noise() {
    }

    static byte[] mixHash(byte[] hash, byte[] data) {
        return Blake2s.hash(hash, data);
    }

    static byte[] mixKey(byte[] chainKey, byte[] data) {
        return Hkdf.derive(chainKey, data, 1)[0];
    }

    static byte[] slice(byte[] b, int off, int len) {
        return java.util.Arrays.copyOfRange(b, off, off + len);
    }
}
