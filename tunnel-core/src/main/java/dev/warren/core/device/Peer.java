package dev.warren.core.device;

import dev.warren.core.config.Key;
import dev.warren.core.noise.CookieGenerator;
import dev.warren.core.noise.Handshake;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A remote WireGuard peer of a {@link Device}: its public key, optional preshared key, endpoint, persistent
 * keepalive, the handshake and keypairs with it, its timers and traffic counters. Created and removed through
 * the device; the getters are safe from any thread.
 */
public final class Peer {

    final Device device;
    private final Key publicKey;
    final CookieGenerator cookieGenerator;
    final Keypairs keypairs = new Keypairs();
    final Timers timers;
    final ArrayBlockingQueue<Packet> staged = new ArrayBlockingQueue<>(Constants.QUEUE_STAGED_SIZE);
    final ArrayBlockingQueue<Packet> outbound = new ArrayBlockingQueue<>(Constants.QUEUE_OUTBOUND_SIZE);
    final ArrayBlockingQueue<Packet> inbound = new ArrayBlockingQueue<>(Constants.QUEUE_INBOUND_SIZE);
    /** Serialises staging and nonce assignment so that packets enter the ordered queue in nonce order. */
    final Object sendLock = new Object();

    private volatile Handshake handshake;
    private volatile Key presharedKey;
    private volatile InetSocketAddress endpoint;
    private volatile int persistentKeepalive;
    private volatile boolean running;
    private volatile Instant lastHandshake;
    private final AtomicLong rxBytes = new AtomicLong();
    private final AtomicLong txBytes = new AtomicLong();
    /** When we last sent an initiation or response; initiations are at least REKEY_TIMEOUT apart. */
    long lastSentHandshakeNanos;
    private Thread sequentialSender;
    private Thread sequentialReceiver;

    Peer(Device device, Key publicKey) {
        this.device = device;
        this.publicKey = publicKey;
        this.cookieGenerator = new CookieGenerator(publicKey.bytes());
        this.timers = new Timers(this, device.clock);
        this.lastSentHandshakeNanos = device.clock.nanoTime() - 2 * Constants.REKEY_TIMEOUT;
        resetHandshake();
    }

    public Key publicKey() {
        return publicKey;
    }

    /** The preshared key, or null if none. */
    public Key presharedKey() {
        return presharedKey;
    }

    /** Sets the preshared key; null or the all-zero key means none. */
    public void setPresharedKey(Key psk) {
        if (psk != null && psk.kind() != Key.Kind.PRESHARED) {
            throw new IllegalArgumentException("a preshared key is needed, not a " + psk.kind() + " key");
        }
        presharedKey = psk == null || psk.isZero() ? null : psk;
        Handshake h = handshake;
        if (h != null) {
            h.setPresharedKey(presharedKey == null ? new byte[32] : presharedKey.bytes());
        }
    }

    /** Where packets to this peer go: the configured endpoint or the source of its last authenticated packet. */
    public InetSocketAddress endpoint() {
        return endpoint;
    }

    /** Sets the endpoint; a different one than before is reported as {@link DeviceEvent.EndpointChanged}. */
    public void setEndpoint(InetSocketAddress endpoint) {
        if (endpoint != null && endpoint.isUnresolved()) {
            throw new IllegalArgumentException("endpoint " + endpoint + " must be resolved before it is set");
        }
        InetSocketAddress old = this.endpoint;
        // Reported before it takes effect: a timer could otherwise send to the new address before a listener
        // (the kill-switch) has let it through.
        if (endpoint != null && !endpoint.equals(old)) {
            device.emit(new DeviceEvent.EndpointChanged(publicKey, old, endpoint));
        }
        this.endpoint = endpoint;
    }

    /** Persistent keepalive interval in seconds, 0 for off. */
    public int persistentKeepalive() {
        return persistentKeepalive;
    }

    /**
     * Sets the persistent keepalive interval (0-65535 s, 0 = off). Turning it on while the device is up sends a
     * keepalive at once, as wireguard-go does, so that a NAT mapping is created without waiting.
     */
    public void setPersistentKeepalive(int seconds) {
        if (seconds < 0 || seconds > 65535) {
            throw new IllegalArgumentException("persistent keepalive must be 0-65535 seconds, not " + seconds);
        }
        int old = persistentKeepalive;
        persistentKeepalive = seconds;
        if (old == 0 && seconds > 0 && running && device.isUp()) {
            device.send.sendKeepalive(this);
        }
    }

    /** Wall-clock time of the last completed handshake, or null if none. */
    public Instant lastHandshake() {
        return lastHandshake;
    }

    /** Bytes received from this peer (whole messages, as wg counts them). */
    public long rxBytes() {
        return rxBytes.get();
    }

    /** Bytes sent to this peer (whole messages, as wg counts them). */
    public long txBytes() {
        return txBytes.get();
    }

    /** True if a keypair to send with exists (a handshake has completed and keys are not yet zeroed). */
    public boolean hasCurrentKeypair() {
        return keypairs.current() != null;
    }

    /**
     * Sends a handshake initiation now rather than when the timers would (at most every REKEY_TIMEOUT): for
     * network changes and resume, when waiting means seconds of a dead tunnel. The responder's flood limit is
     * kept: no initiation follows the previous one within
     * {@link Handshake#INITIATION_MIN_INTERVAL_NANOS} (wireguard-go and Warren as responders drop it as a flood;
     * the previous one is recent enough anyway). Retransmission then follows the usual timers.
     *
     * @return false if nothing was sent: the peer or device is not running, there is no endpoint or private key,
     *         or an initiation went out within the flood limit
     */
    public boolean initiateHandshakeNow() {
        if (!running || !device.isUp() || endpoint == null || handshake == null) {
            return false;
        }
        long now = device.clock.nanoTime();
        synchronized (this) {
            if (now - lastSentHandshakeNanos <= Handshake.INITIATION_MIN_INTERVAL_NANOS) {
                return false;
            }
            // Looks as if the last initiation were REKEY_TIMEOUT old, so the sender's own limit lets this one go.
            lastSentHandshakeNanos = now - Constants.REKEY_TIMEOUT;
        }
        device.send.sendHandshakeInitiation(this, false);
        return true;
    }

    Handshake handshake() {
        return handshake;
    }

    boolean isRunning() {
        return running;
    }

    void addRx(long n) {
        rxBytes.addAndGet(n);
    }

    void addTx(long n) {
        txBytes.addAndGet(n);
    }

    void markHandshakeComplete() {
        lastHandshake = device.clock.now();
    }

    /**
     * A new handshake object for the device's current identity (after the private key changed); none while the
     * device has no private key.
     */
    void resetHandshake() {
        Handshake old = handshake;
        if (old != null) {
            device.indices.remove(old.localIndex());
        }
        if (device.identity() == null) {
            handshake = null;
            return;
        }
        Handshake h = new Handshake(device.identity(), publicKey.bytes());
        h.setPresharedKey(presharedKey == null ? new byte[32] : presharedKey.bytes());
        handshake = h;
    }

    /** Records the source of an authenticated packet as the endpoint (roaming, whitepaper §2.1). */
    void setEndpointFromPacket(InetSocketAddress source) {
        InetSocketAddress old = endpoint;
        if (source != null && !source.equals(old)) {
            endpoint = source;
            device.emit(new DeviceEvent.PeerRoamed(publicKey, old, source));
        }
    }

    void start() {
        if (running) {
            return;
        }
        timers.start();
        running = true;
        sequentialSender = Thread.ofVirtual().name("warren-send-" + shortName())
                .start(() -> deliverInOrder(outbound, p -> device.send.sendEncrypted(this, p),
                        "sending a packet failed: "));
        sequentialReceiver = Thread.ofVirtual().name("warren-recv-" + shortName())
                .start(() -> deliverInOrder(inbound, p -> device.receive.receiveDecrypted(this, p),
                        "a received packet failed: "));
    }

    /**
     * The body of both sequential stages: the crypto workers finish packets in any order, and this hands each one
     * on in queue order (counter order when sending, arrival order when receiving) once it is processed, then
     * returns it to the pool. Stops at {@link Packet#STOP}.
     */
    private void deliverInOrder(ArrayBlockingQueue<Packet> queue, Consumer<Packet> handle, String failure) {
        try {
            while (true) {
                Packet p = queue.take();
                if (p == Packet.STOP) {
                    return;
                }
                p.awaitProcessed();
                try {
                    if (p.ok && running) {
                        handle.accept(p);
                    }
                } catch (RuntimeException e) {
                    device.emit(new DeviceEvent.Error(publicKey, failure + e));
                } finally {
                    device.pool.release(p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the peer: its sequential stages finish the packet at hand and return, queued packets are released
     * once their crypto worker is done with them, and all keys are wiped. The stages are told to stop through
     * their queues, never interrupted: an interrupt during a socket send would close the device's socket.
     */
    void stop() {
        if (!running) {
            return;
        }
        running = false;
        timers.stop();
        try {
            signalStop(outbound, sequentialSender);
            signalStop(inbound, sequentialReceiver);
            sequentialSender.join();
            sequentialReceiver.join();
            drain(outbound);
            drain(inbound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        zeroAndFlushAll();
    }

    private static void signalStop(ArrayBlockingQueue<Packet> q, Thread stage) throws InterruptedException {
        // If the queue is full its stage is busy draining it (as the peer no longer runs), so room appears.
        while (stage.isAlive() && !q.offer(Packet.STOP, 10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            Thread.onSpinWait();
        }
    }

    /** Releases packets left in a queue, each once its crypto worker has finished with it. */
    private void drain(ArrayBlockingQueue<Packet> q) throws InterruptedException {
        Packet p;
        while ((p = q.poll()) != null) {
            if (p != Packet.STOP) {
                p.awaitProcessed();
                device.pool.release(p);
            }
        }
    }

    /** Drops every keypair (wiping the keys), the handshake state and the staged packets. */
    void zeroAndFlushAll() {
        keypairs.clear(device::retire);
        Handshake h = handshake;
        if (h != null) {
            device.indices.remove(h.localIndex());
            h.clear();
        }
        flushStaged(Drop.NO_KEYPAIR);
    }

    /** Forces a new handshake before the next packet: the current keys may no longer send. */
    void expireCurrentKeypairs() {
        Handshake h = handshake;
        if (h != null) {
            device.indices.remove(h.localIndex());
            h.clear();
        }
        synchronized (this) {
            lastSentHandshakeNanos = device.clock.nanoTime() - Constants.REKEY_TIMEOUT - Constants.SECOND;
        }
        Keypair current = keypairs.current();
        if (current != null) {
            current.sendNonce.set(Constants.REJECT_AFTER_MESSAGES);
        }
        Keypair next = keypairs.next();
        if (next != null) {
            next.sendNonce.set(Constants.REJECT_AFTER_MESSAGES);
        }
    }

    void flushStaged(Drop reason) {
        Packet p;
        while ((p = staged.poll()) != null) {
            device.count(reason);
            device.pool.release(p);
        }
    }

    private String shortName() {
        return publicKey.toBase64().substring(0, 8);
    }

    @Override
    public String toString() {
        return "Peer[" + publicKey + "]";
    }
}
