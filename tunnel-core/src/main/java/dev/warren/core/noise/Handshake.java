package dev.warren.core.noise;

import static dev.warren.core.noise.Noise.mixHash;
import static dev.warren.core.noise.Noise.mixKey;
import static dev.warren.core.noise.Noise.slice;

import dev.warren.core.crypto.ChaCha20Poly1305;
import dev.warren.core.crypto.Hkdf;
import dev.warren.core.crypto.Tai64n;
import dev.warren.core.crypto.X25519;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One peer's side of the Noise_IKpsk2 handshake (whitepaper §5.4.2-§5.4.5): creates and consumes initiation
 * and response messages and finally derives the transport keys. The initiation's outer layer, which reveals
 * the initiator's static key, is opened by {@link #openInitiation} before the peer is known.
 *
 * <p>Messages are produced without mac1/mac2 ({@link CookieGenerator#addMacs} fills them). Sender indices are
 * chosen by the caller, which owns the index table. All methods are thread-safe.
 */
public final class Handshake {

    /** Where the handshake stands; transport keys can be derived after the response is created or consumed. */
    public enum State {
        ZEROED, INITIATION_CREATED, INITIATION_CONSUMED, RESPONSE_CREATED, RESPONSE_CONSUMED
    }

    /** Minimum spacing of accepted initiations from one peer (wireguard-go's HandshakeInitationRate, 1 s / 50). */
    public static final long INITIATION_MIN_INTERVAL_NANOS = 20_000_000L;

    private static final byte[] EMPTY = new byte[0];

    private final StaticIdentity local;
    private final byte[] remoteStatic;
    private final byte[] presharedKey = new byte[32];
    private final byte[] precomputedStaticStatic = new byte[32];
    private final boolean staticStaticValid;

    private State state = State.ZEROED;
    private byte[] hash = new byte[32];
    private byte[] chainKey = new byte[32];
    private byte[] localEphemeral = new byte[32];
    private byte[] remoteEphemeral = new byte[32];
    private int localIndex;
    private int remoteIndex;
    private Tai64n lastTimestamp = new Tai64n(0, 0);
    private long lastInitiationConsumedNanos;
    private boolean initiationConsumedOnce;

    public Handshake(StaticIdentity local, byte[] remoteStatic) {
        if (remoteStatic.length != 32) {
            throw new IllegalArgumentException("a public key has 32 bytes, not " + remoteStatic.length);
        }
        this.local = local;
        this.remoteStatic = remoteStatic.clone();
        this.staticStaticValid = X25519.sharedSecret(local.privateKey(), this.remoteStatic, precomputedStaticStatic);
    }

    /** Sets the preshared key (all zeros means none, as in the whitepaper). */
    public synchronized void setPresharedKey(byte[] psk) {
        if (psk.length != 32) {
            throw new IllegalArgumentException("a preshared key has 32 bytes, not " + psk.length);
        }
        System.arraycopy(psk, 0, presharedKey, 0, 32);
    }

    public byte[] remoteStatic() {
        return remoteStatic.clone();
    }

    public synchronized State state() {
        return state;
    }

    /** The index the peer addresses us with for this handshake, 0 if none. */
    public synchronized int localIndex() {
        return localIndex;
    }

    /**
     * Creates an initiation (§5.4.2) with sender index {@code senderIndex} and the given timestamp.
     *
     * @return the 148-byte message with zero mac1/mac2
     * @throws IllegalStateException if the peer's public key is a low-order point
     */
    public byte[] createInitiation(int senderIndex, Tai64n timestamp) {
        return createInitiation(senderIndex, timestamp, X25519.generatePrivateKey());
    }

    /** As {@link #createInitiation(int, Tai64n)} with a given ephemeral key, for reproducible test vectors. */
    synchronized byte[] createInitiation(int senderIndex, Tai64n timestamp, byte[] eph) {
        if (!staticStaticValid) {
            throw new IllegalStateException("the peer's public key gives an all-zero shared secret");
        }
        byte[] msg = new byte[Message.INITIATION_SIZE];
        Message.putInt(msg, 0, Message.TYPE_INITIATION);
        Message.putInt(msg, Message.INITIATION_SENDER, senderIndex);

        byte[] h = mixHash(Noise.INITIAL_HASH, remoteStatic);
        byte[] ck = Noise.INITIAL_CHAIN_KEY;
        byte[] ephPub = X25519.publicKey(eph);
        System.arraycopy(ephPub, 0, msg, Message.INITIATION_EPHEMERAL, 32);
        ck = mixKey(ck, ephPub);
        h = mixHash(h, ephPub);

        byte[] ss = new byte[32];
        if (!X25519.sharedSecret(eph, remoteStatic, ss)) {
            throw new IllegalStateException("the peer's public key gives an all-zero shared secret");
        }
        byte[][] k = Hkdf.derive(ck, ss, 2);
        ck = k[0];
        byte[] sealedStatic = ChaCha20Poly1305.seal(k[1], 0, local.publicKeyUnsafe(), h);
        System.arraycopy(sealedStatic, 0, msg, Message.INITIATION_STATIC, sealedStatic.length);
        h = mixHash(h, sealedStatic);

        k = Hkdf.derive(ck, precomputedStaticStatic, 2);
        ck = k[0];
        byte[] sealedTimestamp = ChaCha20Poly1305.seal(k[1], 0, timestamp.toBytes(), h);
        System.arraycopy(sealedTimestamp, 0, msg, Message.INITIATION_TIMESTAMP, sealedTimestamp.length);
        h = mixHash(h, sealedTimestamp);
        wipe(ss, k[1]);

        clearEphemeral();
        hash = h;
        chainKey = ck;
        localEphemeral = eph;
        localIndex = senderIndex;
        state = State.INITIATION_CREATED;
        return msg;
    }

    /**
     * Opens the outer layer of an initiation addressed to {@code local}: recovers the initiator's static key.
     *
     * @return the partly processed initiation, or null if it does not decrypt (not for us, or tampered)
     */
    public static OpenedInitiation openInitiation(StaticIdentity local, byte[] msg) {
        if (msg.length != Message.INITIATION_SIZE || Message.getInt(msg, 0) != Message.TYPE_INITIATION) {
            return null;
        }
        byte[] ephPub = slice(msg, Message.INITIATION_EPHEMERAL, 32);
        byte[] h = mixHash(mixHash(Noise.INITIAL_HASH, local.publicKeyUnsafe()), ephPub);
        byte[] ck = mixKey(Noise.INITIAL_CHAIN_KEY, ephPub);
        byte[] ss = new byte[32];
        if (!X25519.sharedSecret(local.privateKey(), ephPub, ss)) {
            return null;
        }
        byte[][] k = Hkdf.derive(ck, ss, 2);
        byte[] sealedStatic = slice(msg, Message.INITIATION_STATIC, 48);
        byte[] peerStatic = ChaCha20Poly1305.open(k[1], 0, sealedStatic, h);
        wipe(ss, k[1]);
        if (peerStatic == null) {
            return null;
        }
        return new OpenedInitiation(peerStatic, mixHash(h, sealedStatic), k[0], ephPub,
                Message.getInt(msg, Message.INITIATION_SENDER), slice(msg, Message.INITIATION_TIMESTAMP, 28));
    }

    /** An initiation whose sender is known but whose timestamp is not yet verified. */
    public record OpenedInitiation(byte[] peerStatic, byte[] hash, byte[] chainKey, byte[] ephemeral, int sender,
            byte[] sealedTimestamp) {
    }

    /** Why an initiation was refused, for counters and events. */
    public enum InitiationVerdict {
        ACCEPTED, INVALID, REPLAYED, FLOOD
    }

    /**
     * Finishes consuming an initiation from this handshake's peer (§5.4.2, responder side): authenticates the
     * timestamp and refuses replays (timestamp not newer than the last accepted) and floods (less than
     * {@link #INITIATION_MIN_INTERVAL_NANOS} since the last accepted one).
     */
    public synchronized InitiationVerdict consumeInitiation(OpenedInitiation in, long nowNanos) {
        if (!staticStaticValid || !MessageDigest.isEqual(in.peerStatic(), remoteStatic)) {
            return InitiationVerdict.INVALID;
        }
        byte[][] k = Hkdf.derive(in.chainKey(), precomputedStaticStatic, 2);
        byte[] ts = ChaCha20Poly1305.open(k[1], 0, in.sealedTimestamp(), in.hash());
        wipe(k[1]);
        if (ts == null) {
            return InitiationVerdict.INVALID;
        }
        Tai64n timestamp = Tai64n.read(ts, 0);
        if (!timestamp.isAfter(lastTimestamp)) {
            return InitiationVerdict.REPLAYED;
        }
        if (initiationConsumedOnce && nowNanos - lastInitiationConsumedNanos <= INITIATION_MIN_INTERVAL_NANOS) {
            return InitiationVerdict.FLOOD;
        }
        clearEphemeral();
        hash = mixHash(in.hash(), in.sealedTimestamp());
        chainKey = k[0];
        remoteIndex = in.sender();
        remoteEphemeral = in.ephemeral().clone();
        lastTimestamp = timestamp;
        lastInitiationConsumedNanos = nowNanos;
        initiationConsumedOnce = true;
        state = State.INITIATION_CONSUMED;
        return InitiationVerdict.ACCEPTED;
    }

    /**
     * Creates the response (§5.4.3) to the consumed initiation, with sender index {@code senderIndex}.
     *
     * @return the 92-byte message with zero mac1/mac2, or null if no initiation is pending or a DH result is zero
     */
    public byte[] createResponse(int senderIndex) {
        return createResponse(senderIndex, X25519.generatePrivateKey());
    }

    /** As {@link #createResponse(int)} with a given ephemeral key, for reproducible test vectors. */
    synchronized byte[] createResponse(int senderIndex, byte[] eph) {
        if (state != State.INITIATION_CONSUMED) {
            return null;
        }
        byte[] msg = new byte[Message.RESPONSE_SIZE];
        Message.putInt(msg, 0, Message.TYPE_RESPONSE);
        Message.putInt(msg, Message.RESPONSE_SENDER, senderIndex);
        Message.putInt(msg, Message.RESPONSE_RECEIVER, remoteIndex);

        byte[] ephPub = X25519.publicKey(eph);
        System.arraycopy(ephPub, 0, msg, Message.RESPONSE_EPHEMERAL, 32);
        byte[] h = mixHash(hash, ephPub);
        byte[] ck = mixKey(chainKey, ephPub);
        byte[] ss = new byte[32];
        if (!X25519.sharedSecret(eph, remoteEphemeral, ss)) {
            return null;
        }
        ck = mixKey(ck, ss);
        if (!X25519.sharedSecret(eph, remoteStatic, ss)) {
            return null;
        }
        ck = mixKey(ck, ss);
        byte[][] k = Hkdf.derive(ck, presharedKey, 3);
        h = mixHash(h, k[1]);
        byte[] empty = ChaCha20Poly1305.seal(k[2], 0, EMPTY, h);
        System.arraycopy(empty, 0, msg, Message.RESPONSE_EMPTY, 16);
        h = mixHash(h, empty);
        wipe(ss, k[1], k[2]);

        clearEphemeral();
        hash = h;
        chainKey = k[0];
        localEphemeral = eph;
        localIndex = senderIndex;
        state = State.RESPONSE_CREATED;
        return msg;
    }

    /**
     * Consumes a response to our initiation (§5.4.3, initiator side). The caller found this handshake through
     * the message's receiver index.
     *
     * @return true if it authenticated; the handshake is then ready for {@link #deriveKeys}
     */
    public synchronized boolean consumeResponse(byte[] msg) {
        if (state != State.INITIATION_CREATED || msg.length != Message.RESPONSE_SIZE
                || Message.getInt(msg, 0) != Message.TYPE_RESPONSE
                || Message.getInt(msg, Message.RESPONSE_RECEIVER) != localIndex) {
            return false;
        }
        byte[] ephPub = slice(msg, Message.RESPONSE_EPHEMERAL, 32);
        byte[] h = mixHash(hash, ephPub);
        byte[] ck = mixKey(chainKey, ephPub);
        byte[] ss = new byte[32];
        if (!X25519.sharedSecret(localEphemeral, ephPub, ss)) {
            return false;
        }
        ck = mixKey(ck, ss);
        if (!X25519.sharedSecret(local.privateKey(), ephPub, ss)) {
            return false;
        }
        ck = mixKey(ck, ss);
        byte[][] k = Hkdf.derive(ck, presharedKey, 3);
        h = mixHash(h, k[1]);
        byte[] empty = slice(msg, Message.RESPONSE_EMPTY, 16);
        byte[] opened = ChaCha20Poly1305.open(k[2], 0, empty, h);
        wipe(ss, k[1], k[2]);
        if (opened == null) {
            return false;
        }
        hash = mixHash(h, empty);
        chainKey = k[0];
        remoteIndex = Message.getInt(msg, Message.RESPONSE_SENDER);
        state = State.RESPONSE_CONSUMED;
        return true;
    }

    /**
     * Derives the transport keys (§5.4.5) and zeroes the handshake. The initiator sends with the first key, the
     * responder with the second.
     *
     * @return the keys, or null if the handshake is not at a point where keys can be derived
     */
    public synchronized SessionKeys deriveKeys() {
        boolean initiator;
        if (state == State.RESPONSE_CONSUMED) {
            initiator = true;
        } else if (state == State.RESPONSE_CREATED) {
            initiator = false;
        } else {
            return null;
        }
        byte[][] k = Hkdf.derive(chainKey, EMPTY, 2);
        SessionKeys keys = initiator
                ? new SessionKeys(k[0], k[1], true, localIndex, remoteIndex)
                : new SessionKeys(k[1], k[0], false, localIndex, remoteIndex);
        clear();
        return keys;
    }

    /** Forgets all ephemeral state (keeps the replay-protection timestamp). */
    public synchronized void clear() {
        clearEphemeral();
        Arrays.fill(hash, (byte) 0);
        Arrays.fill(chainKey, (byte) 0);
        localIndex = 0;
        state = State.ZEROED;
    }

    private void clearEphemeral() {
        Arrays.fill(localEphemeral, (byte) 0);
        Arrays.fill(remoteEphemeral, (byte) 0);
    }

    private static void wipe(byte[]... secrets) {
        for (byte[] s : secrets) {
            Arrays.fill(s, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "Handshake[" + state + "]";
    }
}
