package dev.warren.app.manager;

import dev.warren.core.config.Endpoint;
import dev.warren.core.config.Key;
import dev.warren.core.config.PeerConfig;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.device.Device;
import dev.warren.core.device.DeviceEvent;
import dev.warren.core.device.DeviceListener;
import dev.warren.core.device.Peer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves a peer's endpoint host name again when its handshakes go unanswered, since the name may point
 * elsewhere by now (dynamic DNS, a moved server) — what wireguard-tools' reresolve-dns.sh does from cron, here
 * triggered by the engine giving up on a handshake. Endpoints written as IP literals are left alone.
 */
final class EndpointRefresher implements DeviceListener {

    /** How a host name becomes an address; {@link Endpoint#resolve()} outside tests. */
    @FunctionalInterface
    interface Resolver {
        InetSocketAddress resolve(Endpoint endpoint) throws IOException;
    }

    private final Map<Key, Endpoint> named = new HashMap<>();
    private final Resolver resolver;
    private final TunnelEvents events;
    private volatile Device device;

    EndpointRefresher(TunnelConfig config, Resolver resolver, TunnelEvents events) {
        for (PeerConfig p : config.peers()) {
            p.endpoint().filter(e -> !e.isLiteral()).ifPresent(e -> named.put(p.publicKey(), e));
        }
        this.resolver = resolver;
        this.events = events;
    }

    /** The device whose peers to update; events before this are ignored. */
    void attach(Device d) {
        device = d;
    }

    @Override
    public void onEvent(DeviceEvent event) {
        if (event instanceof DeviceEvent.HandshakeGaveUp g && named.containsKey(g.peer()) && device != null) {
            // Not on the device's timer thread: resolving can take seconds.
            Thread.ofVirtual().name("endpoint-refresh").start(() -> refresh(g.peer()));
        }
    }

    private void refresh(Key peer) {
        Endpoint e = named.get(peer);
        try {
            InetSocketAddress now = resolver.resolve(e);
            Peer p = device.peer(peer);
            if (p != null && !now.equals(p.endpoint())) {
                p.setEndpoint(now);
                events.log(DeviceEventLog.peer(peer) + ": " + e.host() + " now resolves to "
                        + DeviceEventLog.endpoint(now) + "; sending handshakes there");
            }
        } catch (IOException ex) {
            events.log(DeviceEventLog.peer(peer) + ": resolving " + e + " again failed: " + ex.getMessage());
        }
    }
}
