package dev.warren.app.ui.editor;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.PeerConfig;
import dev.warren.core.config.RoutingTable;
import dev.warren.core.config.TunnelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WireGuard for Windows keeps its kill-switch in the only peer's AllowedIPs rather than in a setting: routing
 * {@code 0.0.0.0/0} or {@code ::/0} blocks untunneled traffic, while the same routes written as two /1 halves
 * ({@code 0.0.0.0/1, 128.0.0.0/1} and {@code ::/1, 8000::/1}) send everything through the tunnel without
 * blocking. Its editor's checkbox swaps one spelling for the other; this makes the same swap, so a config
 * toggled in Warren means the same in WireGuard for Windows and back.
 *
 * <p>The resulting AllowedIPs are WireGuard for Windows' exactly (the untouched entries first, in their order,
 * then the swapped ones, IPv4 before IPv6), but where it regenerates the whole file from its model, only the
 * peer's AllowedIPs values change here: comments, spelling and the other lines stay as the user wrote them.
 */
final class FullTunnelRoutes {

    private static final IpNetwork V4_ALL = IpNetwork.parse("0.0.0.0/0");
    private static final IpNetwork V4_LOW = IpNetwork.parse("0.0.0.0/1");
    private static final IpNetwork V4_HIGH = IpNetwork.parse("128.0.0.0/1");
    private static final IpNetwork V6_ALL = IpNetwork.parse("::/0");
    private static final IpNetwork V6_LOW = IpNetwork.parse("::/1");
    private static final IpNetwork V6_HIGH = IpNetwork.parse("8000::/1");

    private FullTunnelRoutes() {
    }

    /**
     * Whether WireGuard for Windows would offer its checkbox for this config, and checked or not: present when
     * there is exactly one peer, the routing table is not off, and the peer routes a /0 (checked) or both /1
     * halves of a family (unchecked).
     */
    static Optional<Boolean> blocking(TunnelConfig config) {
        if (config.peers().size() != 1 || config.interfaceConfig().table().mode() == RoutingTable.Mode.OFF) {
            return Optional.empty();
        }
        List<IpNetwork> ips = config.peers().getFirst().allowedIps();
        if (ips.contains(V4_ALL) || ips.contains(V6_ALL)) {
            return Optional.of(true);
        }
        boolean halves = ips.contains(V4_LOW) && ips.contains(V4_HIGH) || ips.contains(V6_LOW) && ips.contains(V6_HIGH);
        return halves ? Optional.of(false) : Optional.empty();
    }

    /**
     * The text with the only peer's AllowedIPs swapped as WireGuard for Windows does: to block, the /1 halves
     * become /0 (a family with one half left keeps it); not to block, each /0 becomes its two halves. The swapped
     * entries are appended to the peer's last AllowedIPs line; a line left without entries is removed, or kept as
     * a comment line when it had a comment. The text comes back unchanged when there is nothing to swap.
     *
     * @param text a valid config with exactly one {@code [Peer]} (see {@link #blocking})
     */
    static String withBlocking(String text, boolean block) {
        List<SyntaxToken> values = allowedIpsValues(text);
        List<List<String>> kept = new ArrayList<>();
        List<IpNetwork> removed = new ArrayList<>();
        for (SyntaxToken v : values) {
            List<String> keep = new ArrayList<>();
            for (String entry : text.substring(v.start(), v.end()).split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                IpNetwork n = IpNetwork.parse(e).masked();
                if (block ? isHalf(n) : n.equals(V4_ALL) || n.equals(V6_ALL)) {
                    removed.add(n);
                } else {
                    keep.add(e);
                }
            }
            kept.add(keep);
        }
        List<String> added = block ? merged(removed) : split(removed);
        if (added.isEmpty()) {
            return text;
        }
        kept.getLast().addAll(added);
        StringBuilder out = new StringBuilder(text);
        // From the end, so earlier offsets stay right.
        for (int i = values.size() - 1; i >= 0; i--) {
            SyntaxToken v = values.get(i);
            if (!kept.get(i).isEmpty()) {
                out.replace(v.start(), v.end(), String.join(", ", kept.get(i)));
                continue;
            }
            int lineStart = text.lastIndexOf('\n', v.start()) + 1;
            int nl = text.indexOf('\n', v.end());
            int lineEnd = nl < 0 ? text.length() : nl + 1;
            int hash = text.indexOf('#', v.end());
            if (hash >= 0 && hash < lineEnd) {
                out.delete(lineStart, hash);
            } else {
                out.delete(lineStart, lineEnd);
            }
        }
        return out.toString();
    }

    private static boolean isHalf(IpNetwork n) {
        return n.equals(V4_LOW) || n.equals(V4_HIGH) || n.equals(V6_LOW) || n.equals(V6_HIGH);
    }

    /** To block: both halves of a family make its /0; no complete family means nothing to do. */
    private static List<String> merged(List<IpNetwork> halves) {
        boolean v4 = halves.contains(V4_LOW) && halves.contains(V4_HIGH);
        boolean v6 = halves.contains(V6_LOW) && halves.contains(V6_HIGH);
        if (!v4 && !v6) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        family(out, halves, v4, V4_ALL, V4_LOW, V4_HIGH);
        family(out, halves, v6, V6_ALL, V6_LOW, V6_HIGH);
        return out;
    }

    private static void family(List<String> out, List<IpNetwork> halves, boolean whole, IpNetwork all, IpNetwork low,
            IpNetwork high) {
        if (whole) {
            out.add(all.toString());
        } else if (halves.contains(low)) {
            out.add(low.toString());
        } else if (halves.contains(high)) {
            out.add(high.toString());
        }
    }

    /** Not to block: each /0 becomes its two halves. */
    private static List<String> split(List<IpNetwork> wholes) {
        List<String> out = new ArrayList<>();
        if (wholes.contains(V4_ALL)) {
            out.add(V4_LOW.toString());
            out.add(V4_HIGH.toString());
        }
        if (wholes.contains(V6_ALL)) {
            out.add(V6_LOW.toString());
            out.add(V6_HIGH.toString());
        }
        return out;
    }

    /** The values of the {@code AllowedIPs} lines after the (only) {@code [Peer]} header, in order. */
    private static List<SyntaxToken> allowedIpsValues(String text) {
        List<SyntaxToken> tokens = ConfigLexer.tokens(text);
        List<SyntaxToken> out = new ArrayList<>();
        boolean inPeer = false;
        for (int i = 0; i < tokens.size(); i++) {
            SyntaxToken t = tokens.get(i);
            String s = text.substring(t.start(), t.end());
            if (t.kind() == SyntaxToken.Kind.SECTION) {
                inPeer = s.equalsIgnoreCase("[Peer]");
            } else if (inPeer && t.kind() == SyntaxToken.Kind.KEY && s.equalsIgnoreCase("AllowedIPs")
                    && i + 2 < tokens.size() && tokens.get(i + 2).kind() == SyntaxToken.Kind.VALUE
                    && sameLine(text, t.end(), tokens.get(i + 2).start())) {
                out.add(tokens.get(i + 2));
            }
        }
        return out;
    }

    private static boolean sameLine(String text, int from, int to) {
        int nl = text.indexOf('\n', from);
        return nl < 0 || nl > to;
    }
}
