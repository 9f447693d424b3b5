package dev.warren.core.uapi;

import dev.warren.core.config.Key;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The changes a set request makes to one peer, in the semantics of wireguard-go.
 *
 * @param publicKey the peer; created unless it exists or {@code updateOnly}
 * @param remove true to remove the peer; every other field is then empty
 * @param updateOnly true to change the peer only if it already exists, never create it
 * @param presharedKey a new preshared key, if given; the all-zero key means none
 * @param endpoint a new endpoint, if given
 * @param persistentKeepaliveInterval a new interval in seconds (0 = off), if given
 * @param replaceAllowedIps true if the peer's allowed IPs are cleared before {@code allowedIps} are applied
 * @param allowedIps prefixes to add or remove, in request order
 */
public record PeerUpdate(
        Key publicKey,
        boolean remove,
        boolean updateOnly,
        Optional<Key> presharedKey,
        Optional<InetSocketAddress> endpoint,
        OptionalInt persistentKeepaliveInterval,
        boolean replaceAllowedIps,
        List<AllowedIpChange> allowedIps) {

    public PeerUpdate {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(presharedKey, "presharedKey");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(persistentKeepaliveInterval, "persistentKeepaliveInterval");
        allowedIps = List.copyOf(Objects.requireNonNull(allowedIps, "allowedIps"));
        if (publicKey.kind() != Key.Kind.PUBLIC) {
            throw new IllegalArgumentException("a peer is named by a public key, not a " + publicKey.kind() + " key");
        }
        if (presharedKey.isPresent() && presharedKey.get().kind() != Key.Kind.PRESHARED) {
            throw new IllegalArgumentException("preshared key has kind " + presharedKey.get().kind());
        }
        if (endpoint.isPresent() && endpoint.get().isUnresolved()) {
            throw new IllegalArgumentException("an endpoint is an IP address, not the name " + endpoint.get().getHostString());
        }
        if (persistentKeepaliveInterval.isPresent()
                && (persistentKeepaliveInterval.getAsInt() < 0 || persistentKeepaliveInterval.getAsInt() > 65535)) {
            throw new IllegalArgumentException("persistent keepalive must be 0-65535 s, not "
                    + persistentKeepaliveInterval.getAsInt());
        }
        if (remove && (updateOnly || presharedKey.isPresent() || endpoint.isPresent()
                || persistentKeepaliveInterval.isPresent() || replaceAllowedIps || !allowedIps.isEmpty())) {
            throw new IllegalArgumentException("a removed peer carries no other change");
        }
    }

    /** The update that removes the peer {@code publicKey}. */
    public static PeerUpdate removal(Key publicKey) {
        return new PeerUpdate(publicKey, true, false, Optional.empty(), Optional.empty(), OptionalInt.empty(), false,
                List.of());
    }
}
