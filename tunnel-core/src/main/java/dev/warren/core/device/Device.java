package dev.warren.core.device;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import dev.warren.core.noise.CookieChecker;
import dev.warren.core.noise.RateLimiter;
import dev.warren.core.noise.StaticIdentity;
import dev.warren.core.spi.Bind;
import dev.warren.core.spi.TunDevice;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * A WireGuard interface: the static identity, listen port, firewall mark and peers, joined to a {@link TunDevice}
 * (plaintext IP packets) and a {@link Bind} (encrypted UDP).
 *
 * <p>Life cycle: construct, {@link #setPrivateKey}, add peers, {@link #up()}; {@link #down()} closes the socket and
 * forgets all session keys; {@link #close()} also stops the workers and closes the TUN device and the bind.
 *
 * <p>Threads: one TUN reader and one UDP reader; {@code n} encryption, {@code n} decryption and handshake workers
 * ({@code n} = available processors) so that crypto runs on every core; and per peer one sequential sender and
 * one sequential receiver (virtual threads) that put packets back in order. Every queue is bounded; packets
 * that do not fit are dropped and counted ({@link #dropped}).
 */
public final class Device implements Closeable {

    final Clock clock;
    private final DeviceListener listener;
    final TunDevice tun;
    final Bind bind;
    final Map<Key, Peer> peers = new ConcurrentHashMap<>();
    private final List<Peer> peerOrder = new CopyOnWriteArrayList<>();
    final AllowedIps<Peer> allowedIps = new AllowedIps<>();
    final IndexTable<IndexEntry> indices = new IndexTable<>();
    final RateLimiter rateLimiter = new RateLimiter();
    /** 1024 buffers of 64 KiB: at most 64 MiB of packets in flight, whatever the traffic. */
    final PacketPool pool = new PacketPool(Constants.QUEUE_OUTBOUND_SIZE);
    final ArrayBlockingQueue<Packet> encryptQueue = new ArrayBlockingQueue<>(Constants.QUEUE_OUTBOUND_SIZE);
    final ArrayBlockingQueue<Packet> decryptQueue = new ArrayBlockingQueue<>(Constants.QUEUE_INBOUND_SIZE);
    final ArrayBlockingQueue<Packet> handshakeQueue = new ArrayBlockingQueue<>(Constants.QUEUE_HANDSHAKE_SIZE);
    private final Map<Drop, LongAdder> drops = new EnumMap<>(Drop.class);
    final Send send = new Send(this);
    final Receive receive = new Receive(this);

    private volatile Key privateKey;
    private volatile StaticIdentity identity;
    private volatile CookieChecker cookieChecker;
    private volatile int listenPort;
    private volatile int fwmark;
    volatile int mtu;
    private volatile boolean up;
    private volatile boolean closed;
    private volatile long underLoadUntilNanos;
    private final List<Thread> workers = new ArrayList<>();
    private Thread tunReader;
    private Thread udpReader;

    /** A device on the system clock that reports no events. */
    public Device(TunDevice tun, Bind bind) {
        this(tun, bind, Clock.system(), DeviceListener.NONE);
    }

    public Device(TunDevice tun, Bind bind, Clock clock, DeviceListener listener) {
        this.tun = tun;
        this.bind = bind;
        this.clock = clock;
        this.listener = listener;
        for (Drop d : Drop.values()) {
            drops.put(d, new LongAdder());
        }
        int n = Math.max(1, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < n; i++) {
            workers.add(platformThread("warren-encrypt-" + i, send::encryptionWorker));
            workers.add(platformThread("warren-decrypt-" + i, receive::decryptionWorker));
            workers.add(platformThread("warren-handshake-" + i, receive::handshakeWorker));
        }
    }

    private static Thread platformThread(String name, Runnable body) {
        Thread t = Thread.ofPlatform().daemon().name(name).unstarted(body);
        t.start();
        return t;
    }

    // ---- identity and interface settings

    /** The private key, or null if none is set yet (a secret: never log it). */
    public Key privateKey() {
        return privateKey;
    }

    /** The public key, or null without a private key. */
    public Key publicKey() {
        Key k = privateKey;
        return k == null ? null : k.publicKey();
    }

    /**
     * Sets the static private key (null removes it: no handshake is then possible). Every handshake restarts
     * from scratch and session keys are expired, and a peer whose public key is our own new public key is
     * removed, as in wireguard-go.
     */
    public synchronized void setPrivateKey(Key key) {
        if (key != null && key.kind() != Key.Kind.PRIVATE) {
            throw new IllegalArgumentException("the interface needs a private key, not a " + key.kind() + " key");
        }
        if (key == null ? privateKey == null : key.equals(privateKey)) {
            return;
        }
        privateKey = key;
        identity = key == null ? null : StaticIdentity.of(key);
        cookieChecker = key == null ? null : new CookieChecker(identity.publicKey());
        Peer self = key == null ? null : peers.get(key.publicKey());
        if (self != null) {
            removePeer(self.publicKey());
        }
        for (Peer p : peers.values()) {
            p.resetHandshake();
            p.expireCurrentKeypairs();
        }
    }

    StaticIdentity identity() {
        return identity;
    }

    CookieChecker cookieChecker() {
        return cookieChecker;
    }

    /** The configured listen port (0 = any); while up, the port actually bound. */
    public int listenPort() {
        return up ? bind.port() : listenPort;
    }

    /**
     * Sets the UDP port; while up the socket is reopened on it. If the new port cannot be bound the old one is
     * reopened and the error rethrown, so the device never ends up without a socket.
     */
    public synchronized void setListenPort(int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listen port must be 0-65535, not " + port);
        }
        int old = listenPort();
        listenPort = port;
        if (up) {
            stopUdp();
            try {
                startUdp();
            } catch (IOException e) {
                listenPort = old;
                startUdp();
                throw e;
            }
        }
    }

    public int fwmark() {
        return fwmark;
    }

    /** Sets the firewall mark of outgoing packets (0 = none). */
    public synchronized void setFwmark(int mark) throws IOException {
        fwmark = mark;
        if (up) {
            bind.setFwmark(mark);
        }
    }

    /** The MTU the engine pads to: the TUN device's as read at {@link #up()}, then as {@link #setMtu} says. */
    public int mtu() {
        return mtu;
    }

    /**
     * Tells the engine that the interface's MTU is now {@code mtu} (the OS notified a change): packets encrypted
     * from now on are padded for it. Does not change the interface; {@link #up()} reads the interface again.
     */
    public void setMtu(int mtu) {
        if (mtu < 0 || mtu > Constants.MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("MTU must be 0-" + Constants.MAX_MESSAGE_SIZE + ", not " + mtu);
        }
        this.mtu = mtu;
    }

    // ---- peers

    /**
     * Adds a peer with {@code publicKey}.
     *
     * @throws IllegalArgumentException if it exists already or is our own public key
     */
    public synchronized Peer addPeer(Key publicKey) {
        if (publicKey.kind() != Key.Kind.PUBLIC) {
            throw new IllegalArgumentException("a peer is named by a public key, not a " + publicKey.kind() + " key");
        }
        if (publicKey.equals(publicKey())) {
            throw new IllegalArgumentException("peer " + publicKey + " is this interface's own public key");
        }
        if (peers.containsKey(publicKey)) {
            throw new IllegalArgumentException("peer " + publicKey + " already exists");
        }
        Peer p = new Peer(this, publicKey);
        peers.put(publicKey, p);
        peerOrder.add(p);
        if (up) {
            p.start();
        }
        return p;
    }

    /** The peer with this public key, or null. */
    public Peer peer(Key publicKey) {
        return peers.get(publicKey);
    }

    /** The peers in the order they were added. */
    public List<Peer> peers() {
        return List.copyOf(peerOrder);
    }

    /** Removes the peer, its allowed IPs and all its keys; no-op if absent. */
    public synchronized void removePeer(Key publicKey) {
        Peer p = peers.remove(publicKey);
        if (p != null) {
            peerOrder.remove(p);
            allowedIps.removeAll(p);
            p.stop();
        }
    }

    public synchronized void removeAllPeers() {
        for (Key k : List.copyOf(peers.keySet())) {
            removePeer(k);
        }
    }

    /** Routes {@code network} to {@code peer} (taking it from any other peer). */
    public void addAllowedIp(Peer peer, IpNetwork network) {
        allowedIps.insert(network, peer);
    }

    public void removeAllowedIp(Peer peer, IpNetwork network) {
        allowedIps.remove(network, peer);
    }

    public void clearAllowedIps(Peer peer) {
        allowedIps.removeAll(peer);
    }

    /** The peer's allowed IPs in the order wg shows them. */
    public List<IpNetwork> allowedIps(Peer peer) {
        return allowedIps.entriesOf(peer);
    }

    // ---- life cycle

    public boolean isUp() {
        return up;
    }

    /** Opens the socket, starts the readers and peers; idempotent. */
    public synchronized void up() throws IOException {
        if (closed) {
            throw new IllegalStateException("the device is closed");
        }
        if (up) {
            return;
        }
        mtu = tun.mtu();
        startUdp();
        if (tunReader == null) {
            tunReader = platformThread("warren-tun-reader", send::tunReader);
        }
        up = true;
        for (Peer p : peers.values()) {
            p.start();
            if (p.persistentKeepalive() > 0) {
                send.sendKeepalive(p);
            }
        }
    }

    /** Closes the socket and stops every peer (which forgets its keys); idempotent. */
    public synchronized void down() throws IOException {
        if (!up) {
            return;
        }
        up = false;
        for (Peer p : peers.values()) {
            p.stop();
        }
        stopUdp();
    }

    private void startUdp() throws IOException {
        bind.open(listenPort);
        if (fwmark != 0) {
            bind.setFwmark(fwmark);
        }
        udpReader = platformThread("warren-udp-reader", receive::udpReader);
    }

    private void stopUdp() throws IOException {
        bind.close();
        udpReader.interrupt();
        try {
            udpReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes the device down, stops every worker and closes the TUN device and the bind. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        down();
        closed = true;
        for (Peer p : peers.values()) {
            p.stop();
        }
        tun.close();
        bind.close();
        if (tunReader != null) {
            tunReader.interrupt();
        }
        for (Thread t : workers) {
            t.interrupt();
        }
        try {
            for (Thread t : workers) {
                t.join();
            }
            if (tunReader != null) {
                tunReader.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Puts a packet into a bounded queue, waiting while it is full, as wireguard-go's channel sends do (so a
     * fast reader is slowed to the speed of the crypto workers instead of packets being lost). Gives up, and
     * returns false, if the peer stops or the device closes meanwhile, so no reader can hang on a queue that
     * nobody drains any more.
     */
    boolean enqueue(java.util.concurrent.BlockingQueue<Packet> queue, Packet p, Peer peer) throws InterruptedException {
        while (!queue.offer(p, 10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (closed || !peer.isRunning()) {
                return false;
            }
        }
        return true;
    }

    // ---- load, counters and events

    /**
     * True while the handshake queue is long (an eighth full, as wireguard-go) or was so within the last second:
     * handshake messages then need a valid mac2 and pass the rate limiter.
     */
    boolean isUnderLoad() {
        long now = clock.nanoTime();
        if (handshakeQueue.size() >= Constants.QUEUE_HANDSHAKE_SIZE / 8) {
            underLoadUntilNanos = now + Constants.UNDER_LOAD_AFTER_TIME;
            return true;
        }
        return underLoadUntilNanos - now > 0;
    }

    /** How many packets were dropped for {@code reason} since the device was created. */
    public long dropped(Drop reason) {
        return drops.get(reason).sum();
    }

    void count(Drop reason) {
        drops.get(reason).increment();
    }

    void emit(DeviceEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            // A faulty listener must not break the packet path.
        }
    }

    /** Removes a keypair from the index table and wipes its keys. */
    void retire(Keypair k) {
        indices.remove(k.localIndex);
        k.destroy();
    }
}
