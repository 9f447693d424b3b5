package dev.warren.core.noise;

import dev.warren.core.crypto.Blake2s;
import dev.warren.core.crypto.XChaCha20Poly1305;
import java.util.Arrays;

/**
 * The sending side of WireGuard's DoS mitigation for one peer (whitepaper §5.4.4, §5.4.7): fills mac1 of every
 * handshake message we send to the peer (keyed by the peer's public key) and mac2 while we hold a cookie the
 * peer gave us less than two minutes ago.
 */
public final class CookieGenerator {

    private final byte[] mac1Key;
    private final byte[] cookieKey;
    private final byte[] cookie = new byte[Message.MAC_LENGTH];
    private final byte[] lastMac1 = new byte[Message.MAC_LENGTH];
    private boolean hasLastMac1;
    private boolean hasCookie;
    private long cookieSetNanos;

    public CookieGenerator(byte[] peerPublicKey) {
        this.mac1Key = Blake2s.hash(Noise.LABEL_MAC1, peerPublicKey);
        this.cookieKey = Blake2s.hash(Noise.LABEL_COOKIE, peerPublicKey);
    }

    /** Writes mac1, and mac2 if a fresh cookie is held (else mac2 stays zero), into the handshake message. */
    public synchronized void addMacs(byte[] msg, long nowNanos) {
        int m1 = Message.mac1Offset(msg.length);
        int m2 = Message.mac2Offset(msg.length);
        Blake2s.mac(mac1Key, msg, 0, m1, msg, m1);
        System.arraycopy(msg, m1, lastMac1, 0, Message.MAC_LENGTH);
        hasLastMac1 = true;
        if (hasCookie && nowNanos - cookieSetNanos <= CookieChecker.COOKIE_REFRESH_NANOS) {
            Blake2s.mac(cookie, msg, 0, m2, msg, m2);
        } else {
            Arrays.fill(msg, m2, m2 + Message.MAC_LENGTH, (byte) 0);
        }
    }

    /**
     * Decrypts the cookie of a cookie reply to the last message we sent.
     *
     * @return false if the reply does not authenticate against that message's mac1
     */
    public synchronized boolean consumeReply(byte[] reply, long nowNanos) {
        if (!hasLastMac1 || reply.length != Message.COOKIE_REPLY_SIZE) {
            return false;
        }
        byte[] nonce = Noise.slice(reply, Message.COOKIE_REPLY_NONCE, XChaCha20Poly1305.NONCE_LENGTH);
        byte[] sealed = Noise.slice(reply, Message.COOKIE_REPLY_COOKIE, Message.MAC_LENGTH + 16);
        byte[] opened = XChaCha20Poly1305.open(cookieKey, nonce, sealed, lastMac1);
        if (opened == null) {
            return false;
        }
        System.arraycopy(opened, 0, cookie, 0, Message.MAC_LENGTH);
        hasCookie = true;
        cookieSetNanos = nowNanos;
        return true;
    }
}
