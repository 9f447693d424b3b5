package dev.warren.core.uapi;

import dev.warren.core.config.IpNetwork;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** The UAPI text form of an endpoint: {@code 192.0.2.1:51820} or {@code [2001:db8::1]:51820}, never a hostname. */
final class UapiEndpoint {

    private UapiEndpoint() {
    }

    static String format(InetSocketAddress endpoint) {
        String host = IpNetwork.format(endpoint.getAddress());
        return (endpoint.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + endpoint.getPort();
    }

    /**
     * Parses the forms wireguard-go accepts (IPv6 in brackets, IPv4 bare), without any DNS lookup.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("an endpoint is IP:port or [IPv6]:port");
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (host.indexOf(':') < 0) {
                throw new IllegalArgumentException("only an IPv6 address goes in brackets");
            }
            if (host.indexOf('%') >= 0) {
                throw new IllegalArgumentException("an IPv6 endpoint with a scope (%zone) is not supported");
            }
        } else if (host.indexOf(':') >= 0 || host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
            throw new IllegalArgumentException("an IPv6 endpoint is written [address]:port");
        }
        long port = UapiNumbers.parseUnsigned(portText, 65535);
        if (port < 0) {
            throw new IllegalArgumentException("the port must be a number 0-65535");
        }
        return new InetSocketAddress(IpNetwork.parseLiteral(host), (int) port);
    }
}
