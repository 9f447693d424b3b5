package dev.warren.core.device;

import dev.warren.core.crypto.ChaCha20Poly1305;
import dev.warren.core.crypto.Tai64n;
import dev.warren.core.noise.Handshake;
import dev.warren.core.noise.Message;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The outbound half of a device (wireguard-go's send.go): reads IP packets from the TUN device, picks the peer
 * by destination address, stages packets until a keypair exists, assigns counters, encrypts in parallel and
 * sends in order; also sends handshake initiations, responses and keepalives.
 */
final class Send {

    private final Device device;

    Send(Device device) {
        this.device = device;
    }

    /** The TUN reader: one thread for the device's lifetime. */
    void tunReader() {
        try {
            while (!device.isClosed()) {
                Packet p = device.pool.take();
                ByteBuffer b = p.buffer.clear().position(Message.TRANSPORT_CONTENT);
                b.limit(b.capacity() - Constants.PADDING_MULTIPLE - 16);
                int n = device.tun.read(b);
                if (n < 0) {
                    device.pool.release(p);
                    return;
                }
                p.length = n;
                Peer peer = n > 0 && device.isUp() ? route(p, n) : null;
                if (peer == null || !peer.isRunning()) {
                    device.count(Drop.NO_ROUTE);
                    device.pool.release(p);
                    continue;
                }
                stage(peer, p);
                sendStaged(peer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!device.isClosed()) {
                device.emit(new DeviceEvent.Error(null, "reading from TUN device " + device.tun.name() + " failed: "
                        + e.getMessage()));
            }
        }
    }

    /** The peer whose allowed IPs contain the packet's destination, or null. */
    private Peer route(Packet p, int n) {
        int ip = Message.TRANSPORT_CONTENT;
        return switch ((p.data[ip] & 0xff) >> 4) {
            case 4 -> n >= 20 ? device.allowedIps.lookup(p.buffer, ip + 16, 4) : null;
            case 6 -> n >= 40 ? device.allowedIps.lookup(p.buffer, ip + 24, 16) : null;
            default -> null;
        };
    }

    /** Queues a packet for the peer, dropping the oldest staged one if full (as wireguard-go). */
    void stage(Peer peer, Packet p) {
        while (!peer.staged.offer(p)) {
            Packet old = peer.staged.poll();
            if (old != null) {
                device.count(Drop.QUEUE_FULL);
                device.pool.release(old);
            }
        }
    }

    /** Sends a keepalive (an empty transport message) unless data is already waiting to go. */
    void sendKeepalive(Peer peer) {
        if (peer.staged.isEmpty() && peer.isRunning()) {
            Packet p = device.pool.poll();
            if (p != null) {
                p.length = 0;
                stage(peer, p);
            }
        }
        sendStaged(peer);
    }

    /**
     * Moves staged packets to encryption if the current keypair may still send; otherwise starts a handshake
     * (the packets wait for it).
     */
    void sendStaged(Peer peer) {
        boolean needHandshake = false;
        synchronized (peer.sendLock) {
            if (peer.staged.isEmpty() || !device.isUp()) {
                return;
            }
            Keypair kp = peer.keypairs.current();
            long now = device.clock.nanoTime();
            if (kp == null || Long.compareUnsigned(kp.sendNonce.get(), Constants.REJECT_AFTER_MESSAGES) >= 0
                    || kp.isExpired(now)) {
                needHandshake = true;
            } else {
                Packet p;
                while ((p = peer.staged.poll()) != null) {
                    long nonce = kp.sendNonce.getAndIncrement();
                    if (Long.compareUnsigned(nonce, Constants.REJECT_AFTER_MESSAGES) >= 0) {
                        kp.sendNonce.set(Constants.REJECT_AFTER_MESSAGES);
                        stage(peer, p);
                        needHandshake = true;
                        break;
                    }
                    p.peer = peer;
                    p.keypair = kp;
                    p.counter = nonce;
                    // Waiting here when the queues are full pushes back on the TUN reader rather than dropping
                    // packets that already have a counter.
                    boolean ordered = false;
                    try {
                        ordered = device.enqueue(peer.outbound, p, peer);
                        if (!ordered) {
                            device.count(Drop.QUEUE_FULL);
                            device.pool.release(p);
                            return;
                        }
                        if (!device.enqueue(device.encryptQueue, p, peer)) {
                            device.count(Drop.QUEUE_FULL);
                            p.processed(false);
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        if (ordered) {
                            p.processed(false);
                        } else {
                            device.pool.release(p);
                        }
                        return;
                    }
                }
            }
        }
        if (needHandshake) {
            sendHandshakeInitiation(peer, false);
        }
    }

    /** An encryption worker: pads, writes the header and seals in place. */
    void encryptionWorker() {
        try {
            while (true) {
                Packet p = device.encryptQueue.take();
                Keypair kp = p.keypair;
                int len = p.length;
                int padded = len + Padding.paddingFor(len, device.mtu);
                byte[] d = p.data;
                Arrays.fill(d, Message.TRANSPORT_CONTENT + len, Message.TRANSPORT_CONTENT + padded, (byte) 0);
                Message.putInt(d, 0, Message.TYPE_TRANSPORT);
                Message.putInt(d, Message.TRANSPORT_RECEIVER, kp.remoteIndex);
                Message.putLong(d, Message.TRANSPORT_COUNTER, p.counter);
                boolean ok;
                try {
                    p.length = Message.TRANSPORT_CONTENT
                            + ChaCha20Poly1305.seal(kp.sendKey, p.counter, null, d, Message.TRANSPORT_CONTENT, padded);
                    ok = true;
                } catch (RuntimeException e) {
                    // The keypair was wiped while the packet waited (rekey or zeroing): drop it.
                    device.count(Drop.NO_KEYPAIR);
                    ok = false;
                }
                p.processed(ok);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one encrypted packet; called by the peer's sequential stage in counter order. */
    void sendEncrypted(Peer peer, Packet p) {
        boolean data = p.length != Message.KEEPALIVE_SIZE;
        peer.timers.anyAuthenticatedPacketTraversal();
        peer.timers.anyAuthenticatedPacketSent();
        boolean sent = sendTo(peer, p.buffer.clear().limit(p.length));
        if (data) {
            peer.timers.dataSent();
        }
        if (sent) {
            keepKeyFreshSending(peer);
        }
    }

    /** Rekeys after REKEY_AFTER_MESSAGES, or as initiator after REKEY_AFTER_TIME (whitepaper §6.2). */
    private void keepKeyFreshSending(Peer peer) {
        Keypair kp = peer.keypairs.current();
        if (kp == null) {
            return;
        }
        long nonce = kp.sendNonce.get();
        if (Long.compareUnsigned(nonce, Constants.REKEY_AFTER_MESSAGES) > 0
                || (kp.initiator && device.clock.nanoTime() - kp.createdNanos > Constants.REKEY_AFTER_TIME)) {
            sendHandshakeInitiation(peer, false);
        }
    }

    /**
     * Sends a handshake initiation unless one went out less than REKEY_TIMEOUT ago.
     *
     * @param retry true when the retransmit timer calls, which keeps counting attempts
     */
    void sendHandshakeInitiation(Peer peer, boolean retry) {
        if (!retry) {
            peer.timers.handshakeAttempts.set(0);
        }
        long now = device.clock.nanoTime();
        synchronized (peer) {
            if (now - peer.lastSentHandshakeNanos < Constants.REKEY_TIMEOUT) {
                return;
            }
            peer.lastSentHandshakeNanos = now;
        }
        Handshake hs = peer.handshake();
        if (hs == null) {
            return;
        }
        byte[] msg;
        device.indices.remove(hs.localIndex());
        int index = device.indices.register(new IndexEntry(peer, null));
        try {
            msg = hs.createInitiation(index, Tai64n.of(device.clock.now()));
        } catch (IllegalStateException e) {
            device.indices.remove(index);
            device.emit(new DeviceEvent.Error(peer.publicKey(), "cannot start a handshake: " + e.getMessage()));
            return;
        }
        peer.cookieGenerator.addMacs(msg, now);
        peer.timers.anyAuthenticatedPacketTraversal();
        peer.timers.anyAuthenticatedPacketSent();
        // Armed (and reported) before sending, unlike wireguard-go: a response handled on another thread before
        // this thread got here would otherwise find no timer to cancel, and the timer armed afterwards would
        // start a needless second handshake REKEY_TIMEOUT later (seen against wireguard-go on a loaded host).
        peer.timers.handshakeInitiated();
        device.emit(new DeviceEvent.HandshakeInitiated(peer.publicKey(), peer.timers.handshakeAttempts.get() + 1));
        sendTo(peer, ByteBuffer.wrap(msg));
    }

    /** Answers a consumed initiation and derives the (not yet confirmed) keypair. */
    void sendHandshakeResponse(Peer peer) {
        long now = device.clock.nanoTime();
        synchronized (peer) {
            peer.lastSentHandshakeNanos = now;
        }
        Handshake hs = peer.handshake();
        if (hs == null) {
            return;
        }
        device.indices.remove(hs.localIndex());
        int index = device.indices.register(new IndexEntry(peer, null));
        byte[] msg = hs.createResponse(index);
        if (msg == null) {
            device.indices.remove(index);
            device.emit(new DeviceEvent.Error(peer.publicKey(), "cannot create a handshake response"));
            return;
        }
        peer.cookieGenerator.addMacs(msg, now);
        if (!device.receive.beginSession(peer)) {
            return;
        }
        peer.timers.sessionDerived();
        peer.timers.anyAuthenticatedPacketTraversal();
        peer.timers.anyAuthenticatedPacketSent();
        sendTo(peer, ByteBuffer.wrap(msg));
        device.emit(new DeviceEvent.HandshakeResponded(peer.publicKey()));
    }

    /** Sends a message to the peer's endpoint and counts it; false (and counted as a drop) if that failed. */
    boolean sendTo(Peer peer, ByteBuffer message) {
        InetSocketAddress to = peer.endpoint();
        int n = message.remaining();
        if (to == null) {
            device.count(Drop.SEND_FAILED);
            return false;
        }
        try {
            device.bind.send(message, to);
            peer.addTx(n);
            return true;
        } catch (IOException e) {
            device.count(Drop.SEND_FAILED);
            device.emit(new DeviceEvent.Error(peer.publicKey(), "sending to " + to + " failed: " + e.getMessage()));
            return false;
        }
    }
}
