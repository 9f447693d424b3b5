package dev.warren.core.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the wg-quick configuration format (also WireGuard for Windows'): {@code [Interface]} and {@code [Peer]}
 * sections of {@code Key = Value} lines, keys case-insensitive, {@code #} starting a comment anywhere, list
 * values comma-separated and repeatable.
 *
 * <p>Parsing never stops at the first problem: every error in the file is reported, each with its line and
 * column, and no input (however broken) makes it throw. A valid result carries the {@link SourceLayout} of the
 * text so that writing it back keeps the user's comments and order.
 */
public final class WgQuickParser {

    private WgQuickParser() {
    }

    /**
     * Parses a file's bytes: UTF-8 with or without BOM, or UTF-16 LE/BE with or without BOM; LF or CRLF.
     *
     * @param fileName the name errors refer to (usually the path as the user gave it)
     */
    public static ParseResult parse(String fileName, byte[] content) {
        Objects.requireNonNull(fileName, "fileName");
        ConfigTextDecoder.Decoded decoded = ConfigTextDecoder.decode(content);
        Run run = new Run(fileName, decoded.text());
        for (int offset : decoded.malformedOffsets()) {
            run.malformed(offset, decoded.charset());
        }
        return run.parse();
    }

    /**
     * The text {@link #parse(String, byte[])} reads from these bytes (UTF-16 recognised with or without BOM, the
     * BOM dropped, undecodable bytes as U+FFFD). Whatever shows or filters a file's text must decode it with this,
     * so that it sees the very lines the parser saw.
     */
    public static String decode(byte[] content) {
        return ConfigTextDecoder.decode(content).text();
    }

    /** Parses text already decoded; a leading BOM character is ignored. */
    public static ParseResult parse(String fileName, String text) {
        Objects.requireNonNull(fileName, "fileName");
        return new Run(fileName, text.startsWith("\uFEFF") ? text.substring(1) : text).parse();
    }

    /** Everything known about one section while its lines are read. */
    private static final class SectionState {
        final ConfigSection kind;
        final int line;
        final int column;
        final int length;
        final List<SourceLayout.Line> leading;
        final SourceLayout.Line header;
        final List<SourceLayout.Line> body = new ArrayList<>();
        final Map<ConfigKey, Integer> seenOnLine = new EnumMap<>(ConfigKey.class);
        /** Keys suggested for misspelt ones: their absence is the same mistake, already reported. */
        final Set<ConfigKey> suggested = EnumSet.noneOf(ConfigKey.class);

        Key privateKey;
        final List<IpNetwork> addresses = new ArrayList<>();
        final List<InetAddress> dnsServers = new ArrayList<>();
        final List<String> dnsSearchDomains = new ArrayList<>();
        OptionalInt listenPort = OptionalInt.empty();
        OptionalLong fwMark = OptionalLong.empty();
        OptionalInt mtu = OptionalInt.empty();
        RoutingTable table = RoutingTable.AUTO;
        final Map<ConfigKey, List<String>> scripts = new EnumMap<>(ConfigKey.class);
        boolean saveConfig;

        Key publicKey;
        int publicKeyLine;
        int publicKeyColumn;
        int publicKeyEnd;
        Key presharedKey;
        final List<IpNetwork> allowedIps = new ArrayList<>();
        Endpoint endpoint;
        int persistentKeepalive;

        SectionState(ConfigSection kind, int line, int column, int length, List<SourceLayout.Line> leading,
                SourceLayout.Line header) {
            this.kind = kind;
            this.line = line;
            this.column = column;
            this.length = length;
            this.leading = leading;
            this.header = header;
        }

        List<String> scripts(ConfigKey key) {
            return scripts.computeIfAbsent(key, k -> new ArrayList<>());
        }

        InterfaceConfig toInterface() {
            return InterfaceConfig.builder(privateKey).addresses(addresses).dnsServers(dnsServers)
                    .dnsSearchDomains(dnsSearchDomains).listenPort(listenPort).fwMark(fwMark).mtu(mtu).table(table)
                    .preUp(scripts(ConfigKey.PRE_UP)).postUp(scripts(ConfigKey.POST_UP))
                    .preDown(scripts(ConfigKey.PRE_DOWN)).postDown(scripts(ConfigKey.POST_DOWN))
                    .saveConfig(saveConfig).build();
        }

        PeerConfig toPeer() {
            return PeerConfig.builder(publicKey).presharedKey(Optional.ofNullable(presharedKey))
                    .allowedIps(allowedIps).endpoint(Optional.ofNullable(endpoint))
                    .persistentKeepalive(persistentKeepalive).build();
        }

        SourceLayout.Section toLayout() {
            return new SourceLayout.Section(kind, leading, header, body);
        }
    }

    /** One parse of one text: its lines, the sections found so far and the errors collected. */
    private static final class Run {
        private final String file;
        private final List<String> lines = new ArrayList<>();
        private final List<Integer> lineStarts = new ArrayList<>();
        private String newline = "\n";
        private boolean finalNewline = true;
        private final List<ConfigError> errors = new ArrayList<>();
        private int lastMalformedLine = -1;

        private SectionState current;
        private boolean inUnknownSection;
        private SectionState iface;
        private final List<SectionState> peers = new ArrayList<>();
        private final List<SectionState> inFileOrder = new ArrayList<>();
        private List<SourceLayout.Line> pending = new ArrayList<>();

        Run(String file, String text) {
            this.file = file;
            split(text);
        }

        /** A lone \r counts as a line break when reading, but files are written with \n or \r\n only. */
        private void split(String text) {
            boolean newlineKnown = false;
            for (ConfigLine l : ConfigLine.split(text)) {
                lines.add(l.content());
                lineStarts.add(l.start());
                if (!newlineKnown && !l.terminator().isEmpty()) {
                    newline = l.terminator().equals("\r\n") ? "\r\n" : "\n";
                    newlineKnown = true;
                }
                finalNewline = !l.terminator().isEmpty();
            }
        }

        /** Reports undecodable input at its place, once per line: one such error says all there is to fix. */
        void malformed(int offset, Charset charset) {
            int idx = Collections.binarySearch(lineStarts, offset);
            idx = idx >= 0 ? idx : Math.max(0, -idx - 2);
            if (idx == lastMalformedLine) {
                return;
            }
            lastMalformedLine = idx;
            int within = lines.isEmpty() ? 0 : Math.min(offset - lineStarts.get(idx), lines.get(idx).length());
            error(idx, within, within + 1, null, null,
                    "bytes that are not valid " + charset.name() + " text; save the file as UTF-8", null);
        }

        ParseResult parse() {
            for (int i = 0; i < lines.size(); i++) {
                parseLine(i, lines.get(i));
            }
            finishStructure();
            errors.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
            if (!errors.isEmpty()) {
                return new ParseResult.Invalid(errors);
            }
            List<SourceLayout.Section> layoutSections = inFileOrder.stream().map(SectionState::toLayout).toList();
            SourceLayout layout = new SourceLayout(newline, finalNewline, layoutSections, pending);
            return new ParseResult.Valid(TunnelConfig.parsed(iface.toInterface(),
                    peers.stream().map(SectionState::toPeer).toList(), layout));
        }

        private void parseLine(int li, String line) {
            int hash = line.indexOf('#');
            int end = hash < 0 ? line.length() : hash;
            int s = skipSpace(line, 0, end);
            int e = trimEnd(line, s, end);
            if (s == e) {
                pending.add(SourceLayout.Line.verbatim(line));
                return;
            }
            if (line.charAt(s) == '[') {
                header(li, line, s, e);
                return;
            }
            int eq = line.indexOf('=', s);
            if (eq < 0 || eq >= e) {
                error(li, s, e, sectionOf(current), null,
                        "expected 'Key = Value' or a section header such as [Peer]; this line has no '='", null);
                return;
            }
            int keyEnd = trimEnd(line, s, eq);
            String keyText = line.substring(s, keyEnd);
            if (current == null && !inUnknownSection) {
                ConfigKey known = ConfigKey.inAnySection(keyText);
                error(li, s, keyEnd, null, known,
                        (known == null ? "key " + Texts.quote(keyText) : "'" + known.displayName + "'")
                                + " is outside a section; keys go under an [Interface] or [Peer] header", null);
                return;
            }
            if (inUnknownSection) {
                return; // the unknown header was reported; its keys would only repeat that error
            }
            if (keyEnd == s) {
                error(li, s, s + 1, current.kind, null, "a key name is missing before '='", null);
                return;
            }
            ConfigKey key = ConfigKey.byName(current.kind, keyText);
            if (key == null) {
                unknownKey(li, s, keyEnd, keyText);
                return;
            }
            Integer firstLine = current.seenOnLine.get(key);
            if (firstLine != null && key.arity == ConfigKey.Arity.ONE) {
                error(li, s, keyEnd, current.kind, key, "'" + key.displayName + "' is already set on line " + firstLine
                        + "; it may appear only once per [" + current.kind.displayName + "] section", null);
                return;
            }
            if (firstLine == null) {
                current.seenOnLine.put(key, li + 1);
            }
            int vs = skipSpace(line, eq + 1, e);
            List<String> items = value(li, line, key, vs, e);
            if (items != null) {
                current.body.addAll(pending);
                pending = new ArrayList<>();
                current.body.add(new SourceLayout.Line(line, key, line.substring(0, vs), line.substring(e), items));
            }
        }

        private void header(int li, String line, int s, int e) {
            int close = line.indexOf(']', s);
            if (close < 0 || close >= e) {
                error(li, s, e, null, null,
                        "a section header is [Interface] or [Peer]; this one has no closing ']'", null);
                enterUnknownSection();
                return;
            }
            if (close != e - 1) {
                error(li, close + 1, e, null, null,
                        "unexpected text after the section header; a comment starts with '#'", null);
                enterUnknownSection();
                return;
            }
            int ns = skipSpace(line, s + 1, e - 1);
            int ne = trimEnd(line, ns, e - 1);
            String name = line.substring(ns, ne);
            ConfigSection kind = ConfigSection.byName(name);
            if (kind == null) {
                String suggestion = Suggestions.closest(name, List.of("Interface", "Peer"));
                error(li, ns == ne ? s : ns, ns == ne ? e : ne, null, null, "unknown section " + Texts.quote("[" + name + "]")
                        + "; a tunnel file has one [Interface] and any number of [Peer] sections",
                        suggestion == null ? null : "[" + suggestion + "]");
                enterUnknownSection();
                return;
            }
            SourceLayout.Line headerLine = SourceLayout.Line.verbatim(line);
            SectionState state = new SectionState(kind, li + 1, col(line, s), len(line, s, e), pending, headerLine);
            pending = new ArrayList<>();
            inUnknownSection = false;
            current = state;
            if (kind == ConfigSection.PEER) {
                peers.add(state);
                inFileOrder.add(state);
            } else if (iface == null) {
                iface = state;
                inFileOrder.add(state);
            } else {
                error(li, s, e, kind, null, "a second [Interface] section; a tunnel has exactly one (the first is on line "
                        + iface.line + ")", null);
            }
        }

        private void enterUnknownSection() {
            current = null;
            inUnknownSection = true;
        }

        private void unknownKey(int li, int s, int keyEnd, String keyText) {
            ConfigKey elsewhere = ConfigKey.inAnySection(keyText);
            if (elsewhere != null) {
                error(li, s, keyEnd, current.kind, elsewhere, "'" + elsewhere.displayName + "' belongs in the ["
                        + elsewhere.section.displayName + "] section, not in [" + current.kind.displayName + "]", null);
                return;
            }
            List<String> names = ConfigKey.of(current.kind).stream().map(k -> k.displayName).toList();
            String suggestion = Suggestions.closest(keyText, names);
            if (suggestion != null) {
                current.suggested.add(ConfigKey.byName(current.kind, suggestion));
            }
            error(li, s, keyEnd, current.kind, null, "unknown key " + Texts.quote(keyText) + " in ["
                    + current.kind.displayName + "]", suggestion);
        }

        /** Parses and stores one key's value; returns its canonical items, or null after reporting an error. */
        private List<String> value(int li, String line, ConfigKey key, int vs, int ve) {
            SectionState st = current;
            if (vs == ve && key.arity != ConfigKey.Arity.LIST) {
                error(li, vs > 0 ? vs - 1 : vs, vs, st.kind, key, "'" + key.displayName + "' has no value", null);
                return null;
            }
            String v = line.substring(vs, ve);
            switch (key) {
                case PRIVATE_KEY -> {
                    st.privateKey = key(li, vs, ve, st, key, Key.Kind.PRIVATE, v);
                    return st.privateKey == null ? null : List.of(st.privateKey.toBase64());
                }
                case PUBLIC_KEY -> {
                    st.publicKey = key(li, vs, ve, st, key, Key.Kind.PUBLIC, v);
                    st.publicKeyLine = li;
                    st.publicKeyColumn = vs;
                    st.publicKeyEnd = ve;
                    return st.publicKey == null ? null : List.of(st.publicKey.toBase64());
                }
                case PRESHARED_KEY -> {
                    st.presharedKey = key(li, vs, ve, st, key, Key.Kind.PRESHARED, v);
                    return st.presharedKey == null ? null : List.of(st.presharedKey.toBase64());
                }
                case LISTEN_PORT -> {
                    long port = number(v, 0, 65535);
                    if (port < 0) {
                        return fail(li, vs, ve, key, "ListenPort is a UDP port number 0-65535, not " + Texts.quote(v));
                    }
                    st.listenPort = OptionalInt.of((int) port);
                    return List.of(Long.toString(port));
                }
                case FW_MARK -> {
                    long mark = fwMark(v);
                    if (mark < 0) {
                        return fail(li, vs, ve, key,
                                "FwMark is off, a number 0-4294967295 or a hex number 0x0-0xffffffff, not " + Texts.quote(v));
                    }
                    st.fwMark = mark == 0 ? OptionalLong.empty() : OptionalLong.of(mark);
                    return List.of(mark == 0 ? "off" : "0x" + Long.toHexString(mark));
                }
                case MTU -> {
                    if (v.equalsIgnoreCase("auto")) {
                        st.mtu = OptionalInt.empty();
                        return List.of("auto");
                    }
                    long mtu = number(v, InterfaceConfig.MIN_MTU, InterfaceConfig.MAX_MTU);
                    if (mtu < 0) {
                        return fail(li, vs, ve, key, "MTU is " + InterfaceConfig.MIN_MTU + "-" + InterfaceConfig.MAX_MTU
                                + " (or auto), not " + Texts.quote(v));
                    }
                    st.mtu = OptionalInt.of((int) mtu);
                    return List.of(Long.toString(mtu));
                }
                case TABLE -> {
                    try {
                        st.table = RoutingTable.parse(v);
                        return List.of(st.table.toString());
                    } catch (IllegalArgumentException e) {
                        return fail(li, vs, ve, key, e.getMessage());
                    }
                }
                case SAVE_CONFIG -> {
                    String b = v.toLowerCase(Locale.ROOT);
                    if (!b.equals("true") && !b.equals("false")) {
                        return fail(li, vs, ve, key, "SaveConfig is true or false, not " + Texts.quote(v));
                    }
                    st.saveConfig = b.equals("true");
                    return List.of(b);
                }
                case PERSISTENT_KEEPALIVE -> {
                    long k = v.equalsIgnoreCase("off") ? 0 : number(v, 0, PeerConfig.MAX_KEEPALIVE);
                    if (k < 0) {
                        return fail(li, vs, ve, key, "PersistentKeepalive is off or a number of seconds 0-"
                                + PeerConfig.MAX_KEEPALIVE + ", not " + Texts.quote(v));
                    }
                    st.persistentKeepalive = (int) k;
                    return List.of(k == 0 ? "off" : Long.toString(k));
                }
                case ENDPOINT -> {
                    try {
                        st.endpoint = Endpoint.parse(v);
                        return List.of(st.endpoint.toString());
                    } catch (IllegalArgumentException e) {
                        return fail(li, vs, ve, key, "Endpoint: " + e.getMessage());
                    }
                }
                case PRE_UP, POST_UP, PRE_DOWN, POST_DOWN -> {
                    if (v.chars().anyMatch(Character::isISOControl)) {
                        return fail(li, vs, ve, key, "'" + key.displayName + "' contains a control character");
                    }
                    st.scripts(key).add(v);
                    return List.of(v);
                }
                case ADDRESS, ALLOWED_IPS, DNS -> {
                    return list(li, line, key, vs, ve);
                }
                default -> throw new IllegalStateException("unhandled key " + key);
            }
        }

        /** A comma-separated list; every bad entry is reported, and only a fully valid line yields items. */
        private List<String> list(int li, String line, ConfigKey key, int vs, int ve) {
            List<String> items = new ArrayList<>();
            boolean ok = true;
            if (vs == ve) {
                return items;
            }
            int start = vs;
            while (true) {
                int comma = line.indexOf(',', start);
                int end = comma < 0 || comma > ve ? ve : comma;
                int s = skipSpace(line, start, end);
                int e = trimEnd(line, s, end);
                if (s == e) {
                    fail(li, Math.min(start, ve - 1), Math.min(start, ve - 1) + 1, key,
                            "empty entry in the comma-separated list of '" + key.displayName + "'");
                    ok = false;
                } else {
                    String item = item(li, line, key, s, e);
                    ok &= item != null;
                    if (item != null) {
                        items.add(item);
                    }
                }
                if (end == ve) {
                    break;
                }
                start = end + 1;
            }
            return ok ? items : null;
        }

        private String item(int li, String line, ConfigKey key, int s, int e) {
            String text = line.substring(s, e);
            if (key == ConfigKey.DNS) {
                try {
                    InetAddress server = IpNetwork.parseLiteral(text);
                    current.dnsServers.add(server);
                    return IpNetwork.format(server);
                } catch (IllegalArgumentException notAnAddress) {
                    String problem = DnsName.problem(text);
                    if (problem != null) {
                        fail(li, s, e, key, key.displayName + ": " + Texts.quote(text)
                                + " is neither a DNS server address nor a search domain: it " + problem);
                        return null;
                    }
                    String domain = text.toLowerCase(Locale.ROOT);
                    current.dnsSearchDomains.add(domain);
                    return domain;
                }
            }
            IpNetwork net = network(li, line, key, s, e);
            if (net == null) {
                return null;
            }
            if (key == ConfigKey.ADDRESS) {
                current.addresses.add(net);
                return net.toString();
            }
            IpNetwork masked = net.masked();
            current.allowedIps.add(masked);
            return masked.toString();
        }

        private IpNetwork network(int li, String line, ConfigKey key, int s, int e) {
            String text = line.substring(s, e);
            int slash = text.indexOf('/');
            String addrText = slash < 0 ? text : text.substring(0, slash);
            InetAddress addr;
            try {
                addr = IpNetwork.parseLiteral(addrText);
            } catch (IllegalArgumentException notAnAddress) {
                String example = key == ConfigKey.ADDRESS ? "10.0.0.2/24 or fd00::2/64" : "10.0.0.0/24 or fd00::/64";
                fail(li, s, slash < 0 ? e : s + slash, key, key.displayName + ": " + Texts.quote(addrText)
                        + " is not an IPv4 or IPv6 address; write e.g. " + example);
                return null;
            }
            int max = addr instanceof Inet4Address ? 32 : 128;
            if (slash < 0) {
                return new IpNetwork(addr, max);
            }
            String prefixText = text.substring(slash + 1);
            long prefix = number(prefixText, 0, max);
            if (prefix < 0) {
                fail(li, s + slash + 1, e, key, key.displayName + ": the prefix length after '/' in " + Texts.quote(text)
                        + " is a number 0-" + max + (prefixText.isEmpty() ? " and is missing" : ", not "
                        + Texts.quote(prefixText)));
                return null;
            }
            return new IpNetwork(addr, (int) prefix);
        }

        /** Never echoes the text: it is (or was meant to be) key material. */
        private Key key(int li, int vs, int ve, SectionState st, ConfigKey key, Key.Kind kind, String v) {
            try {
                return Key.fromBase64(kind, v);
            } catch (IllegalArgumentException e) {
                fail(li, vs, ve, key, "'" + key.displayName + "' is not a valid key: " + e.getMessage());
                return null;
            }
        }

        private List<String> fail(int li, int s, int e, ConfigKey key, String reason) {
            error(li, s, e, current.kind, key, reason, null);
            return null;
        }

        private void finishStructure() {
            if (iface == null) {
                error(0, 0, 1, null, null, "no [Interface] section; a tunnel needs one, with its PrivateKey", null);
            } else if (isMissing(iface, ConfigKey.PRIVATE_KEY)) {
                structureError(iface, ConfigKey.PRIVATE_KEY, "[Interface] has no PrivateKey; every tunnel needs one "
                        + "(generate it with `warren genkey`)");
            }
            Map<Key, Integer> firstPeerLine = new HashMap<>();
            for (SectionState p : peers) {
                if (isMissing(p, ConfigKey.PUBLIC_KEY)) {
                    structureError(p, ConfigKey.PUBLIC_KEY, "[Peer] has no PublicKey; every peer needs one");
                } else if (p.publicKey != null) {
                    Integer first = firstPeerLine.putIfAbsent(p.publicKey, p.line);
                    if (first != null) {
                        error(p.publicKeyLine, p.publicKeyColumn, p.publicKeyEnd, ConfigSection.PEER, ConfigKey.PUBLIC_KEY,
                                "the [Peer] on line " + first + " has the same PublicKey; each peer appears once", null);
                    }
                }
            }
        }

        private static boolean isMissing(SectionState st, ConfigKey key) {
            return !st.seenOnLine.containsKey(key) && !st.suggested.contains(key);
        }

        private void structureError(SectionState st, ConfigKey key, String reason) {
            errors.add(new ConfigError(file, st.line, st.column, st.length, Optional.of(st.kind.displayName),
                    Optional.of(key.displayName), reason, Optional.empty()));
        }

        private void error(int li, int s, int e, ConfigSection section, ConfigKey key, String reason, String suggestion) {
            String line = li < lines.size() ? lines.get(li) : "";
            int cs = Math.min(s, line.length());
            int ce = Math.min(Math.max(e, cs), line.length());
            errors.add(new ConfigError(file, li + 1, col(line, cs), Math.max(1, line.codePointCount(cs, ce)),
                    Optional.ofNullable(section).map(x -> x.displayName), Optional.ofNullable(key).map(k -> k.displayName),
                    reason, Optional.ofNullable(suggestion)));
        }

        private static ConfigSection sectionOf(SectionState s) {
            return s == null ? null : s.kind;
        }
    }

    /** A decimal number within [min, max], or -1. */
    private static long number(String v, long min, long max) {
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long n = Long.parseLong(v);
        return n < min || n > max ? -1 : n;
    }

    /** FwMark as wg accepts it: off, decimal, or 0x hex, up to 32 bits; -1 when invalid. */
    private static long fwMark(String v) {
        if (v.equalsIgnoreCase("off")) {
            return 0;
        }
        if (v.length() > 2 && (v.startsWith("0x") || v.startsWith("0X"))) {
            String hex = v.substring(2);
            if (hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                return -1;
            }
            return Long.parseLong(hex, 16);
        }
        return number(v, 0, InterfaceConfig.MAX_FWMARK);
    }

    private static int skipSpace(String line, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String line, int from, int to) {
        int i = to;
        while (i > from && Character.isWhitespace(line.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static int col(String line, int index) {
        return line.codePointCount(0, index) + 1;
    }

    private static int len(String line, int s, int e) {
        return Math.max(1, line.codePointCount(s, e));
    }
}
