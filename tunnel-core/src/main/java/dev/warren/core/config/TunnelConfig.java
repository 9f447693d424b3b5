package dev.warren.core.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A whole tunnel: one interface and its peers.
 *
 * <p>A config parsed from text also carries the {@link SourceLayout} of that text (comments, blank lines, key
 * order and spelling) so that {@link WgQuickWriter} can write it back the way the user wrote it. The layout is
 * not part of the configuration's meaning: {@link #equals} compares the interface and the peers only.
 */
public final class TunnelConfig {

    private final InterfaceConfig interfaceConfig;
    private final List<PeerConfig> peers;
    private final SourceLayout layout;

    private TunnelConfig(InterfaceConfig interfaceConfig, List<PeerConfig> peers, SourceLayout layout) {
        this.interfaceConfig = Objects.requireNonNull(interfaceConfig, "interfaceConfig");
        this.peers = List.copyOf(peers);
        this.layout = layout;
        Set<Key> seen = new HashSet<>();
        for (PeerConfig p : this.peers) {
            if (!seen.add(p.publicKey())) {
                throw new IllegalArgumentException("two peers have the public key " + p.publicKey());
            }
        }
    }

    /**
     * A tunnel without a source layout.
     *
     * @throws IllegalArgumentException when two peers share a public key
     */
    public static TunnelConfig of(InterfaceConfig interfaceConfig, List<PeerConfig> peers) {
        return new TunnelConfig(interfaceConfig, peers, null);
    }

    static TunnelConfig parsed(InterfaceConfig interfaceConfig, List<PeerConfig> peers, SourceLayout layout) {
        return new TunnelConfig(interfaceConfig, peers, layout);
    }

    public InterfaceConfig interfaceConfig() {
        return interfaceConfig;
    }

    public List<PeerConfig> peers() {
        return peers;
    }

    /** The layout of the text this config was parsed from, if it was. */
    public Optional<SourceLayout> layout() {
        return Optional.ofNullable(layout);
    }

    /** The same tunnel with another interface section; the source layout is kept. */
    public TunnelConfig withInterface(InterfaceConfig newInterface) {
        return new TunnelConfig(newInterface, peers, layout);
    }

    /** The same tunnel with other peers; the source layout is kept (peers are matched to it by public key). */
    public TunnelConfig withPeers(List<PeerConfig> newPeers) {
        return new TunnelConfig(interfaceConfig, newPeers, layout);
    }

    /** The same configuration, to be written in the canonical layout. */
    public TunnelConfig withoutLayout() {
        return new TunnelConfig(interfaceConfig, peers, null);
    }

    /** The peer with this public key, if any. */
    public Optional<PeerConfig> peer(Key publicKey) {
        return peers.stream().filter(p -> p.publicKey().equals(publicKey)).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TunnelConfig other && interfaceConfig.equals(other.interfaceConfig)
                && peers.equals(other.peers);
    }

    @Override
    public int hashCode() {
        return interfaceConfig.hashCode() * 31 + peers.hashCode();
    }

    /** Never contains secrets: keys print through {@link Key#toString()}. */
    @Override
    public String toString() {
        return "TunnelConfig[interface=" + interfaceConfig + ", peers=" + peers + "]";
    }
}
