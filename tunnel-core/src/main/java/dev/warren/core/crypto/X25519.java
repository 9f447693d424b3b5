package dev.warren.core.crypto;

import java.security.SecureRandom;

/**
 * Curve25519 Diffie-Hellman (RFC 7748) from BouncyCastle, with WireGuard's rule that an all-zero shared secret
 * (a low-order public key) aborts the handshake.
 */
public final class X25519 {

    public static final int KEY_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private X25519() {
    }

    /** A fresh clamped private key. */
    public static byte[] generatePrivateKey() {
        byte[] k = new byte[KEY_LENGTH];
        org.bouncycastle.math.ec.rfc7748.X25519.generatePrivateKey(RANDOM, k);
        return k;
    }

    /** The public key of {@code privateKey}. */
    public static byte[] publicKey(byte[] privateKey) {
        byte[] pub = new byte[KEY_LENGTH];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(privateKey, 0, pub, 0);
        return pub;
    }

    /**
     * Writes the shared secret of {@code privateKey} and {@code publicKey} to {@code out}.
     *
     * @return false if the result is all zeros, which a peer can force with a low-order point; the handshake
     *     must then be rejected (whitepaper §5.4, wireguard-go's ErrInvalidPublicKey)
     */
    public static boolean sharedSecret(byte[] privateKey, byte[] publicKey, byte[] out) {
        return org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(privateKey, 0, publicKey, 0, out, 0);
    }
}
