package dev.warren.core.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * ChaCha20-Poly1305 (RFC 8439) from the JDK, whose implementation uses CPU intrinsics, with WireGuard's nonce:
 * 32 zero bits followed by the 64-bit little-endian counter.
 *
 * <p>Each thread reuses one {@link Cipher}. Data is sealed and opened in place in heap arrays: the JDK's
 * direct-buffer path copies into fresh arrays, while its array path works in place, so the packet path keeps its
 * buffers on the heap.
 */
public final class ChaCha20Poly1305 {

    public static final int KEY_LENGTH = 32;
    public static final int TAG_LENGTH = 16;
    public static final int NONCE_LENGTH = 12;

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    /** One thread's cipher and nonce scratch space. */
    private static final class State {
        final Cipher cipher;
        final byte[] nonce = new byte[NONCE_LENGTH];

        State() {
            try {
                cipher = Cipher.getInstance("ChaCha20-Poly1305");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK provides no ChaCha20-Poly1305 cipher", e);
            }
        }

        Cipher init(int mode, SecretKey key, long counter, byte[] ad) throws GeneralSecurityException {
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] = (byte) (counter >>> (8 * i));
            }
            cipher.init(mode, key, new IvParameterSpec(nonce));
            if (ad != null && ad.length > 0) {
                cipher.updateAAD(ad);
            }
            return cipher;
        }
    }

    private ChaCha20Poly1305() {
    }

    /** Wraps a 32-byte key for repeated use (one per transport keypair direction). */
    public static TransportKey key(byte[] raw) {
        return new TransportKey(raw);
    }

    /**
     * Encrypts {@code buf[off..off+len)} in place and appends the 16-byte tag, so {@code buf} needs
     * {@code off+len+16} bytes.
     *
     * @return the sealed length, {@code len + 16}
     */
    public static int seal(SecretKey key, long counter, byte[] ad, byte[] buf, int off, int len) {
        try {
            return STATE.get().init(Cipher.ENCRYPT_MODE, key, counter, ad).doFinal(buf, off, len, buf, off);
        } catch (GeneralSecurityException e) {
            // Only a key/nonce reuse or a too-small buffer gets here: both are programming errors.
            throw new IllegalStateException("ChaCha20-Poly1305 sealing failed", e);
        }
    }

    /**
     * Authenticates and decrypts {@code buf[off..off+len)} (ciphertext and tag) in place.
     *
     * @return the plaintext length, or -1 if the data is shorter than a tag or fails authentication
     */
    public static int open(SecretKey key, long counter, byte[] ad, byte[] buf, int off, int len) {
        if (len < TAG_LENGTH) {
            return -1;
        }
        try {
            return STATE.get().init(Cipher.DECRYPT_MODE, key, counter, ad).doFinal(buf, off, len, buf, off);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException | IllegalStateException e) {
            // A key destroyed by a concurrent rekey: the packet is simply not accepted.
            return -1;
        }
    }

    /**
     * Seals the bytes from {@code buf}'s position to its limit in place; the limit grows by the tag. The buffer
     * must be array-backed with 16 bytes of room after the limit.
     */
    public static void seal(SecretKey key, long counter, ByteBuffer buf) {
        int pos = buf.position();
        int n = seal(key, counter, null, buf.array(), buf.arrayOffset() + pos, buf.remaining());
        buf.limit(pos + n);
    }

    /**
     * Opens the bytes from {@code buf}'s position to its limit in place; on success the limit shrinks to the end
     * of the plaintext.
     *
     * @return false if authentication failed (the buffer's content is then unspecified)
     */
    public static boolean open(SecretKey key, long counter, ByteBuffer buf) {
        int pos = buf.position();
        int n = open(key, counter, null, buf.array(), buf.arrayOffset() + pos, buf.remaining());
        if (n < 0) {
            return false;
        }
        buf.limit(pos + n);
        return true;
    }

    /** Seals {@code plaintext} into a new array (handshake messages, where allocation does not matter). */
    public static byte[] seal(byte[] key, long counter, byte[] plaintext, byte[] ad) {
        byte[] buf = new byte[plaintext.length + TAG_LENGTH];
        System.arraycopy(plaintext, 0, buf, 0, plaintext.length);
        seal(key(key), counter, ad, buf, 0, plaintext.length);
        return buf;
    }

    /** Opens {@code sealed} into a new array, or returns null if it fails authentication. */
    public static byte[] open(byte[] key, long counter, byte[] sealed, byte[] ad) {
        byte[] buf = sealed.clone();
        int n = open(key(key), counter, ad, buf, 0, buf.length);
        return n < 0 ? null : java.util.Arrays.copyOf(buf, n);
    }
}
