package dev.warren.core.noise;

/**
 * The result of a completed handshake: one ChaCha20-Poly1305 key per direction and the two indices the peers
 * address each other's packets with. {@link #toString()} never shows the keys.
 */
public record SessionKeys(byte[] sendKey, byte[] receiveKey, boolean initiator, int localIndex, int remoteIndex) {

    @Override
    public String toString() {
        return "SessionKeys[initiator=" + initiator + ", localIndex=" + Integer.toUnsignedString(localIndex)
                + ", remoteIndex=" + Integer.toUnsignedString(remoteIndex) + "]";
    }
}
