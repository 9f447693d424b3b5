package dev.warren.bridge.watch;

import dev.warren.core.config.Endpoint;

import java.io.IOException;
import java.net.InetSocketAddress;

/** How a peer's endpoint host name becomes an address; {@link Endpoint#resolve()} outside tests. */
@FunctionalInterface
public interface EndpointResolver {

    EndpointResolver SYSTEM = Endpoint::resolve;

    /** May block (DNS); never called on a device's or the monitor's thread. */
    InetSocketAddress resolve(Endpoint endpoint) throws IOException;
}
