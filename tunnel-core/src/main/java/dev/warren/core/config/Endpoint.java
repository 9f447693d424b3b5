package dev.warren.core.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A peer's endpoint as written in a config: a host name or an IP literal, and a UDP port. It stays unresolved
 * until {@link #resolve()} is asked, because a tunnel is often configured before the network (and DNS) is up.
 *
 * @param host a lowercase host name, a canonical IPv4 literal, or a canonical IPv6 literal without brackets,
 *             optionally with a {@code %scope} (interface name or number)
 * @param port 1-65535
 */
public record Endpoint(String host, int port) {

    private static final int MAX_SCOPE = 64;

    public Endpoint {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("an endpoint port is 1-65535, not " + port);
        }
        host = canonicalHost(host);
    }

    /**
     * Parses {@code host:port}, {@code 1.2.3.4:port} or {@code [v6]:port} / {@code [v6%scope]:port}.
     *
     * @throws IllegalArgumentException with a reason a person understands
     */
    public static Endpoint parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("an endpoint is missing; write host:port");
        }
        String host;
        String portText;
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("the IPv6 address is missing its closing ']'; write [address]:port");
            }
            host = s.substring(1, close);
            if (close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("a port is missing after ']'; write [address]:port");
            }
            portText = s.substring(close + 2);
            if (host.indexOf(':') < 0) {
                throw new IllegalArgumentException("only IPv6 addresses go in brackets; write host:port");
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a port is missing; write host:port");
            }
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("an IPv6 endpoint is written in brackets, e.g. [2001:db8::1]:51820");
            }
        }
        return new Endpoint(host, parsePort(portText));
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the port must be a number 1-65535");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port must be a number 1-65535, not " + port);
        }
        return port;
    }

    private static String canonicalHost(String host) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("an endpoint host is missing");
        }
        if (host.indexOf(':') >= 0) {
            int pct = host.indexOf('%');
            String addr = pct < 0 ? host : host.substring(0, pct);
            InetAddress a;
            try {
                a = IpNetwork.parseLiteral(addr);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Texts.quote(addr) + " is not an IPv6 address");
            }
            if (pct < 0) {
                return IpNetwork.format(a);
            }
            String scope = host.substring(pct + 1);
            if (scope.isEmpty() || scope.length() > MAX_SCOPE
                    || !scope.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || "_.-=+".indexOf(c) >= 0)) {
                throw new IllegalArgumentException("the scope after '%' must be an interface name or number");
            }
            return IpNetwork.format(a) + "%" + scope;
        }
        try {
            return IpNetwork.format(IpNetwork.parseLiteral(host));
        } catch (IllegalArgumentException notLiteral) {
            String problem = DnsName.problem(host);
            if (problem != null) {
                throw new IllegalArgumentException("the host " + Texts.quote(host) + " " + problem);
            }
            return host.toLowerCase(Locale.ROOT);
        }
    }

    /** True when the host is an IP literal, so {@link #resolve()} needs no DNS. */
    public boolean isLiteral() {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /**
     * The socket address to send to: a literal is converted directly, a host name is looked up with the system
     * resolver and its first address used, as {@code wg} does. A scope names a network interface (or gives its
     * index), which must exist.
     *
     * @throws UnknownHostException when the name does not resolve or the scope's interface does not exist
     */
    public InetSocketAddress resolve() throws UnknownHostException {
        int pct = host.indexOf('%');
        if (pct >= 0) {
            byte[] raw = IpNetwork.parseLiteral(host.substring(0, pct)).getAddress();
            return new InetSocketAddress(Inet6Address.getByAddress(null, raw, scopeIndex(host.substring(pct + 1))), port);
        }
        return new InetSocketAddress(isLiteral() ? IpNetwork.parseLiteral(host) : InetAddress.getByName(host), port);
    }

    private static int scopeIndex(String scope) throws UnknownHostException {
        if (scope.length() <= 9 && scope.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Integer.parseInt(scope);
        }
        try {
            NetworkInterface nif = NetworkInterface.getByName(scope);
            if (nif == null) {
                throw new UnknownHostException("there is no network interface '" + scope + "'");
            }
            return nif.getIndex();
        } catch (SocketException e) {
            throw new UnknownHostException("cannot look up network interface '" + scope + "': " + e.getMessage());
        }
    }

    /** {@code host:port}, or {@code [v6%scope]:port} for IPv6: the form a config file and the UAPI use. */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
