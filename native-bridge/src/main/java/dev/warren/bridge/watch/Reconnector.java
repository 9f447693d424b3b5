package dev.warren.bridge.watch;

import dev.warren.core.config.Endpoint;
import dev.warren.core.config.Key;
import dev.warren.core.device.EndpointReresolver;
import dev.warren.core.device.Peer;
import dev.warren.core.noise.Handshake;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a tunnel does when the network changed (new uplink, uplink back, resume from sleep): each endpoint host
 * name is resolved again — the answer may differ on the new network (split-horizon DNS) or have changed while
 * the machine slept (dynamic DNS) — and a peer whose name now gives a different address than last time moves
 * there; then every peer gets a handshake at once. A peer that roamed keeps its address while its name still
 * gives what it gave before. (When handshakes keep failing without a network change, the engine's
 * {@link EndpointReresolver} resolves the name again.)
 *
 * <p>Resolving blocks, so each round runs on a virtual thread, one round per tunnel at a time.
 */
final class Reconnector {

    private final WatchedTunnel tunnel;
    private final EndpointReresolver.Resolver resolver;
    private final ReentrantLock round = new ReentrantLock();
    /** Per named peer, what its name gave last; guarded by {@link #round}. */
    private final Map<Key, InetSocketAddress> lastResolved = new HashMap<>();

    Reconnector(WatchedTunnel tunnel, EndpointReresolver.Resolver resolver) {
        this.tunnel = tunnel;
        this.resolver = resolver;
        for (Key k : tunnel.namedEndpoints().keySet()) {
            Peer p = tunnel.device().peer(k);
            if (p != null && p.endpoint() != null) {
                lastResolved.put(k, p.endpoint());
            }
        }
    }

    /** The network changed ({@code why} says how). */
    void networkChanged(String why) {
        Thread.ofVirtual().name("warren-reconnect").start(() -> {
            round.lock();
            try {
                // Peers with an address first: a name may take seconds to resolve on a network still coming up.
                int sent = 0;
                for (Peer p : tunnel.device().peers()) {
                    if (!tunnel.namedEndpoints().containsKey(p.publicKey()) && initiate(p)) {
                        sent++;
                    }
                }
                for (var named : tunnel.namedEndpoints().entrySet()) {
                    Peer p = tunnel.device().peer(named.getKey());
                    if (p != null) {
                        resolve(p, named.getValue());
                        if (initiate(p)) {
                            sent++;
                        }
                    }
                }
                tunnel.log().accept(why + ": handshake started with " + sent + " peer" + (sent == 1 ? "" : "s"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                round.unlock();
            }
        });
    }

    /**
     * Starts a handshake now. An initiation that left within the responder's flood limit just before (e.g. a
     * retry the engine sent while the old uplink was going away, on the old path) makes the engine refuse this
     * one; then one more is sent as soon as the limit allows, so the peer always hears from the new path.
     */
    private static boolean initiate(Peer p) throws InterruptedException {
        if (p.initiateHandshakeNow()) {
            return true;
        }
        Thread.sleep(Duration.ofNanos(Handshake.INITIATION_MIN_INTERVAL_NANOS).plusMillis(2));
        return p.initiateHandshakeNow();
    }

    private void resolve(Peer p, Endpoint name) {
        Key key = p.publicKey();
        InetSocketAddress now;
        try {
            now = resolver.resolve(name);
        } catch (IOException | RuntimeException e) {
            tunnel.log().accept("peer " + key + ": resolving " + name + " again failed (" + e.getMessage()
                    + "); keeping " + format(p.endpoint()));
            return;
        }
        InetSocketAddress previous = lastResolved.put(key, now);
        InetSocketAddress current = p.endpoint();
        if (now.equals(previous) || now.equals(current)) {
            return;
        }
        p.setEndpoint(now);
        tunnel.log().accept("peer " + key + ": " + name.host() + " resolved again, endpoint " + format(current)
                + " → " + format(now));
    }

    private static String format(InetSocketAddress a) {
        if (a == null) {
            return "(none)";
        }
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
