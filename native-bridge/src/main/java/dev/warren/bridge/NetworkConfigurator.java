package dev.warren.bridge;

import dev.warren.core.config.IpNetwork;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.OptionalLong;

/**
 * Configures the OS network stack for a tunnel interface: addresses, routes, MTU, link state, and the
 * policy-routing rules a full tunnel needs. Interfaces are named by index, which (unlike a name) cannot be
 * re-used by another interface while the caller holds it. Each call either takes effect or throws an
 * IOException naming the request and the OS's reason.
 */
public interface NetworkConfigurator extends Closeable {

    /** The index of the interface called {@code name}; throws if there is none. */
    int interfaceIndex(String name) throws IOException;

    /**
     * What to tell the user about tunnel interface {@code name}, found still there after a manager that did not stop
     * cleanly: whether it is certainly Warren's, and how it goes away on this OS.
     */
    String leftoverInterfaceAdvice(String name);

    /**
     * The interface's LUID, Windows' 64-bit interface identifier (what WFP filters match on); empty where the OS has
     * no such thing.
     */
    default OptionalLong interfaceLuid(int interfaceIndex) throws IOException {
        return OptionalLong.empty();
    }

    /** Adds {@code address} (host bits kept: 10.0.0.2/24 means host .2 on a /24); fails if it is already there. */
    void addAddress(int interfaceIndex, IpNetwork address) throws IOException;

    void removeAddress(int interfaceIndex, IpNetwork address) throws IOException;

    /** Adds a route; fails if an identical one exists. */
    void addRoute(Route route) throws IOException;

    void removeRoute(Route route) throws IOException;

    void setMtu(int interfaceIndex, int mtu) throws IOException;

    void setUp(int interfaceIndex, boolean up) throws IOException;

    /** The interface's current MTU. */
    int mtu(int interfaceIndex) throws IOException;

    /**
     * Asks the OS which route a packet to {@code destination} would take, as if it carried firewall mark
     * {@code fwmark} (0 for none): with the tunnel's own mark, the answer is the uplink its UDP packets use.
     *
     * @throws IOException if no route leads there (e.g. "Network is unreachable")
     */
    RouteLookup lookupRoute(InetAddress destination, int fwmark) throws IOException;

    void addRule(PolicyRule rule) throws IOException;

    /** Removes the first rule matching every field of {@code rule}. */
    void removeRule(PolicyRule rule) throws IOException;

    @Override
    void close() throws IOException;
}
