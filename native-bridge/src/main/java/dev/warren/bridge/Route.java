package dev.warren.bridge;

import dev.warren.core.config.IpNetwork;

/**
 * A route sending {@code destination} out of interface {@code interfaceIndex} with no gateway (a tunnel is
 * point-to-point), as wg-quick adds for each allowed IP.
 *
 * @param destination the network; host bits are cleared (the kernel rejects them)
 * @param table       the routing table; {@link #MAIN_TABLE} unless policy routing sends default routes elsewhere
 * @param metric      the route priority (lower wins); 0 for the OS default
 */
public record Route(IpNetwork destination, int interfaceIndex, int table, int metric) {

    /** Linux's main table (RT_TABLE_MAIN). */
    public static final int MAIN_TABLE = 254;

    public Route {
        if (destination == null) {
            throw new IllegalArgumentException("route destination is missing");
        }
        destination = destination.masked();
        if (interfaceIndex <= 0) {
            throw new IllegalArgumentException("route to " + destination + ": interface index must be positive, not "
                    + interfaceIndex);
        }
        if (table == 0) {
            throw new IllegalArgumentException("route to " + destination + ": table must be 1-4294967295, not "
                    + Integer.toUnsignedString(table));
        }
        if (metric < 0) {
            throw new IllegalArgumentException("route to " + destination + ": metric must be 0 or more, not " + metric);
        }
    }

    /** A route in the main table with the default metric. */
    public static Route of(IpNetwork destination, int interfaceIndex) {
        return new Route(destination, interfaceIndex, MAIN_TABLE, 0);
    }

    @Override
    public String toString() {
        return destination + " dev #" + interfaceIndex + " table " + Integer.toUnsignedString(table)
                + (metric != 0 ? " metric " + metric : "");
    }
}
