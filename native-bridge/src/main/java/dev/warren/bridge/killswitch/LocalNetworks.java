package dev.warren.bridge.killswitch;

import dev.warren.core.config.IpNetwork;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The subnets this machine is directly connected to, for a kill-switch's "allow local network". */
public final class LocalNetworks {

    private LocalNetworks() {
    }

    /**
     * An interface as far as the local networks go: what {@link NetworkInterface} reports.
     *
     * @param index     the OS interface index (Linux ifindex; Windows IfIndex, the LUID's index)
     * @param up        whether it is up
     * @param loopback  whether it is a loopback interface
     * @param addresses its addresses with their on-link prefix lengths
     */
    record Interface(int index, boolean up, boolean loopback, List<IpNetwork> addresses) {
    }

    /**
     * The on-link subnet of every address of every interface that is up, except loopback and the tunnel (whose
     * addresses are reached through the tunnel anyway): what the kernel installed connected routes for. Read in
     * the calling thread's network namespace.
     *
     * <p>The tunnel is recognised by its interface index: on Windows Java names interfaces {@code net7} or
     * {@code eth3} and shows the adapter's description, never the tunnel's name, so a name would never match.
     *
     * @param tunnelIndex the tunnel interface's index
     * @throws KillSwitchException when the interfaces cannot be listed
     */
    public static List<IpNetwork> connectedSubnets(int tunnelIndex) throws KillSwitchException {
        List<Interface> interfaces = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                List<IpNetwork> addresses = new ArrayList<>();
                for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                    int prefix = a.getNetworkPrefixLength();
                    // Java reports 0 or -1 when it does not know the prefix (and Windows' JDK has been seen to
                    // report impossible ones): such an address tells nothing about a connected network.
                    if (prefix > 0 && prefix <= (a.getAddress() instanceof Inet4Address ? 32 : 128)) {
                        addresses.add(new IpNetwork(a.getAddress(), prefix));
                    }
                }
                interfaces.add(new Interface(nif.getIndex(), nif.isUp(), nif.isLoopback(), addresses));
            }
        } catch (SocketException e) {
            throw new KillSwitchException("listing the network interfaces for the local-network exception failed: "
                    + e.getMessage(), e);
        }
        return connectedSubnets(interfaces, tunnelIndex);
    }

    static List<IpNetwork> connectedSubnets(List<Interface> interfaces, int tunnelIndex) {
        Set<IpNetwork> out = new LinkedHashSet<>();
        for (Interface nif : interfaces) {
            if (!nif.up() || nif.loopback() || nif.index() == tunnelIndex) {
                continue;
            }
            for (IpNetwork a : nif.addresses()) {
                // Link-local addresses are covered by the policy's own link-local range, scope-free.
                if (a.prefixLength() > 0 && !a.address().isLinkLocalAddress()) {
                    out.add(a.masked());
                }
            }
        }
        return List.copyOf(out);
    }
}
