package dev.warren.core.device;

import dev.warren.core.crypto.TransportKey;
import dev.warren.core.noise.SessionKeys;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transport keys of one completed handshake: a sending and a receiving key, the send counter, the receive
 * replay window and the indices both sides use. Lives until replaced twice or expired (REJECT_AFTER_TIME).
 */
final class Keypair {

    final TransportKey sendKey;
    final TransportKey receiveKey;
    final AtomicLong sendNonce = new AtomicLong();
    final ReplayWindow replayWindow = new ReplayWindow();
    final long createdNanos;
    final boolean initiator;
    final int localIndex;
    final int remoteIndex;
    final Peer peer;

    Keypair(Peer peer, SessionKeys keys, long createdNanos) {
        this.peer = peer;
        this.sendKey = new TransportKey(keys.sendKey());
        this.receiveKey = new TransportKey(keys.receiveKey());
        java.util.Arrays.fill(keys.sendKey(), (byte) 0);
        java.util.Arrays.fill(keys.receiveKey(), (byte) 0);
        this.createdNanos = createdNanos;
        this.initiator = keys.initiator();
        this.localIndex = keys.localIndex();
        this.remoteIndex = keys.remoteIndex();
    }

    boolean isExpired(long nowNanos) {
        return nowNanos - createdNanos >= Constants.REJECT_AFTER_TIME;
    }

    /** Wipes both keys; packets still in flight with this keypair then fail and are dropped. */
    void destroy() {
        sendKey.destroy();
        receiveKey.destroy();
    }

    @Override
    public String toString() {
        return "Keypair[local=" + Integer.toUnsignedString(localIndex) + "]";
    }
}
