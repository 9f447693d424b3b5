package dev.warren.core.device;

import dev.warren.core.config.Key;
import dev.warren.core.crypto.ChaCha20Poly1305;
import dev.warren.core.noise.CookieChecker;
import dev.warren.core.noise.Handshake;
import dev.warren.core.noise.Message;
import dev.warren.core.noise.SessionKeys;
import dev.warren.core.noise.StaticIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The inbound half of a device (wireguard-go's receive.go): reads datagrams, sends handshake messages to the
 * handshake workers (with the cookie and rate-limit defences under load), decrypts transport messages in
 * parallel and, per peer and in order, applies the replay window, key confirmation, roaming, timers and the
 * allowed-IPs source check before writing the packet to the TUN device.
 */
final class Receive {

    private final Device device;

    Receive(Device device) {
        this.device = device;
    }

    /** The UDP reader: runs while the bind is open. */
    void udpReader() {
        try {
            while (true) {
                Packet p = device.pool.take();
                InetSocketAddress from = device.bind.receive(p.buffer.clear());
                if (from == null) {
                    device.pool.release(p);
                    return;
                }
                p.length = p.buffer.position();
                p.endpoint = from;
                dispatch(p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (device.isUp()) {
                device.emit(new DeviceEvent.Error(null, "receiving from UDP port failed: " + e.getMessage()));
            }
        }
    }

    private void dispatch(Packet p) {
        int n = p.length;
        if (n < 4) {
            drop(p, Drop.MALFORMED);
            return;
        }
        int type = Message.getInt(p.data, 0);
        switch (type) {
            case Message.TYPE_TRANSPORT -> dispatchTransport(p);
            case Message.TYPE_INITIATION, Message.TYPE_RESPONSE, Message.TYPE_COOKIE_REPLY -> {
                int size = type == Message.TYPE_INITIATION ? Message.INITIATION_SIZE
                        : type == Message.TYPE_RESPONSE ? Message.RESPONSE_SIZE : Message.COOKIE_REPLY_SIZE;
                if (n != size) {
                    drop(p, Drop.WRONG_SIZE);
                } else if (!device.handshakeQueue.offer(p)) {
                    drop(p, Drop.QUEUE_FULL);
                }
            }
            default -> drop(p, Drop.MALFORMED);
        }
    }

    private void dispatchTransport(Packet p) {
        if (p.length < Message.KEEPALIVE_SIZE) {
            drop(p, Drop.MALFORMED);
            return;
        }
        IndexEntry entry = device.indices.lookup(Message.getInt(p.data, Message.TRANSPORT_RECEIVER));
        Keypair kp = entry == null ? null : entry.keypair();
        if (kp == null) {
            drop(p, Drop.UNKNOWN_RECEIVER);
            return;
        }
        if (kp.isExpired(device.clock.nanoTime())) {
            drop(p, Drop.KEYPAIR_EXPIRED);
            return;
        }
        Peer peer = kp.peer;
        if (!peer.isRunning()) {
            drop(p, Drop.UNKNOWN_RECEIVER);
            return;
        }
        p.keypair = kp;
        p.peer = peer;
        // Waiting when the queues are full leaves the excess in the socket buffer, where the kernel drops it;
        // nothing here grows without bound.
        boolean ordered = false;
        try {
            ordered = device.enqueue(peer.inbound, p, peer);
            if (!ordered) {
                drop(p, Drop.QUEUE_FULL);
            } else if (!device.enqueue(device.decryptQueue, p, peer)) {
                device.count(Drop.QUEUE_FULL);
                p.processed(false);
            }
        } catch (InterruptedException e) {
            // The reader is being stopped: whoever holds the packet now must still give it back.
            Thread.currentThread().interrupt();
            if (ordered) {
                p.processed(false);
            } else {
                device.pool.release(p);
            }
        }
    }

    private void drop(Packet p, Drop reason) {
        device.count(reason);
        device.pool.release(p);
    }

    /** A decryption worker: opens transport messages in place. */
    void decryptionWorker() {
        try {
            while (true) {
                Packet p = device.decryptQueue.take();
                p.counter = Message.getLong(p.data, Message.TRANSPORT_COUNTER);
                int n = ChaCha20Poly1305.open(p.keypair.receiveKey, p.counter, null, p.data,
                        Message.TRANSPORT_CONTENT, p.length - Message.TRANSPORT_CONTENT);
                if (n < 0) {
                    device.count(Drop.DECRYPTION_FAILED);
                } else {
                    p.length = Message.TRANSPORT_CONTENT + n;
                }
                p.processed(n >= 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Handles one decrypted packet; called by the peer's sequential stage in arrival order. */
    void receiveDecrypted(Peer peer, Packet p) {
        Keypair kp = p.keypair;
        if (!kp.replayWindow.accept(p.counter)) {
            device.count(Drop.REPLAYED);
            return;
        }
        if (peer.keypairs.confirm(kp, device::retire)) {
            peer.setEndpointFromPacket(p.endpoint);
            peer.timers.handshakeComplete();
            device.emit(new DeviceEvent.KeypairConfirmed(peer.publicKey()));
            device.send.sendStaged(peer);
        }
        peer.setEndpointFromPacket(p.endpoint);
        keepKeyFreshReceiving(peer);
        peer.timers.anyAuthenticatedPacketTraversal();
        peer.timers.anyAuthenticatedPacketReceived();
        int len = p.length - Message.TRANSPORT_CONTENT;
        peer.addRx(len + Message.KEEPALIVE_SIZE);
        if (len == 0) {
            return;
        }
        peer.timers.dataReceived();
        int ip = Message.TRANSPORT_CONTENT;
        byte[] d = p.data;
        int packetLength;
        Peer owner;
        switch ((d[ip] & 0xff) >> 4) {
            case 4 -> {
                int total = len >= 20 ? (d[ip + 2] & 0xff) << 8 | (d[ip + 3] & 0xff) : -1;
                if (total < 20 || total > len) {
                    device.count(Drop.INVALID_INNER_PACKET);
                    return;
                }
                packetLength = total;
                owner = device.allowedIps.lookup(p.buffer, ip + 12, 4);
            }
            case 6 -> {
                int total = len >= 40 ? 40 + ((d[ip + 4] & 0xff) << 8 | (d[ip + 5] & 0xff)) : -1;
                if (total < 40 || total > len) {
                    device.count(Drop.INVALID_INNER_PACKET);
                    return;
                }
                packetLength = total;
                owner = device.allowedIps.lookup(p.buffer, ip + 8, 16);
            }
            default -> {
                device.count(Drop.INVALID_INNER_PACKET);
                return;
            }
        }
        if (owner != peer) {
            device.count(Drop.DISALLOWED_SOURCE);
            return;
        }
        try {
            device.tun.write(p.buffer.clear().position(ip).limit(ip + packetLength));
        } catch (IOException e) {
            if (!device.isClosed()) {
                device.emit(new DeviceEvent.Error(peer.publicKey(), "writing to TUN device failed: " + e.getMessage()));
            }
        }
    }

    /**
     * As initiator, starts the next handshake a little before the current keypair would be refused
     * (REJECT_AFTER_TIME − KEEPALIVE_TIMEOUT − REKEY_TIMEOUT), once, if traffic keeps arriving.
     */
    private void keepKeyFreshReceiving(Peer peer) {
        if (peer.timers.sentLastMinuteHandshake.get()) {
            return;
        }
        Keypair kp = peer.keypairs.current();
        if (kp != null && kp.initiator && device.clock.nanoTime() - kp.createdNanos
                > Constants.REJECT_AFTER_TIME - Constants.KEEPALIVE_TIMEOUT - Constants.REKEY_TIMEOUT) {
            peer.timers.sentLastMinuteHandshake.set(true);
            device.send.sendHandshakeInitiation(peer, false);
        }
    }

    /** A handshake worker: cookie replies, initiations and responses. */
    void handshakeWorker() {
        try {
            while (true) {
                Packet p = device.handshakeQueue.take();
                try {
                    handleHandshake(Arrays.copyOf(p.data, p.length), p.endpoint);
                } catch (RuntimeException e) {
                    device.emit(new DeviceEvent.Error(null, "handshake message from " + p.endpoint
                            + " could not be processed: " + e));
                } finally {
                    device.pool.release(p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handleHandshake(byte[] msg, InetSocketAddress source) {
        int type = Message.getInt(msg, 0);
        long now = device.clock.nanoTime();
        if (type == Message.TYPE_COOKIE_REPLY) {
            IndexEntry entry = device.indices.lookup(Message.getInt(msg, Message.COOKIE_REPLY_RECEIVER));
            if (entry == null || !entry.peer().isRunning() || !entry.peer().cookieGenerator.consumeReply(msg, now)) {
                device.count(Drop.COOKIE_REPLY_INVALID);
            }
            return;
        }
        CookieChecker checker = device.cookieChecker();
        StaticIdentity identity = device.identity();
        if (identity == null || !checker.checkMac1(msg)) {
            device.count(Drop.INVALID_MAC1);
            return;
        }
        if (device.isUnderLoad()) {
            if (!checker.checkMac2(msg, source, now)) {
                byte[] reply = checker.createReply(msg, source, now);
                try {
                    device.bind.send(ByteBuffer.wrap(reply), source);
                    device.emit(new DeviceEvent.CookieReplySent(null, source));
                } catch (IOException e) {
                    device.count(Drop.SEND_FAILED);
                }
                device.count(Drop.UNDER_LOAD);
                return;
            }
            if (!device.rateLimiter.allow(source.getAddress(), now)) {
                device.count(Drop.UNDER_LOAD);
                return;
            }
        }
        if (type == Message.TYPE_INITIATION) {
            handleInitiation(identity, msg, source, now);
        } else {
            handleResponse(msg, source);
        }
    }

    private void handleInitiation(StaticIdentity identity, byte[] msg, InetSocketAddress source, long now) {
        Handshake.OpenedInitiation opened = Handshake.openInitiation(identity, msg);
        Peer peer = opened == null ? null : device.peer(Key.of(Key.Kind.PUBLIC, opened.peerStatic()));
        if (peer == null || !peer.isRunning() || peer.handshake() == null) {
            device.count(Drop.HANDSHAKE_INVALID);
            return;
        }
        switch (peer.handshake().consumeInitiation(opened, now)) {
            case ACCEPTED -> {
                peer.timers.anyAuthenticatedPacketTraversal();
                peer.timers.anyAuthenticatedPacketReceived();
                peer.setEndpointFromPacket(source);
                peer.addRx(msg.length);
                device.send.sendHandshakeResponse(peer);
            }
            case REPLAYED -> device.count(Drop.HANDSHAKE_REPLAY);
            case FLOOD -> device.count(Drop.HANDSHAKE_FLOOD);
            case INVALID -> device.count(Drop.HANDSHAKE_INVALID);
        }
    }

    private void handleResponse(byte[] msg, InetSocketAddress source) {
        IndexEntry entry = device.indices.lookup(Message.getInt(msg, Message.RESPONSE_RECEIVER));
        Handshake hs = entry == null || entry.keypair() != null ? null : entry.peer().handshake();
        if (hs == null || !entry.peer().isRunning() || !hs.consumeResponse(msg)) {
            device.count(Drop.HANDSHAKE_INVALID);
            return;
        }
        Peer peer = entry.peer();
        peer.setEndpointFromPacket(source);
        peer.addRx(msg.length);
        peer.timers.anyAuthenticatedPacketTraversal();
        peer.timers.anyAuthenticatedPacketReceived();
        if (!beginSession(peer)) {
            return;
        }
        peer.timers.sessionDerived();
        peer.timers.handshakeComplete();
        device.send.sendKeepalive(peer);
    }

    /** Derives the keypair of the finished handshake, re-points its index at it and rotates the slots. */
    boolean beginSession(Peer peer) {
        Handshake hs = peer.handshake();
        SessionKeys keys = hs == null ? null : hs.deriveKeys();
        if (keys == null) {
            device.emit(new DeviceEvent.Error(peer.publicKey(), "handshake finished in a state without keys"));
            return false;
        }
        Keypair kp = new Keypair(peer, keys, device.clock.nanoTime());
        device.indices.replace(kp.localIndex, new IndexEntry(peer, kp));
        peer.keypairs.install(kp, device::retire);
        device.emit(new DeviceEvent.HandshakeCompleted(peer.publicKey(), kp.initiator));
        return true;
    }
}
