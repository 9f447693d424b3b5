package dev.warren.core.uapi;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * What a UAPI {@code get=1} reports about one peer (always with {@code protocol_version=1}).
 *
 * @param publicKey the peer's public key
 * @param presharedKey the preshared key, or null for none (reported as all zeros, as wireguard-go does)
 * @param endpoint the peer's current IP address and port, or null if unknown
 * @param persistentKeepaliveInterval seconds, 0 for off
 * @param lastHandshakeSec seconds since the Unix epoch of the last completed handshake, 0 for never
 * @param lastHandshakeNsec the nanoseconds part, 0-999,999,999
 * @param rxBytes bytes received from the peer (unsigned 64-bit)
 * @param txBytes bytes sent to the peer (unsigned 64-bit)
 * @param allowedIps the peer's allowed IPs in insertion order
 */
public record PeerState(
        Key publicKey,
        Key presharedKey,
        InetSocketAddress endpoint,
        int persistentKeepaliveInterval,
        long lastHandshakeSec,
        int lastHandshakeNsec,
        long rxBytes,
        long txBytes,
        List<IpNetwork> allowedIps) {

    public PeerState {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.kind() != Key.Kind.PUBLIC) {
            throw new IllegalArgumentException("a peer is named by a public key, not a " + publicKey.kind() + " key");
        }
        if (presharedKey != null && presharedKey.kind() != Key.Kind.PRESHARED) {
            throw new IllegalArgumentException("preshared key has kind " + presharedKey.kind());
        }
        if (endpoint != null && endpoint.isUnresolved()) {
            throw new IllegalArgumentException("a peer's endpoint is an IP address, not the name " + endpoint.getHostString());
        }
        if (persistentKeepaliveInterval < 0 || persistentKeepaliveInterval > 65535) {
            throw new IllegalArgumentException("persistent keepalive must be 0-65535 s, not " + persistentKeepaliveInterval);
        }
        if (lastHandshakeSec < 0 || lastHandshakeNsec < 0 || lastHandshakeNsec > 999_999_999) {
            throw new IllegalArgumentException("last handshake " + lastHandshakeSec + " s " + lastHandshakeNsec
                    + " ns is not a time since the epoch");
        }
        allowedIps = List.copyOf(Objects.requireNonNull(allowedIps, "allowedIps"));
    }
}
