package dev.warren.core.crypto;

import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** HMAC (RFC 2104) over BLAKE2s-256 with its 64-byte block: the PRF of WireGuard's HKDF. */
public final class HmacBlake2s {

    private HmacBlake2s() {
    }

    /** HMAC(key, data) into a new 32-byte array. */
    public static byte[] mac(byte[] key, byte[] data) {
        HMac h = new HMac(new Blake2sDigest(256));
        h.init(new KeyParameter(key));
        h.update(data, 0, data.length);
        byte[] out = new byte[Blake2s.HASH_LENGTH];
        h.doFinal(out, 0);
        return out;
    }
}
