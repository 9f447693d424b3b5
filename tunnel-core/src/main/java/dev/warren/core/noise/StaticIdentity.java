package dev.warren.core.noise;

import dev.warren.core.config.Key;
import dev.warren.core.crypto.X25519;

/** A device's long-term X25519 key pair. {@link #toString()} shows only the public half. */
public final class StaticIdentity {

    private final byte[] privateKey;
    private final byte[] publicKey;

    private StaticIdentity(byte[] privateKey) {
        this.privateKey = privateKey;
        this.publicKey = X25519.publicKey(privateKey);
    }

    public static StaticIdentity of(Key privateKey) {
        if (privateKey.kind() != Key.Kind.PRIVATE) {
            throw new IllegalArgumentException("a static identity needs a private key, not a " + privateKey.kind());
        }
        return new StaticIdentity(privateKey.bytes());
    }

    byte[] privateKey() {
        return privateKey;
    }

    /** The public key (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] publicKeyUnsafe() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "StaticIdentity[" + Key.of(Key.Kind.PUBLIC, publicKey) + "]";
    }
}
