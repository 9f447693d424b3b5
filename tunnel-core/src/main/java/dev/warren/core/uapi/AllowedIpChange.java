package dev.warren.core.uapi;

import dev.warren.core.config.IpNetwork;
import java.util.Objects;

/**
 * One {@code allowed_ip=} line of a set request: add the prefix to the peer, or with a leading {@code -} remove it.
 *
 * @param network the prefix with its host bits cleared
 * @param remove true for {@code allowed_ip=-prefix}
 */
public record AllowedIpChange(IpNetwork network, boolean remove) {

    public AllowedIpChange {
        Objects.requireNonNull(network, "network");
        network = network.masked();
    }

    public static AllowedIpChange add(IpNetwork network) {
        return new AllowedIpChange(network, false);
    }
}
