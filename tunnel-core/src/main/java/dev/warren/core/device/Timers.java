package dev.warren.core.device;

import static dev.warren.core.device.Constants.KEEPALIVE_TIMEOUT;
import static dev.warren.core.device.Constants.MAX_TIMER_HANDSHAKES;
import static dev.warren.core.device.Constants.REJECT_AFTER_TIME;
import static dev.warren.core.device.Constants.REKEY_TIMEOUT;
import static dev.warren.core.device.Constants.SECOND;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-peer timer state machine of whitepaper §6, event for event as wireguard-go's timers.go (itself from
 * the kernel's timers.c): handshake retransmission every REKEY_TIMEOUT (plus jitter) until REKEY_ATTEMPT_TIME,
 * a keepalive KEEPALIVE_TIMEOUT after receiving data we did not answer, a new handshake when sent data got no
 * reply, zeroing all keys after 3 × REJECT_AFTER_TIME, and persistent keepalives.
 */
final class Timers {

    private final Peer peer;
    private final Timer retransmitHandshake;
    private final Timer sendKeepalive;
    private final Timer newHandshake;
    private final Timer zeroKeyMaterial;
    private final Timer persistentKeepalive;
    final AtomicInteger handshakeAttempts = new AtomicInteger();
    private final AtomicBoolean needAnotherKeepalive = new AtomicBoolean();
    final AtomicBoolean sentLastMinuteHandshake = new AtomicBoolean();

    Timers(Peer peer, Clock clock) {
        this.peer = peer;
        this.retransmitHandshake = clock.newTimer(this::expiredRetransmitHandshake);
        this.sendKeepalive = clock.newTimer(this::expiredSendKeepalive);
        this.newHandshake = clock.newTimer(this::expiredNewHandshake);
        this.zeroKeyMaterial = clock.newTimer(this::expiredZeroKeyMaterial);
        this.persistentKeepalive = clock.newTimer(this::expiredPersistentKeepalive);
    }

    private boolean active() {
        return peer.isRunning() && peer.device.isUp();
    }

    private static long jitter() {
        return ThreadLocalRandom.current().nextInt((int) (Constants.REKEY_TIMEOUT_JITTER_MAX / 1_000_000)) * 1_000_000L;
    }

    private void expiredRetransmitHandshake() {
        if (handshakeAttempts.get() > MAX_TIMER_HANDSHAKES) {
            if (active()) {
                sendKeepalive.del();
            }
            // Without a keypair and after trying this long, queued packets are stale: drop them.
            peer.flushStaged(Drop.NO_KEYPAIR);
            peer.device.emit(new DeviceEvent.HandshakeGaveUp(peer.publicKey()));
            if (active() && !zeroKeyMaterial.isPending()) {
                zeroKeyMaterial.mod(REJECT_AFTER_TIME * 3);
            }
        } else {
            handshakeAttempts.incrementAndGet();
            peer.device.send.sendHandshakeInitiation(peer, true);
        }
    }

    private void expiredSendKeepalive() {
        peer.device.send.sendKeepalive(peer);
        if (needAnotherKeepalive.getAndSet(false) && active()) {
            sendKeepalive.mod(KEEPALIVE_TIMEOUT);
        }
    }

    private void expiredNewHandshake() {
        peer.device.send.sendHandshakeInitiation(peer, false);
    }

    private void expiredZeroKeyMaterial() {
        peer.zeroAndFlushAll();
        peer.device.emit(new DeviceEvent.KeysZeroed(peer.publicKey()));
    }

    private void expiredPersistentKeepalive() {
        if (peer.persistentKeepalive() > 0) {
            peer.device.send.sendKeepalive(peer);
        }
    }

    /** After an authenticated data packet is sent. */
    void dataSent() {
        if (active() && !newHandshake.isPending()) {
            newHandshake.mod(KEEPALIVE_TIMEOUT + REKEY_TIMEOUT + jitter());
        }
    }

    /** After an authenticated data packet is received. */
    void dataReceived() {
        if (active()) {
            if (!sendKeepalive.isPending()) {
                sendKeepalive.mod(KEEPALIVE_TIMEOUT);
            } else {
                needAnotherKeepalive.set(true);
            }
        }
    }

    /** After any authenticated packet (keepalive, data or handshake) is sent. */
    void anyAuthenticatedPacketSent() {
        if (active()) {
            sendKeepalive.del();
        }
    }

    /** After any authenticated packet is received. */
    void anyAuthenticatedPacketReceived() {
        if (active()) {
            newHandshake.del();
        }
    }

    /** After a handshake initiation is sent. */
    void handshakeInitiated() {
        if (active()) {
            retransmitHandshake.mod(REKEY_TIMEOUT + jitter());
        }
    }

    /** After a response is consumed, or the first packet with a responder's new keypair arrives. */
    void handshakeComplete() {
        if (active()) {
            retransmitHandshake.del();
        }
        handshakeAttempts.set(0);
        sentLastMinuteHandshake.set(false);
        peer.markHandshakeComplete();
    }

    /** After a keypair is derived (response sent or consumed). */
    void sessionDerived() {
        if (active()) {
            zeroKeyMaterial.mod(REJECT_AFTER_TIME * 3);
        }
    }

    /** Before any authenticated packet is sent or after one is received. */
    void anyAuthenticatedPacketTraversal() {
        int interval = peer.persistentKeepalive();
        if (interval > 0 && active()) {
            persistentKeepalive.mod(interval * SECOND);
        }
    }

    void start() {
        handshakeAttempts.set(0);
        sentLastMinuteHandshake.set(false);
        needAnotherKeepalive.set(false);
    }

    void stop() {
        retransmitHandshake.del();
        sendKeepalive.del();
        newHandshake.del();
        zeroKeyMaterial.del();
        persistentKeepalive.del();
    }
}
