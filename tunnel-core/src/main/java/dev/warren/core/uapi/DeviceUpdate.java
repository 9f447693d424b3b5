package dev.warren.core.uapi;

import dev.warren.core.config.Key;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A validated UAPI {@code set=1} request: only what the request mentions changes.
 *
 * @param privateKey a new private key, if given
 * @param removePrivateKey true if the request set the all-zero private key, which leaves the device without one
 * @param listenPort a new listen port (0 = any free port), if given
 * @param fwmark a new firewall mark (unsigned 32-bit, 0 = none), if given
 * @param replacePeers true if every existing peer is removed before {@code peers} are applied
 * @param peers per-peer changes in request order
 */
public record DeviceUpdate(
        Optional<Key> privateKey,
        boolean removePrivateKey,
        OptionalInt listenPort,
        OptionalInt fwmark,
        boolean replacePeers,
        List<PeerUpdate> peers) {

    public DeviceUpdate {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(listenPort, "listenPort");
        Objects.requireNonNull(fwmark, "fwmark");
        if (privateKey.isPresent() && privateKey.get().kind() != Key.Kind.PRIVATE) {
            throw new IllegalArgumentException("the device key must be a private key, not " + privateKey.get().kind());
        }
        if (privateKey.isPresent() && removePrivateKey) {
            throw new IllegalArgumentException("a private key cannot be both set and removed");
        }
        if (listenPort.isPresent() && (listenPort.getAsInt() < 0 || listenPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("listen port must be 0-65535, not " + listenPort.getAsInt());
        }
        peers = List.copyOf(Objects.requireNonNull(peers, "peers"));
    }
}
