package dev.warren.core.uapi;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;

/**
 * Formats a {@link DeviceState} as the body of a {@code get=1} response, key for key and in the order
 * wireguard-go writes them, so that {@code wg show} and {@code wg showconf} print exactly what they print for it.
 */
final class GetResponseWriter {

    private static final String ZERO_KEY_HEX = "0".repeat(Key.LENGTH * 2);

    private GetResponseWriter() {
    }

    /** Appends the key=value lines (not the closing {@code errno=0}) to {@code out}. */
    static void write(DeviceState state, StringBuilder out) {
        if (state.privateKey() != null) {
            line(out, "private_key", state.privateKey().toHex());
        }
        if (state.listenPort() != 0) {
            line(out, "listen_port", Integer.toString(state.listenPort()));
        }
        if (state.fwmark() != 0) {
            line(out, "fwmark", Integer.toUnsignedString(state.fwmark()));
        }
        for (PeerState peer : state.peers()) {
            line(out, "public_key", peer.publicKey().toHex());
            line(out, "preshared_key", peer.presharedKey() == null ? ZERO_KEY_HEX : peer.presharedKey().toHex());
            line(out, "protocol_version", "1");
            if (peer.endpoint() != null) {
                line(out, "endpoint", UapiSyntax.formatEndpoint(peer.endpoint()));
            }
            line(out, "last_handshake_time_sec", Long.toString(peer.lastHandshakeSec()));
            line(out, "last_handshake_time_nsec", Integer.toString(peer.lastHandshakeNsec()));
            line(out, "tx_bytes", Long.toUnsignedString(peer.txBytes()));
            line(out, "rx_bytes", Long.toUnsignedString(peer.rxBytes()));
            line(out, "persistent_keepalive_interval", Integer.toString(peer.persistentKeepaliveInterval()));
            for (IpNetwork net : peer.allowedIps()) {
                line(out, "allowed_ip", net.toString());
            }
        }
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append('=').append(value).append('\n');
    }
}
