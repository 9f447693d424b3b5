package dev.warren.core.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address with a prefix length, e.g. {@code 10.0.0.2/32} or {@code fd00::/64}.
 *
 * <p>Host bits are kept as written (wg-quick's {@code Address = 10.0.0.2/24} means the host 10.0.0.2 on a /24);
 * {@link #masked()} clears them, as AllowedIPs need.
 */
public record IpNetwork(InetAddress address, int prefixLength) {

    public IpNetwork {
        int max = maxPrefix(address);
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length must be 0-" + max + ", not " + prefixLength);
        }
    }

    /**
     * Parses {@code addr} or {@code addr/len} with a numeric IPv4 or IPv6 address; without a length the whole
     * address is meant (/32 or /128). Never resolves a hostname.
     */
    public static IpNetwork parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String addrText = slash < 0 ? s : s.substring(0, slash);
        InetAddress addr = parseLiteral(addrText);
        int len;
        if (slash < 0) {
            len = maxPrefix(addr);
        } else {
            String lenText = s.substring(slash + 1);
            if (lenText.isEmpty() || lenText.length() > 3 || !lenText.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + lenText + "' is not a prefix length (0-" + maxPrefix(addr) + ")");
            }
            len = Integer.parseInt(lenText);
        }
        return new IpNetwork(addr, len);
    }

    /**
     * Parses a numeric IPv4 (dotted quad) or IPv6 literal without any DNS lookup.
     *
     * @throws IllegalArgumentException naming the text when it is not an IP address
     */
    public static InetAddress parseLiteral(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an IP address is missing");
        }
        byte[] raw = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
        if (raw == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address", e);
        }
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** This network with its host bits cleared. */
    public IpNetwork masked() {
        byte[] raw = address.getAddress();
        for (int i = 0; i < raw.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - 8 * i));
            raw[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return new IpNetwork(InetAddress.getByAddress(raw), prefixLength);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** True if {@code other} lies inside this network (or is equal to it). */
    public boolean contains(IpNetwork other) {
        if (isIpv4() != other.isIpv4() || other.prefixLength < prefixLength) {
            return false;
        }
        return new IpNetwork(other.address, prefixLength).masked().address.equals(masked().address);
    }

    /** True if the two networks share at least one address. */
    public boolean overlaps(IpNetwork other) {
        return contains(other) || other.contains(this);
    }

    /** Canonical text: {@code 10.0.0.0/8}, {@code fd00::1/128} (compressed IPv6, lowercase). */
    @Override
    public String toString() {
        return format(address) + "/" + prefixLength;
    }

    /** The canonical text of an address: dotted quad or RFC 5952 compressed IPv6 (no scope). */
    public static String format(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    private static int maxPrefix(InetAddress a) {
        return a instanceof Inet6Address ? 128 : 32;
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        if (s.indexOf('%') >= 0) {
            return null;
        }
        // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
        int lastColon = s.lastIndexOf(':');
        String tail = s.substring(lastColon + 1);
        if (tail.indexOf('.') >= 0) {
            byte[] v4 = parseV4(tail);
            if (v4 == null) {
                return null;
            }
            s = s.substring(0, lastColon + 1)
                    + Integer.toHexString((v4[0] & 0xff) << 8 | (v4[1] & 0xff)) + ":"
                    + Integer.toHexString((v4[2] & 0xff) << 8 | (v4[3] & 0xff));
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String rest = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] r = groups(rest);
        if (h == null || r == null) {
            return null;
        }
        int total = h.length + r.length;
        if (dbl < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < r.length; i++) {
            int g = 8 - r.length + i;
            out[2 * g] = (byte) (r[i] >> 8);
            out[2 * g + 1] = (byte) r[i];
        }
        return out;
    }

    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 16);
                if (d < 0) {
                    return null;
                }
                v = v << 4 | d;
            }
            out[i] = v;
        }
        return out;
    }
}
