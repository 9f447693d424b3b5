package dev.warren.app.ipc;

import java.util.List;
import java.util.Objects;

/**
 * Live figures of one peer of a running tunnel.
 *
 * @param publicKey                 the peer's public key, base64
 * @param presharedKey              whether a preshared key is in use (never the key itself)
 * @param endpoint                  the current endpoint ({@code host:port}, {@code [v6]:port}), or {@code null}
 *                                  before the first packet from a peer without a configured endpoint
 * @param allowedIps                the peer's allowed IPs, canonical text
 * @param lastHandshakeEpochMillis  wall-clock time of the latest completed handshake, 0 if none yet
 * @param rxBytes                   bytes received from this peer
 * @param txBytes                   bytes sent to this peer
 * @param persistentKeepaliveSeconds persistent keepalive interval, 0 when off
 */
public record PeerRuntime(String publicKey, boolean presharedKey, String endpoint, List<String> allowedIps,
        long lastHandshakeEpochMillis, long rxBytes, long txBytes, int persistentKeepaliveSeconds) {
    public PeerRuntime {
        Objects.requireNonNull(publicKey, "publicKey");
        allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
    }
}
