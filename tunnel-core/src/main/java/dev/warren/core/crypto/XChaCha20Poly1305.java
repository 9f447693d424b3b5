package dev.warren.core.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) with its 24-byte random nonce, from BouncyCastle; WireGuard uses it
 * only to encrypt cookies in cookie-reply messages, so this is not on a hot path.
 */
public final class XChaCha20Poly1305 {

    public static final int NONCE_LENGTH = 24;
    public static final int TAG_LENGTH = 16;

    private XChaCha20Poly1305() {
    }

    /** Encrypts {@code plaintext} with additional data {@code ad}; returns ciphertext || tag. */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] ad) {
        var aead = init(true, key, nonce, ad);
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("XChaCha20-Poly1305 sealing failed", e);
        }
        return out;
    }

    /** Decrypts ciphertext || tag; returns the plaintext, or null if it fails authentication. */
    public static byte[] open(byte[] key, byte[] nonce, byte[] sealed, byte[] ad) {
        if (sealed.length < TAG_LENGTH) {
            return null;
        }
        var aead = init(false, key, nonce, ad);
        byte[] out = new byte[sealed.length - TAG_LENGTH];
        int n = aead.processBytes(sealed, 0, sealed.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            return null;
        }
        return out;
    }

    private static org.bouncycastle.crypto.modes.XChaCha20Poly1305 init(boolean encrypt, byte[] key, byte[] nonce,
            byte[] ad) {
        if (key.length != ChaCha20Poly1305.KEY_LENGTH || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("XChaCha20-Poly1305 needs a 32-byte key and a 24-byte nonce");
        }
        var aead = new org.bouncycastle.crypto.modes.XChaCha20Poly1305();
        aead.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, ad));
        return aead;
    }
}
