package dev.warren.core.crypto;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A 32-byte ChaCha20-Poly1305 key that can really be wiped: {@link javax.crypto.spec.SecretKeySpec} keeps a copy
 * we cannot clear, while this key's {@link #destroy()} zeroes the only copy we hold. Using it after destruction
 * fails instead of silently encrypting under a zero key.
 */
public final class TransportKey implements SecretKey {

    private final byte[] key;
    private volatile boolean destroyed;

    public TransportKey(byte[] raw) {
        if (raw.length != ChaCha20Poly1305.KEY_LENGTH) {
            throw new IllegalArgumentException("a ChaCha20-Poly1305 key has 32 bytes, not " + raw.length);
        }
        this.key = raw.clone();
    }

    @Override
    public String getAlgorithm() {
        return "ChaCha20";
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("the transport key has been destroyed");
        }
        return key.clone();
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "TransportKey[hidden]";
    }
}
