package dev.warren.bridge.killswitch;

import dev.warren.core.config.IpNetwork;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The subnets this machine is directly connected to, for a kill-switch's "allow local network". */
public final class LocalNetworks {

    private LocalNetworks() {
    }

    /**
     * The on-link subnet of every address of every interface that is up, except loopback and {@code tunnel}
     * (whose addresses are reached through the tunnel anyway): what the kernel installed connected routes for.
     * Read in the calling thread's network namespace.
     *
     * @throws KillSwitchException when the interfaces cannot be listed
     */
    public static List<IpNetwork> connectedSubnets(String tunnel) throws KillSwitchException {
        Set<IpNetwork> out = new LinkedHashSet<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback() || nif.getName().equals(tunnel)) {
                    continue;
                }
                for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                    // A prefix of 0 is what Java reports when it does not know one; never a connected network.
                    // Link-local addresses are covered by the policy's own link-local range, scope-free.
                    if (a.getNetworkPrefixLength() > 0 && !a.getAddress().isLinkLocalAddress()) {
                        out.add(new IpNetwork(a.getAddress(), a.getNetworkPrefixLength()).masked());
                    }
                }
            }
        } catch (SocketException e) {
            throw new KillSwitchException("listing the network interfaces for the local-network exception failed: "
                    + e.getMessage(), e);
        }
        return List.copyOf(out);
    }
}
