package dev.warren.bridge;

import dev.warren.core.config.IpNetwork;

import java.io.Closeable;
import java.io.IOException;

/**
 * Configures the OS network stack for a tunnel interface: addresses, routes, MTU, link state, and the
 * policy-routing rules a full tunnel needs. Interfaces are named by index, which (unlike a name) cannot be
 * re-used by another interface while the caller holds it. Each call either takes effect or throws an
 * IOException naming the request and the OS's reason.
 */
public interface NetworkConfigurator extends Closeable {

    /** The index of the interface called {@code name}; throws if there is none. */
    int interfaceIndex(String name) throws IOException;

    /** Adds {@code address} (host bits kept: 10.0.0.2/24 means host .2 on a /24); fails if it is already there. */
    void addAddress(int interfaceIndex, IpNetwork address) throws IOException;

    void removeAddress(int interfaceIndex, IpNetwork address) throws IOException;

    /** Adds a route; fails if an identical one exists. */
    void addRoute(Route route) throws IOException;

    void removeRoute(Route route) throws IOException;

    void setMtu(int interfaceIndex, int mtu) throws IOException;

    void setUp(int interfaceIndex, boolean up) throws IOException;

    void addRule(PolicyRule rule) throws IOException;

    /** Removes the first rule matching every field of {@code rule}. */
    void removeRule(PolicyRule rule) throws IOException;

    @Override
    void close() throws IOException;
}
