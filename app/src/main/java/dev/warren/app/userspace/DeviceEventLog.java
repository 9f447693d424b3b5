package dev.warren.app.userspace;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import dev.warren.core.device.Constants;
import dev.warren.core.device.DeviceEvent;
import dev.warren.core.device.DeviceListener;
import java.net.InetSocketAddress;

/**
 * Writes a device's events as the lines wireguard-go logs for the same events, peers abbreviated the same way
 * ({@code peer(AbCd…WxYz)}), so logs of the two daemons read alike. Errors are logged at every level but
 * silent; the handshake's progress only when verbose.
 */
final class DeviceEventLog implements DeviceListener {

    private final UserspaceLog log;

    DeviceEventLog(UserspaceLog log) {
        this.log = log;
    }

    @Override
    public void onEvent(DeviceEvent event) {
        Key p = event.peer();
        switch (event) {
            case DeviceEvent.Error e -> log.error(about(p, e.message()));
            case DeviceEvent.HandshakeInitiated e -> {
                if (e.attempt() > 1) {
                    log.verbose(about(p, "Handshake did not complete after 5 seconds, retrying (try " + e.attempt() + ")"));
                }
                log.verbose(about(p, "Sending handshake initiation"));
            }
            case DeviceEvent.HandshakeResponded e -> log.verbose(about(p, "Sending handshake response"));
            case DeviceEvent.HandshakeCompleted e -> log.verbose(about(p,
                    e.initiator() ? "Received handshake response" : "Received handshake initiation"));
            case DeviceEvent.KeypairConfirmed e -> log.verbose(about(p, "Received first packet with the new keys"));
            case DeviceEvent.HandshakeGaveUp e -> log.verbose(about(p, "Handshake did not complete after "
                    + Constants.MAX_TIMER_HANDSHAKES + " attempts, giving up"));
            case DeviceEvent.KeysZeroed e -> log.verbose(about(p, "Removing all keys, since we haven't received a new one in "
                    + 3 * Constants.REJECT_AFTER_TIME / Constants.SECOND + " seconds"));
            case DeviceEvent.PeerRoamed e -> log.verbose(about(p, "Endpoint changed from " + endpoint(e.from()) + " to "
                    + endpoint(e.to())));
            case DeviceEvent.EndpointChanged e -> log.verbose(about(p, "UAPI: Updating endpoint"));
            case DeviceEvent.CookieReplySent e -> log.verbose(about(p,
                    "Sending cookie response for denied handshake message for " + endpoint(e.to())));
        }
    }

    /** {@code 192.0.2.1:51820} or {@code [2001:db8::1]:51820}, as wg shows endpoints; "(none)" for none. */
    private static String endpoint(InetSocketAddress a) {
        if (a == null) {
            return "(none)";
        }
        String host = a.getAddress() == null ? a.getHostString() : IpNetwork.format(a.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static String about(Key peer, String message) {
        return peer == null ? message : peer(peer) + " - " + message;
    }

    /** wireguard-go's short form of a public key: the first four and the last four base64 characters. */
    static String peer(Key key) {
        String b64 = key.toBase64();
        return "peer(" + b64.substring(0, 4) + "…" + b64.substring(39, 43) + ")";
    }
}
