package dev.warren.core.crypto;

import java.util.Arrays;

/**
 * The KDF of the WireGuard whitepaper (§5.4): HKDF (RFC 5869) with HMAC-BLAKE2s, an empty info and one to three
 * 32-byte outputs. KDF1/KDF2/KDF3 are {@code derive(key, input, 1..3)}.
 */
public final class Hkdf {

    private Hkdf() {
    }

    /**
     * Returns {@code n} outputs τ1..τn where τ0 = HMAC(key, input) and τi = HMAC(τ0, τ(i-1) || i). The
     * intermediate τ0 is wiped before returning.
     */
    public static byte[][] derive(byte[] key, byte[] input, int n) {
        if (n < 1 || n > 3) {
            throw new IllegalArgumentException("the WireGuard KDF yields 1 to 3 keys, not " + n);
        }
        byte[] prk = HmacBlake2s.mac(key, input);
        byte[][] out = new byte[n][];
        byte[] previous = new byte[0];
        for (int i = 0; i < n; i++) {
            byte[] block = Arrays.copyOf(previous, previous.length + 1);
            block[previous.length] = (byte) (i + 1);
            out[i] = HmacBlake2s.mac(prk, block);
            Arrays.fill(block, (byte) 0);
            previous = out[i];
        }
        Arrays.fill(prk, (byte) 0);
        return out;
    }
}
