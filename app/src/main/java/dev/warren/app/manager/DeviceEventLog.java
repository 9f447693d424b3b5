package dev.warren.app.manager;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import dev.warren.core.device.DeviceEvent;
import dev.warren.core.device.DeviceListener;
import java.net.InetSocketAddress;

/** Words the engine's events for the ring log, naming peers by a short form of their public key. */
final class DeviceEventLog implements DeviceListener {
    private final TunnelEvents events;

    DeviceEventLog(TunnelEvents events) {
        this.events = events;
    }

    @Override
    public void onEvent(DeviceEvent event) {
        // Whoever set the endpoint logs it with the reason (the start sequence, re-resolution's old → new).
        if (!(event instanceof DeviceEvent.EndpointChanged)) {
            events.log(describe(event));
        }
    }

    static String describe(DeviceEvent event) {
        return switch (event) {
            case DeviceEvent.HandshakeInitiated e -> peer(e.peer()) + ": sending handshake initiation"
                    + (e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "");
            case DeviceEvent.HandshakeResponded e -> peer(e.peer()) + ": answered a handshake initiation";
            case DeviceEvent.HandshakeCompleted e -> peer(e.peer()) + ": handshake completed"
                    + (e.initiator() ? "" : " (initiated by the peer)");
            case DeviceEvent.KeypairConfirmed e -> peer(e.peer()) + ": new keypair in use";
            case DeviceEvent.HandshakeGaveUp e -> peer(e.peer()) + ": no answer to handshakes; giving up until "
                    + "there is traffic for it";
            case DeviceEvent.KeysZeroed e -> peer(e.peer()) + ": keys zeroed after too long without a handshake";
            case DeviceEvent.PeerRoamed e -> peer(e.peer()) + ": endpoint changed from " + endpoint(e.from()) + " to "
                    + endpoint(e.to());
            case DeviceEvent.EndpointChanged e -> peer(e.peer()) + ": endpoint set to " + endpoint(e.to())
                    + " (was " + endpoint(e.from()) + ")";
            case DeviceEvent.CookieReplySent e -> "under load: sent a cookie reply to " + endpoint(e.to());
            case DeviceEvent.Error e -> (e.peer() == null ? "" : peer(e.peer()) + ": ") + "error: " + e.message();
        };
    }

    /** wireguard-go's short peer form, {@code peer(AbCd…wXyZ)}: recognisable, and no key for the scrubber. */
    static String peer(Key publicKey) {
        String b = publicKey.toBase64();
        return "peer(" + b.substring(0, 4) + "…" + b.substring(39, 43) + ")";
    }

    /** {@code 192.0.2.1:51820} or {@code [2001:db8::1]:51820}; null stays "(none)". */
    static String endpoint(InetSocketAddress a) {
        if (a == null) {
            return "(none)";
        }
        String host = a.getAddress() == null ? a.getHostString() : IpNetwork.format(a.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
