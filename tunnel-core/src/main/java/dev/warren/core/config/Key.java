package dev.warren.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A 32-byte WireGuard key: a Curve25519 private or public key, or a preshared key.
 *
 * <p>The kind is part of the value so that secrets can never leak through {@link #toString()}: only public keys
 * print their base64 form. {@link #equals} compares in constant time.
 */
public final class Key {

    /** Key length in bytes. */
    public static final int LENGTH = 32;

    /** Length of the base64 text form (32 bytes with one {@code =} of padding). */
    public static final int BASE64_LENGTH = 44;

    /** What a key is for; secrets ({@link #PRIVATE}, {@link #PRESHARED}) are never printed. */
    public enum Kind {
        PRIVATE, PUBLIC, PRESHARED;

        public boolean isSecret() {
            return this != PUBLIC;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;
    private final Kind kind;

    private Key(byte[] bytes, Kind kind) {
        this.bytes = bytes;
        this.kind = kind;
    }

    /**
     * Wraps 32 raw bytes. Private keys are clamped as X25519 requires, so the stored value is the one every
     * WireGuard implementation would use.
     */
    public static Key of(Kind kind, byte[] raw) {
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("a key has " + LENGTH + " bytes, not " + raw.length);
        }
        byte[] copy = raw.clone();
        if (kind == Kind.PRIVATE) {
            clamp(copy);
        }
        return new Key(copy, kind);
    }

    /**
     * Parses the base64 form wg(8) prints: 44 characters ending in {@code =}.
     *
     * @throws IllegalArgumentException with a reason that never contains the text itself
     */
    public static Key fromBase64(Kind kind, String text) {
        if (text.length() != BASE64_LENGTH) {
            throw new IllegalArgumentException("a key is 44 base64 characters ending in '=', this has "
                    + text.length() + " characters");
        }
        if (text.charAt(BASE64_LENGTH - 1) != '=') {
            throw new IllegalArgumentException("a key is 44 base64 characters ending in '=', this does not end in '='");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a key is 44 base64 characters (A-Z, a-z, 0-9, '+', '/') ending in '='");
        }
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("a key is 44 base64 characters ending in '='");
        }
        // The JDK decoder ignores the two spare bits of the last character, so "...B=" and "...A=" decode alike;
        // wg(8) rejects every form but the canonical one, and a config wg-quick refuses must not pass here.
        if (!MessageDigest.isEqual(Base64.getEncoder().encode(raw), text.getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("a key is 44 base64 characters ending in '=', and the character before"
                    + " the '=' is one of A E I M Q U Y c g k o s w 0 4 8 (as wg genkey and wg pubkey write it)");
        }
        return of(kind, raw);
    }

    /** Parses the 64-character lowercase hex form used by the UAPI. */
    public static Key fromHex(Kind kind, String text) {
        if (text.length() != LENGTH * 2) {
            throw new IllegalArgumentException("a hex key has 64 characters, this has " + text.length());
        }
        byte[] raw = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("a hex key has only the characters 0-9 and a-f");
            }
            raw[i] = (byte) (hi << 4 | lo);
        }
        return of(kind, raw);
    }

    /** A fresh random private key (clamped), as {@code wg genkey} makes. */
    public static Key generatePrivate() {
        byte[] raw = new byte[LENGTH];
        RANDOM.nextBytes(raw);
        return of(Kind.PRIVATE, raw);
    }

    /** A fresh random preshared key, as {@code wg genpsk} makes. */
    public static Key generatePreshared() {
        byte[] raw = new byte[LENGTH];
        RANDOM.nextBytes(raw);
        return of(Kind.PRESHARED, raw);
    }

    /** The public key of this private key (X25519 scalar multiplication of the base point). */
    public Key publicKey() {
        if (kind != Kind.PRIVATE) {
            throw new IllegalStateException("only a private key has a public key");
        }
        byte[] pub = new byte[LENGTH];
        X25519.scalarMultBase(bytes, 0, pub, 0);
        return new Key(pub, Kind.PUBLIC);
    }

    public Kind kind() {
        return kind;
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the 32 bytes into {@code dst} at {@code offset} without allocating. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, LENGTH);
    }

    /** The base64 form; for secrets this is the only way to get the text, and callers must not log it. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The lowercase hex form used by the UAPI. */
    public String toHex() {
        StringBuilder sb = new StringBuilder(LENGTH * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /** True for the all-zero key, which the UAPI uses to mean "no key". */
    public boolean isZero() {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }

    /** Same kind and same bytes; the byte comparison takes the same time wherever they differ. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Key other && other.kind == kind && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        // Only public keys are used as map keys; hashing a secret's bytes would leak nothing useful either.
        return Arrays.hashCode(bytes) * 31 + kind.hashCode();
    }

    /** Public keys print as base64; secrets print as a fixed placeholder. */
    @Override
    public String toString() {
        return kind.isSecret() ? "(" + kind.name().toLowerCase() + " key hidden)" : toBase64();
    }

    private static void clamp(byte[] k) {
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
    }
}
