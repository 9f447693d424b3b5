package dev.warren.bridge.watch;

import dev.warren.core.config.Endpoint;
import dev.warren.core.config.Key;
import dev.warren.core.device.DeviceEvent;
import dev.warren.core.device.DeviceListener;
import dev.warren.core.device.Peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Resolves a tunnel's endpoint host names again (dynamic DNS, a moved server, split-horizon DNS that answers
 * differently on another network) — wireguard-go and wireguard-windows resolve once — and re-initiates handshakes
 * after a network change:
 * <ul>
 * <li>when the network changed (new uplink, uplink back, resume): each name is resolved, a peer whose name now
 *     gives a different address than last time moves there, then every peer gets a handshake at once;</li>
 * <li>when handshakes to the current address keep failing (the third initiation of an attempt, about 10 s
 *     unanswered, and when the engine gives up): a different answer replaces the endpoint even if the peer had
 *     roamed, since that address is not answering; the next retransmission goes there.</li>
 * </ul>
 * Resolving blocks, so it runs on a virtual thread, one resolution round per tunnel at a time.
 */
final class EndpointReresolver implements DeviceListener {

    /** The initiation after which an attempt counts as failing: two went unanswered. */
    static final int FAILING_ATTEMPT = 3;

    private final WatchedTunnel tunnel;
    private final EndpointResolver resolver;
    private final ReentrantLock round = new ReentrantLock();
    /** Per named peer, what its name gave last (so a roamed endpoint is kept while the name still says the same). */
    private final Map<Key, InetSocketAddress> lastResolved = new HashMap<>();

    EndpointReresolver(WatchedTunnel tunnel, EndpointResolver resolver) {
        this.tunnel = tunnel;
        this.resolver = resolver;
        for (Key k : tunnel.namedEndpoints().keySet()) {
            Peer p = tunnel.device().peer(k);
            if (p != null && p.endpoint() != null) {
                lastResolved.put(k, p.endpoint());
            }
        }
    }

    @Override
    public void onEvent(DeviceEvent event) {
        boolean failing = event instanceof DeviceEvent.HandshakeGaveUp
                || event instanceof DeviceEvent.HandshakeInitiated i && i.attempt() == FAILING_ATTEMPT;
        if (failing && tunnel.namedEndpoints().containsKey(event.peer())) {
            // No forced handshake after a move: the last initiation left a moment ago, and the responder's flood
            // limit could drop a second one; the retransmission (within REKEY_TIMEOUT) goes to the new address.
            Thread.ofVirtual().name("warren-reresolve").start(() -> {
                round.lock();
                try {
                    resolve(event.peer(), true);
                } finally {
                    round.unlock();
                }
            });
        }
    }

    /** The network changed ({@code why} says how): re-resolve every name, then start handshakes with every peer. */
    void networkChanged(String why) {
        Thread.ofVirtual().name("warren-reconnect").start(() -> {
            round.lock();
            try {
                for (Key k : tunnel.namedEndpoints().keySet()) {
                    resolve(k, false);
                }
                int sent = tunnel.device().initiateHandshakesNow();
                tunnel.log().accept(why + ": handshake started with " + sent + " peer" + (sent == 1 ? "" : "s"));
            } finally {
                round.unlock();
            }
        });
    }

    /**
     * Resolves the peer's name and moves it if the answer is new.
     *
     * @param failing handshakes to the current endpoint are failing: any different answer wins
     */
    private void resolve(Key key, boolean failing) {
        Endpoint name = tunnel.namedEndpoints().get(key);
        Peer p = tunnel.device().peer(key);
        if (p == null) {
            return;
        }
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
        boolean move = failing ? !now.equals(current) : !now.equals(previous) && !now.equals(current);
        if (!move) {
            return;
        }
        p.setEndpoint(now);
        tunnel.log().accept("peer " + key + ": " + name.host() + " resolved again, endpoint " + format(current) + " → "
                + format(now));
    }

    private static String format(InetSocketAddress a) {
        if (a == null) {
            return "(none)";
        }
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
