package dev.warren.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code [Peer]} section.
 *
 * @param publicKey           the peer's public key, which identifies it
 * @param presharedKey        an optional symmetric key mixed into the handshake
 * @param allowedIps          networks routed to and accepted from this peer, host bits cleared as {@code wg}
 *                            does ({@code 10.0.0.1/24} is {@code 10.0.0.0/24})
 * @param endpoint            where to send the first handshake; absent when the peer connects to us
 * @param persistentKeepalive seconds between keepalives, 1-65535, or 0 for off
 */
public record PeerConfig(
        Key publicKey,
        Optional<Key> presharedKey,
        List<IpNetwork> allowedIps,
        Optional<Endpoint> endpoint,
        int persistentKeepalive) {

    public static final int MAX_KEEPALIVE = 65535;

    public PeerConfig {
        if (publicKey == null || publicKey.kind() != Key.Kind.PUBLIC) {
            throw new IllegalArgumentException("a peer needs a public key");
        }
        if (presharedKey == null || presharedKey.isPresent() && presharedKey.get().kind() != Key.Kind.PRESHARED) {
            throw new IllegalArgumentException("a preshared key must be of kind PRESHARED");
        }
        allowedIps = allowedIps.stream().map(IpNetwork::masked).toList();
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint is Optional.empty() when there is none");
        }
        if (persistentKeepalive < 0 || persistentKeepalive > MAX_KEEPALIVE) {
            throw new IllegalArgumentException("PersistentKeepalive is 0-" + MAX_KEEPALIVE + ", not " + persistentKeepalive);
        }
    }

    public static Builder builder(Key publicKey) {
        return new Builder(publicKey);
    }

    public Builder toBuilder() {
        return new Builder(publicKey).presharedKey(presharedKey).allowedIps(allowedIps).endpoint(endpoint)
                .persistentKeepalive(persistentKeepalive);
    }

    /** Mutable companion for building a {@link PeerConfig}; validates in {@link #build()}. */
    public static final class Builder {
        private Key publicKey;
        private Optional<Key> presharedKey = Optional.empty();
        private List<IpNetwork> allowedIps = new ArrayList<>();
        private Optional<Endpoint> endpoint = Optional.empty();
        private int persistentKeepalive;

        private Builder(Key publicKey) {
            this.publicKey = publicKey;
        }

        public Builder publicKey(Key v) {
            publicKey = v;
            return this;
        }

        public Builder presharedKey(Optional<Key> v) {
            presharedKey = v;
            return this;
        }

        public Builder allowedIps(List<IpNetwork> v) {
            allowedIps = new ArrayList<>(v);
            return this;
        }

        public Builder endpoint(Optional<Endpoint> v) {
            endpoint = v;
            return this;
        }

        public Builder persistentKeepalive(int v) {
            persistentKeepalive = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the first value that is not allowed */
        public PeerConfig build() {
            return new PeerConfig(publicKey, presharedKey, allowedIps, endpoint, persistentKeepalive);
        }
    }
}
