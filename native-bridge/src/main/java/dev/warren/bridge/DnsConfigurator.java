package dev.warren.bridge;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Points the system resolver at a tunnel's DNS servers (wg-quick's {@code DNS =}) and takes them away again.
 * Implementations remember what they set per interface, so {@link #clear} restores exactly the earlier state.
 */
public interface DnsConfigurator {

    /**
     * Makes {@code servers} the resolvers for queries while the tunnel is up, with {@code searchDomains} as
     * search suffixes; replaces whatever this configurator set earlier for the same interface.
     *
     * @throws IllegalArgumentException if there is no server or a domain is not a valid DNS name
     */
    void set(String interfaceName, List<InetAddress> servers, List<String> searchDomains) throws IOException;

    /** Removes what {@link #set} configured for the interface; does nothing if nothing was set. */
    void clear(String interfaceName) throws IOException;

    /**
     * Removes DNS that an earlier process, since killed, set for the interface with {@link #set}: this process
     * never saw that happen, so the record is addressed by the interface name alone. Nothing there is not an error.
     *
     * @return what was run to revert it (for the log), or empty if no DNS tool applies here
     */
    Optional<String> clearStale(String interfaceName) throws IOException;

    /** Checks a search domain: dot-separated labels of letters, digits and hyphens, at most 253 characters. */
    static String checkDomain(String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty() || d.length() > 253) {
            throw new IllegalArgumentException("DNS search domain '" + domain + "' must be 1-253 characters");
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
                throw new IllegalArgumentException("DNS search domain '" + domain
                        + "' must be labels of 1-63 letters, digits, '-' or '_' separated by dots");
            }
        }
        return d;
    }
}
