package dev.warren.core.uapi;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory device for UAPI tests: applies updates with wireguard-go's semantics (an allowed IP belongs to one
 * peer at a time, the device's own public key is ignored as a peer) on a copy, then swaps it in, so a failing
 * update changes nothing. Records every update it receives.
 */
public final class FakeUapiBackend implements UapiBackend {

    /** One peer's mutable state; copied on every update. */
    public static final class Peer {
        Key presharedKey;
        InetSocketAddress endpoint;
        int keepalive;
        public long handshakeSec;
        public int handshakeNsec;
        public long rx;
        public long tx;
        final List<IpNetwork> allowedIps = new ArrayList<>();

        Peer copy() {
            Peer p = new Peer();
            p.presharedKey = presharedKey;
            p.endpoint = endpoint;
            p.keepalive = keepalive;
            p.handshakeSec = handshakeSec;
            p.handshakeNsec = handshakeNsec;
            p.rx = rx;
            p.tx = tx;
            p.allowedIps.addAll(allowedIps);
            return p;
        }
    }

    private Key privateKey;
    private int listenPort;
    private int fwmark;
    private Map<Key, Peer> peers = new LinkedHashMap<>();
    private final List<DeviceUpdate> received = new ArrayList<>();
    private UapiException failNext;

    @Override
    public synchronized DeviceState get() {
        List<PeerState> list = new ArrayList<>();
        peers.forEach((k, p) -> list.add(new PeerState(k, p.presharedKey, p.endpoint, p.keepalive, p.handshakeSec,
                p.handshakeNsec, p.rx, p.tx, p.allowedIps)));
        return new DeviceState(privateKey, listenPort, fwmark, list);
    }

    @Override
    public synchronized void set(DeviceUpdate u) throws UapiException {
        received.add(u);
        if (failNext != null) {
            UapiException e = failNext;
            failNext = null;
            throw e;
        }
        Key newPrivate = u.removePrivateKey() ? null : u.privateKey().orElse(privateKey);
        Key ownPublic = newPrivate == null ? null : newPrivate.publicKey();
        Map<Key, Peer> next = new LinkedHashMap<>();
        if (!u.replacePeers()) {
            peers.forEach((k, p) -> next.put(k, p.copy()));
        }
        if (u.privateKey().isPresent()) {
            next.remove(ownPublic);
        }
        for (PeerUpdate pu : u.peers()) {
            if (pu.publicKey().equals(ownPublic)) {
                continue;
            }
            if (pu.remove()) {
                next.remove(pu.publicKey());
                continue;
            }
            Peer p = next.get(pu.publicKey());
            if (p == null) {
                if (pu.updateOnly()) {
                    continue;
                }
                p = new Peer();
                next.put(pu.publicKey(), p);
            }
            Peer target = p;
            pu.presharedKey().ifPresent(k -> target.presharedKey = k.isZero() ? null : k);
            pu.endpoint().ifPresent(e -> target.endpoint = e);
            pu.persistentKeepaliveInterval().ifPresent(s -> target.keepalive = s);
            if (pu.replaceAllowedIps()) {
                p.allowedIps.clear();
            }
            for (AllowedIpChange c : pu.allowedIps()) {
                if (c.remove()) {
                    p.allowedIps.remove(c.network());
                } else {
                    next.values().forEach(other -> other.allowedIps.remove(c.network()));
                    p.allowedIps.add(c.network());
                }
            }
        }
        privateKey = newPrivate;
        u.listenPort().ifPresent(port -> listenPort = port);
        u.fwmark().ifPresent(m -> fwmark = m);
        peers = next;
    }

    /** Makes the next {@link #set} fail with {@code e} after recording the update. */
    public synchronized void failNextSet(UapiException e) {
        failNext = e;
    }

    /** Every update handed to {@link #set}, including failed ones. */
    public synchronized List<DeviceUpdate> received() {
        return List.copyOf(received);
    }

    /** Direct access for tests that simulate traffic (handshake time, byte counters). */
    public synchronized Peer peer(Key publicKey) {
        return peers.get(publicKey);
    }
}
