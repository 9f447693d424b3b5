package dev.warren.core.noise;

import dev.warren.core.crypto.Blake2s;
import dev.warren.core.crypto.XChaCha20Poly1305;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The receiving side of WireGuard's DoS mitigation (whitepaper §5.4.7): checks mac1 on every handshake message
 * (keyed by our own public key, so only senders who know it pass) and, when the device is under load, mac2 —
 * a MAC keyed by a cookie that only a sender who can receive at its source address obtains from a cookie reply.
 *
 * <p>The cookie is MAC(secret, source address and port) with a random secret replaced every
 * {@link #COOKIE_REFRESH_NANOS} (2 minutes), so cookies expire without any per-sender state.
 */
public final class CookieChecker {

    public static final long COOKIE_REFRESH_NANOS = 120_000_000_000L;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] mac1Key;
    private final byte[] cookieKey;
    private final byte[] secret = new byte[32];
    private long secretSetNanos;
    private boolean secretSet;

    public CookieChecker(byte[] ownPublicKey) {
        this.mac1Key = Blake2s.hash(Noise.LABEL_MAC1, ownPublicKey);
        this.cookieKey = Blake2s.hash(Noise.LABEL_COOKIE, ownPublicKey);
    }

    /** True if the handshake message's mac1 is right for us. */
    public boolean checkMac1(byte[] msg) {
        int off = Message.mac1Offset(msg.length);
        byte[] expected = new byte[Message.MAC_LENGTH];
        Blake2s.mac(mac1Key, msg, 0, off, expected, 0);
        return MessageDigest.isEqual(expected, Noise.slice(msg, off, Message.MAC_LENGTH));
    }

    /** True if the message carries a mac2 made with the current cookie for {@code source}. */
    public synchronized boolean checkMac2(byte[] msg, InetSocketAddress source, long nowNanos) {
        if (!secretSet || nowNanos - secretSetNanos > COOKIE_REFRESH_NANOS) {
            return false;
        }
        byte[] cookie = cookie(source);
        int off = Message.mac2Offset(msg.length);
        byte[] expected = new byte[Message.MAC_LENGTH];
        Blake2s.mac(cookie, msg, 0, off, expected, 0);
        return MessageDigest.isEqual(expected, Noise.slice(msg, off, Message.MAC_LENGTH));
    }

    /**
     * Builds the 64-byte cookie reply to {@code msg} from {@code source}: the cookie encrypted with
     * XChaCha20-Poly1305 under a key derived from our public key, with the message's mac1 as additional data
     * (which binds the reply to the message that caused it).
     */
    public synchronized byte[] createReply(byte[] msg, InetSocketAddress source, long nowNanos) {
        if (!secretSet || nowNanos - secretSetNanos > COOKIE_REFRESH_NANOS) {
            RANDOM.nextBytes(secret);
            secretSetNanos = nowNanos;
            secretSet = true;
        }
        byte[] reply = new byte[Message.COOKIE_REPLY_SIZE];
        Message.putInt(reply, 0, Message.TYPE_COOKIE_REPLY);
        Message.putInt(reply, Message.COOKIE_REPLY_RECEIVER, Message.getInt(msg, 4));
        byte[] nonce = new byte[XChaCha20Poly1305.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, reply, Message.COOKIE_REPLY_NONCE, nonce.length);
        byte[] mac1 = Noise.slice(msg, Message.mac1Offset(msg.length), Message.MAC_LENGTH);
        byte[] sealed = XChaCha20Poly1305.seal(cookieKey, nonce, cookie(source), mac1);
        System.arraycopy(sealed, 0, reply, Message.COOKIE_REPLY_COOKIE, sealed.length);
        return reply;
    }

    private byte[] cookie(InetSocketAddress source) {
        return Blake2s.mac(secret, SourceAddress.bytes(source));
    }
}
