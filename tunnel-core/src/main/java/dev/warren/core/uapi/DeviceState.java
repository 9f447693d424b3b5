package dev.warren.core.uapi;

import dev.warren.core.config.Key;
import java.util.List;
import java.util.Objects;

/**
 * What a UAPI {@code get=1} reports about a device.
 *
 * @param privateKey the device's private key, or null if it has none
 * @param listenPort the UDP port the device listens on, 0 if not bound (then not reported)
 * @param fwmark the firewall mark of its sockets as an unsigned 32-bit value, 0 for none (then not reported)
 * @param peers the peers in the order they are reported
 */
public record DeviceState(Key privateKey, int listenPort, int fwmark, List<PeerState> peers) {

    public DeviceState {
        if (privateKey != null && privateKey.kind() != Key.Kind.PRIVATE) {
            throw new IllegalArgumentException("the device key must be a private key, not " + privateKey.kind());
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port must be 0-65535, not " + listenPort);
        }
        peers = List.copyOf(Objects.requireNonNull(peers, "peers"));
    }
}
