package dev.warren.core.crypto;

import org.bouncycastle.crypto.digests.Blake2sDigest;

/** BLAKE2s (RFC 7693) as WireGuard uses it: the 32-byte HASH and the keyed 16-byte MAC of mac1/mac2/cookies. */
public final class Blake2s {

    public static final int HASH_LENGTH = 32;
    public static final int MAC_LENGTH = 16;

    private Blake2s() {
    }

    /** HASH(parts[0] || parts[1] || ...) into a new 32-byte array. */
    public static byte[] hash(byte[]... parts) {
        Blake2sDigest d = new Blake2sDigest(HASH_LENGTH * 8);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[HASH_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /**
     * Keyed BLAKE2s with a 16-byte output: MAC(key, data[off..off+len)) written to {@code out} at {@code outOff}.
     * This is BLAKE2s' own keyed mode, not HMAC (whitepaper §5.4.4).
     */
    public static void mac(byte[] key, byte[] data, int off, int len, byte[] out, int outOff) {
        Blake2sDigest d = new Blake2sDigest(key, MAC_LENGTH, null, null);
        d.update(data, off, len);
        d.doFinal(out, outOff);
    }

    /** The 16-byte keyed MAC of several parts concatenated. */
    public static byte[] mac(byte[] key, byte[]... parts) {
        Blake2sDigest d = new Blake2sDigest(key, MAC_LENGTH, null, null);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[MAC_LENGTH];
        d.doFinal(out, 0);
        return out;
    }
}
