package dev.warren.app.ui.editor;

import dev.warren.core.config.IpNetwork;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The editor's "Block untunneled traffic" switch, as WireGuard for Windows defines it: a config whose single peer
 * routes everything as {@code 0.0.0.0/0} / {@code ::/0} blocks traffic outside the tunnel (the kill-switch keys off
 * the /0), while the same routes split into two /1 halves ({@code 0.0.0.0/1, 128.0.0.0/1} and
 * {@code ::/1, 8000::/1}) send everything through the tunnel without the block. Toggling rewrites only the peer's
 * AllowedIPs values, so comments, order and every other line stay as the user wrote them.
 */
public final class UntunneledTraffic {

    private static final IpNetwork V4_ALL = IpNetwork.parse("0.0.0.0/0");
    private static final IpNetwork V6_ALL = IpNetwork.parse("::/0");
    private static final List<IpNetwork> V4_HALVES = List.of(IpNetwork.parse("0.0.0.0/1"), IpNetwork.parse("128.0.0.0/1"));
    private static final List<IpNetwork> V6_HALVES = List.of(IpNetwork.parse("::/1"), IpNetwork.parse("8000::/1"));

    private UntunneledTraffic() {
    }

    /**
     * Whether the switch applies to this text (exactly one peer, routing all IPv4 or all IPv6 either way) and,
     * if so, whether it is on.
     */
    public static Optional<Boolean> state(String text) {
        Optional<List<Line>> lines = allowedIpLines(text);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<IpNetwork> nets = new ArrayList<>();
        for (Line line : lines.get()) {
            for (String entry : line.entries()) {
                parse(entry).ifPresent(nets::add);
            }
        }
        boolean blocking = nets.contains(V4_ALL) || nets.contains(V6_ALL);
        boolean split = nets.containsAll(V4_HALVES) || nets.containsAll(V6_HALVES);
        return blocking || split ? Optional.of(blocking) : Optional.empty();
    }

    /** The text with the switch set; unchanged when the switch does not apply or is already so. */
    public static String set(String text, boolean block) {
        Optional<List<Line>> lines = allowedIpLines(text);
        if (lines.isEmpty() || state(text).isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        List<Line> reversed = new ArrayList<>(lines.get());
        Collections.reverse(reversed);
        for (Line line : reversed) {
            List<String> rewritten = new ArrayList<>();
            for (String entry : line.entries()) {
                Optional<IpNetwork> net = parse(entry);
                if (block && net.isPresent() && (net.get().equals(V4_HALVES.get(0)) || net.get().equals(V6_HALVES.get(0)))) {
                    rewritten.add(net.get().equals(V4_HALVES.get(0)) ? "0.0.0.0/0" : "::/0");
                } else if (block && net.isPresent() && (V4_HALVES.get(1).equals(net.get()) || V6_HALVES.get(1).equals(net.get()))) {
                    continue;
                } else if (!block && net.isPresent() && net.get().equals(V4_ALL)) {
                    rewritten.add("0.0.0.0/1");
                    rewritten.add("128.0.0.0/1");
                } else if (!block && net.isPresent() && net.get().equals(V6_ALL)) {
                    rewritten.add("::/1");
                    rewritten.add("8000::/1");
                } else {
                    rewritten.add(entry);
                }
            }
            if (rewritten.isEmpty()) {
                out.delete(line.lineStart(), line.lineEnd());
            } else {
                out.replace(line.valueStart(), line.valueEnd(), String.join(", ", rewritten));
            }
        }
        return out.toString();
    }

    private static Optional<IpNetwork> parse(String entry) {
        try {
            return Optional.of(IpNetwork.parse(entry).masked());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * An AllowedIPs line of the only peer: where the line (with its line break) and its value sit in the text,
     * and the value's entries. A line whose entries all merge into another is removed whole.
     */
    private record Line(int lineStart, int lineEnd, int valueStart, int valueEnd, List<String> entries) {
    }

    /** The AllowedIPs lines of the config's only peer; empty when there is not exactly one peer. */
    private static Optional<List<Line>> allowedIpLines(String text) {
        List<SyntaxToken> tokens = ConfigLexer.tokens(text);
        int peers = 0;
        boolean inPeer = false;
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            SyntaxToken t = tokens.get(i);
            String s = text.substring(t.start(), t.end());
            if (t.kind() == SyntaxToken.Kind.SECTION) {
                inPeer = s.equalsIgnoreCase("[Peer]");
                peers += inPeer ? 1 : 0;
            } else if (inPeer && t.kind() == SyntaxToken.Kind.KEY && s.toLowerCase(Locale.ROOT).equals("allowedips")
                    && i + 2 < tokens.size() && tokens.get(i + 1).kind() == SyntaxToken.Kind.DELIMITER
                    && tokens.get(i + 2).kind() == SyntaxToken.Kind.VALUE) {
                SyntaxToken v = tokens.get(i + 2);
                List<String> entries = new ArrayList<>();
                for (String e : text.substring(v.start(), v.end()).split(",")) {
                    if (!e.isBlank()) {
                        entries.add(e.strip());
                    }
                }
                int lineStart = text.lastIndexOf('\n', t.start()) + 1;
                int nl = text.indexOf('\n', v.end());
                lines.add(new Line(lineStart, nl < 0 ? text.length() : nl + 1, v.start(), v.end(), entries));
            }
        }
        return peers == 1 && !lines.isEmpty() ? Optional.of(lines) : Optional.empty();
    }
}
