package dev.warren.core.uapi;

import dev.warren.core.config.IpNetwork;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * The value syntax of the UAPI, as wireguard-go reads it with Go's strconv and net/netip: decimal numbers,
 * IP literals (no hostnames, no IPv4 octets with leading zeros), prefixes and endpoints.
 *
 * <p>Known difference: IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) become plain IPv4, because Java has no
 * separate value for them; as allowed IPs they are refused rather than silently turned into an IPv4 prefix.
 */
final class UapiSyntax {

    private UapiSyntax() {
    }

    /** The value of {@code text}, or -1 if it is not 1 or more ASCII digits with a value of at most {@code max}. */
    static long parseUnsigned(String text, long max) {
        if (text.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v > max) {
                return -1;
            }
        }
        return v;
    }

    /**
     * An allowed IP: {@code address/bits}, host bits allowed (the device clears them).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static IpNetwork parsePrefix(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("an allowed IP is address/prefix-length");
        }
        String addrText = text.substring(0, slash);
        if (addrText.indexOf('%') >= 0) {
            throw new IllegalArgumentException("an allowed IP has no scope (%zone)");
        }
        InetAddress addr = parseAddress(addrText);
        if (addr instanceof Inet4Address && addrText.indexOf(':') >= 0) {
            throw new IllegalArgumentException("IPv4-mapped IPv6 prefixes are not supported; write the IPv4 prefix");
        }
        int max = addr instanceof Inet6Address ? 128 : 32;
        long bits = parseUnsigned(text.substring(slash + 1), max);
        if (bits < 0) {
            throw new IllegalArgumentException("the prefix length must be a number 0-" + max);
        }
        return new IpNetwork(addr, (int) bits);
    }

    /**
     * An endpoint: {@code 192.0.2.1:51820} or {@code [2001:db8::1]:51820}, optionally with a zone
     * ({@code [fe80::1%eth0]:51820}, by interface name or index) that must name an existing interface.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static InetSocketAddress parseEndpoint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("an endpoint is IP:port or [IPv6]:port");
        }
        String host = text.substring(0, colon);
        long port = parseUnsigned(text.substring(colon + 1), 65535);
        if (port < 0) {
            throw new IllegalArgumentException("the port must be a number 0-65535");
        }
        InetAddress addr;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            int percent = host.indexOf('%');
            addr = parseAddress(percent < 0 ? host : host.substring(0, percent));
            if (!(addr instanceof Inet6Address) && host.indexOf(':') < 0) {
                throw new IllegalArgumentException("only an IPv6 address goes in brackets");
            }
            if (percent >= 0) {
                addr = withZone(addr, host.substring(percent + 1));
            }
        } else if (host.indexOf(':') >= 0 || host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
            throw new IllegalArgumentException("an IPv6 endpoint is written [address]:port");
        } else {
            addr = parseAddress(host);
        }
        return new InetSocketAddress(addr, (int) port);
    }

    /** The endpoint as wireguard-go prints it: the zone, if any, is left out. */
    static String formatEndpoint(InetSocketAddress endpoint) {
        String host = IpNetwork.format(endpoint.getAddress());
        return (endpoint.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + endpoint.getPort();
    }

    /** A numeric IP literal; unlike the wg-quick parser, IPv4 octets with leading zeros are refused, as in Go. */
    private static InetAddress parseAddress(String text) {
        if (text.indexOf(':') < 0) {
            for (String octet : text.split("\\.", -1)) {
                if (octet.length() > 1 && octet.charAt(0) == '0') {
                    throw new IllegalArgumentException("'" + text + "' has an IPv4 octet with a leading zero");
                }
            }
        }
        return IpNetwork.parseLiteral(text);
    }

    private static InetAddress withZone(InetAddress addr, String zone) {
        if (!(addr instanceof Inet6Address)) {
            throw new IllegalArgumentException("only an IPv6 address has a zone");
        }
        try {
            long index = parseUnsigned(zone, Integer.MAX_VALUE);
            if (index >= 0) {
                return Inet6Address.getByAddress(null, addr.getAddress(), (int) index);
            }
            NetworkInterface nif = zone.isEmpty() ? null : NetworkInterface.getByName(zone);
            if (nif == null) {
                throw new IllegalArgumentException("there is no network interface '" + zone + "' for the zone");
            }
            return Inet6Address.getByAddress(null, addr.getAddress(), nif);
        } catch (UnknownHostException | SocketException e) {
            throw new IllegalArgumentException("zone '" + zone + "': " + e.getMessage(), e);
        }
    }
}
