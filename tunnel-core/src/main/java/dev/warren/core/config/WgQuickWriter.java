package dev.warren.core.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes a {@link TunnelConfig} in the wg-quick format, such that {@link WgQuickParser} reads back an equal
 * config and {@code wg-quick strip} / {@code wg setconf} read the device part.
 *
 * <p>A config parsed from text is written the way the user wrote it: comments, blank lines, key spelling,
 * indentation and order are kept, and a line is rewritten only when the model's value for it changed (keeping
 * its key spelling and trailing comment). Peers are matched to their original sections by public key, so
 * removing, adding or reordering peers moves their comments with them. A config without a layout is written in
 * the canonical order with canonical values.
 */
public final class WgQuickWriter {

    private WgQuickWriter() {
    }

    public static String write(TunnelConfig config) {
        return config.layout().map(layout -> withLayout(config, layout)).orElseGet(() -> canonical(config));
    }

    private static String canonical(TunnelConfig config) {
        StringBuilder out = new StringBuilder();
        canonicalSection(out, ConfigSection.INTERFACE, k -> k.items(config.interfaceConfig()), "\n");
        for (PeerConfig p : config.peers()) {
            out.append('\n');
            canonicalSection(out, ConfigSection.PEER, k -> k.items(p), "\n");
        }
        return out.toString();
    }

    private static void canonicalSection(StringBuilder out, ConfigSection kind, Function<ConfigKey, List<String>> items,
            String nl) {
        out.append(kind.header()).append(nl);
        for (ConfigKey k : ConfigKey.of(kind)) {
            appendNewKey(out, k, items.apply(k), nl);
        }
    }

    private static void appendNewKey(StringBuilder out, ConfigKey k, List<String> items, String nl) {
        if (k.isDefault(items)) {
            return;
        }
        if (k.arity == ConfigKey.Arity.LINES) {
            items.forEach(item -> out.append(k.displayName).append(" = ").append(item).append(nl));
        } else {
            out.append(k.displayName).append(" = ").append(String.join(", ", items)).append(nl);
        }
    }

    private static String withLayout(TunnelConfig config, SourceLayout layout) {
        String nl = layout.newline();
        SourceLayout.Section ifaceLayout = null;
        Map<String, SourceLayout.Section> peerByKey = new LinkedHashMap<>();
        for (SourceLayout.Section s : layout.sections()) {
            if (s.kind() == ConfigSection.INTERFACE) {
                ifaceLayout = s;
            } else {
                peerByKey.put(publicKeyOf(s), s);
            }
        }
        Map<PeerConfig, SourceLayout.Section> matched = new HashMap<>();
        List<PeerConfig> unmatched = new ArrayList<>();
        for (PeerConfig p : config.peers()) {
            SourceLayout.Section s = peerByKey.remove(p.publicKey().toBase64());
            if (s != null) {
                matched.put(p, s);
            } else {
                unmatched.add(p);
            }
        }
        // A peer whose key was changed in the model keeps the place and comments of a section left over.
        List<SourceLayout.Section> leftover = new ArrayList<>(peerByKey.values());
        for (int i = 0; i < unmatched.size() && i < leftover.size(); i++) {
            matched.put(unmatched.get(i), leftover.get(i));
        }

        // The interface keeps its place among the peers (some files list peers first).
        int interfaceSlot = layout.sections().indexOf(ifaceLayout);
        StringBuilder out = new StringBuilder();
        List<PeerConfig> peers = config.peers();
        for (int i = 0; i <= peers.size(); i++) {
            if (i == Math.min(interfaceSlot, peers.size())) {
                writeSection(out, ifaceLayout, k -> k.items(config.interfaceConfig()), nl);
            }
            if (i == peers.size()) {
                break;
            }
            PeerConfig p = peers.get(i);
            SourceLayout.Section s = matched.get(p);
            if (s != null) {
                writeSection(out, s, k -> k.items(p), nl);
            } else {
                if (!endsWithBlankLine(out, nl)) {
                    out.append(nl);
                }
                canonicalSection(out, ConfigSection.PEER, k -> k.items(p), nl);
            }
        }
        layout.trailer().forEach(l -> out.append(l.raw()).append(nl));
        if (!layout.finalNewline() && out.toString().endsWith(nl)) {
            out.setLength(out.length() - nl.length());
        }
        return out.toString();
    }

    private static String publicKeyOf(SourceLayout.Section s) {
        return s.body().stream().filter(l -> l.key() == ConfigKey.PUBLIC_KEY).findFirst()
                .map(l -> l.items().getFirst()).orElseThrow(() -> new IllegalStateException("layout peer without key"));
    }

    private static boolean endsWithBlankLine(StringBuilder out, String nl) {
        int n = out.length();
        return n == 0 || n >= 2 * nl.length() && out.substring(n - 2 * nl.length()).equals(nl + nl);
    }

    private static void writeSection(StringBuilder out, SourceLayout.Section s, Function<ConfigKey, List<String>> model,
            String nl) {
        s.leading().forEach(l -> out.append(l.raw()).append(nl));
        out.append(s.header().raw()).append(nl);

        Map<ConfigKey, List<SourceLayout.Line>> byKey = new EnumMap<>(ConfigKey.class);
        for (SourceLayout.Line l : s.body()) {
            if (l.isKey()) {
                byKey.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l);
            }
        }
        // By identity: two lines may be equal text (the same PostUp twice) yet each needs its own outcome.
        Map<SourceLayout.Line, List<String>> replacement = new IdentityHashMap<>();
        byKey.forEach((k, lines) -> replacement.putAll(replace(k, lines, model.apply(k))));

        for (SourceLayout.Line l : s.body()) {
            List<String> rewritten = l.isKey() ? replacement.get(l) : List.of(l.raw());
            rewritten.forEach(r -> out.append(r).append(nl));
        }
        for (ConfigKey k : ConfigKey.of(s.kind())) {
            if (!byKey.containsKey(k)) {
                appendNewKey(out, k, model.apply(k), nl);
            }
        }
    }

    /** What each source line of one key becomes: itself, a rewritten line, or only its comment. */
    private static Map<SourceLayout.Line, List<String>> replace(ConfigKey k, List<SourceLayout.Line> lines,
            List<String> items) {
        Map<SourceLayout.Line, List<String>> out = new IdentityHashMap<>();
        if (k.arity == ConfigKey.Arity.LINES) {
            for (int i = 0; i < lines.size(); i++) {
                SourceLayout.Line l = lines.get(i);
                List<String> text = new ArrayList<>();
                if (i < items.size()) {
                    String item = items.get(i);
                    text.add(l.items().equals(List.of(item)) ? l.raw() : valuePrefix(l) + item + l.suffix());
                } else {
                    commentOf(l).ifPresent(text::add);
                }
                if (i == lines.size() - 1) {
                    items.subList(Math.min(items.size(), lines.size()), items.size())
                            .forEach(item -> text.add(valuePrefix(l) + item + withoutComment(l.suffix())));
                }
                out.put(l, text);
            }
            return out;
        }
        List<String> written = new ArrayList<>();
        lines.forEach(l -> written.addAll(l.items()));
        boolean same = k == ConfigKey.DNS ? serversFirst(written).equals(items) : written.equals(items);
        for (int i = 0; i < lines.size(); i++) {
            SourceLayout.Line l = lines.get(i);
            if (same) {
                out.put(l, List.of(l.raw()));
            } else if (i == 0 && !k.isDefault(items)) {
                out.put(l, List.of(valuePrefix(l) + String.join(", ", items) + l.suffix()));
            } else {
                out.put(l, commentOf(l).map(List::of).orElse(List.of()));
            }
        }
        return out;
    }

    /** The model keeps DNS servers and search domains apart, so the file's interleaving is not a change. */
    private static List<String> serversFirst(List<String> dnsItems) {
        List<String> servers = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (String item : dnsItems) {
            (isIpLiteral(item) ? servers : domains).add(item);
        }
        servers.addAll(domains);
        return servers;
    }

    private static boolean isIpLiteral(String s) {
        try {
            IpNetwork.parseLiteral(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A removed line's trailing comment survives as a comment line at the same indentation. */
    private static Optional<String> commentOf(SourceLayout.Line l) {
        int hash = l.suffix().indexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        String raw = l.raw();
        int indent = 0;
        while (indent < raw.length() && Character.isWhitespace(raw.charAt(indent))) {
            indent++;
        }
        return Optional.of(raw.substring(0, indent) + l.suffix().substring(hash));
    }

    /** The line up to its value; a line that had an empty value ("DNS =") gets a space before the new one. */
    private static String valuePrefix(SourceLayout.Line l) {
        return l.prefix().endsWith("=") ? l.prefix() + " " : l.prefix();
    }

    private static String withoutComment(String suffix) {
        int hash = suffix.indexOf('#');
        return hash < 0 ? suffix : "";
    }
}
