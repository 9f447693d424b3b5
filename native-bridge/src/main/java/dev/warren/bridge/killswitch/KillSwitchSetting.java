package dev.warren.bridge.killswitch;

import dev.warren.core.config.ConfigError;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.PeerConfig;
import dev.warren.core.config.RoutingTable;
import dev.warren.core.config.TunnelConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tunnel's kill-switch setting, stored in its config file as comment directives so that wg-quick and every
 * other WireGuard tool still read the file unchanged:
 *
 * <pre>
 * [Interface]
 * # Warren: BlockUntunneledTraffic = true
 * # Warren: AllowLocalNetwork = true
 * PrivateKey = ...
 * </pre>
 *
 * Without a {@code BlockUntunneledTraffic} directive the switch follows WireGuard for Windows: on when the tunnel
 * has exactly one peer routing all of IPv4 or IPv6 ({@code 0.0.0.0/0} or {@code ::/0}) and a routing table, so a
 * config imported from WireGuard for Windows keeps its protection. {@code AllowLocalNetwork} is off unless written.
 *
 * @param blockUntunneledTraffic whether traffic outside the tunnel is blocked while it is up
 * @param allowLocalNetwork      whether, while blocking, the uplink's local networks stay reachable
 */
public record KillSwitchSetting(boolean blockUntunneledTraffic, boolean allowLocalNetwork) {

    public static final String BLOCK_KEY = "BlockUntunneledTraffic";
    public static final String ALLOW_LAN_KEY = "AllowLocalNetwork";

    /** {@code # Warren: Key = value}; group 1 is everything before the value, 2 the key, 3 the value. */
    private static final Pattern DIRECTIVE = Pattern.compile(
            "^(\\s*#\\s*Warren\\s*:\\s*([^=\\s]*)\\s*=\\s*)(.*?)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final IpNetwork ALL_V4 = IpNetwork.parse("0.0.0.0/0");
    private static final IpNetwork ALL_V6 = IpNetwork.parse("::/0");

    /**
     * The setting stored in a config's text, with the WireGuard for Windows default for an absent
     * {@code BlockUntunneledTraffic}.
     *
     * @param config what {@code text} parses to
     * @throws InvalidDirectiveException naming the line of a {@code # Warren:} directive that has an unknown key
     *                                   or a value other than {@code true}/{@code false}
     */
    public static KillSwitchSetting read(String text, TunnelConfig config) {
        Boolean block = null;
        boolean allowLan = false;
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(2);
            boolean value = parseValue(i + 1, key, m.group(3));
            if (key.equalsIgnoreCase(BLOCK_KEY)) {
                block = value;
            } else if (key.equalsIgnoreCase(ALLOW_LAN_KEY)) {
                allowLan = value;
            } else {
                throw new InvalidDirectiveException(i + 1, "'# Warren: " + key + "' is not a Warren setting; the "
                        + "settings are " + BLOCK_KEY + " and " + ALLOW_LAN_KEY);
            }
        }
        return new KillSwitchSetting(block != null ? block : routesEverything(config), allowLan);
    }

    /**
     * The parser's result for {@code text}, made invalid when its Warren directives cannot be read: a tunnel
     * must not start guessing whether its user wanted the kill-switch. The manager (saving, importing) and the
     * editor (underlining) judge a config by this one rule.
     *
     * @param file the name the text was parsed under, for the error
     */
    public static ParseResult check(String file, String text, ParseResult parsed) {
        if (!(parsed instanceof ParseResult.Valid v)) {
            return parsed;
        }
        try {
            read(text, v.config());
            return parsed;
        } catch (InvalidDirectiveException e) {
            // The whole directive is underlined: which part is wrong, the reason says.
            String line = text.split("\r?\n|\r", -1)[e.line() - 1].stripTrailing();
            return new ParseResult.Invalid(List.of(new ConfigError(file, e.line(), 1,
                    Math.max(1, line.codePointCount(0, line.length())), Optional.of("Interface"), Optional.empty(),
                    e.reason(), Optional.empty())));
        }
    }

    private static boolean parseValue(int line, String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidDirectiveException(line, "'# Warren: " + key + "' is true or false, not '"
                    + value + "'");
        };
    }

    /**
     * WireGuard for Windows' rule for its kill-switch: exactly one peer, a routing table, and that peer routing
     * {@code 0.0.0.0/0} or {@code ::/0}.
     */
    public static boolean routesEverything(TunnelConfig config) {
        if (config.peers().size() != 1 || config.interfaceConfig().table().mode() == RoutingTable.Mode.OFF) {
            return false;
        }
        PeerConfig peer = config.peers().getFirst();
        return peer.allowedIps().contains(ALL_V4) || peer.allowedIps().contains(ALL_V6);
    }

    /**
     * The text with this setting written into it: existing directives get the new value in place; a missing
     * {@code BlockUntunneledTraffic} goes on the line after the {@code [Interface]} header, a missing
     * {@code AllowLocalNetwork} (written only when true) right under it. Every other byte of the text is kept,
     * line endings included.
     */
    public String writeTo(String text) {
        return write(text, blockUntunneledTraffic, allowLocalNetwork);
    }

    /**
     * The text with only {@code AllowLocalNetwork} written, as {@link #writeTo} would; an absent
     * {@code BlockUntunneledTraffic} stays absent, so the WireGuard for Windows default keeps applying.
     */
    public static String writeAllowLocalNetwork(String text, boolean allowLocalNetwork) {
        return write(text, null, allowLocalNetwork);
    }

    /**
     * The text without its {@code BlockUntunneledTraffic} directive lines, so that the default (on when one peer
     * routes everything) applies: the one setting WireGuard for Windows also reads from the same file.
     */
    public static String withoutBlockDirective(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(pos, end);
            Matcher m = DIRECTIVE.matcher(line.stripTrailing());
            if (!(m.matches() && m.group(2).equalsIgnoreCase(BLOCK_KEY))) {
                out.append(line);
            }
            pos = end;
        }
        return out.toString();
    }

    /** Writes the directives whose value is not null (see {@link #writeTo}). */
    private static String write(String text, Boolean block, Boolean allowLan) {
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        StringBuilder out = new StringBuilder(text.length() + 80);
        boolean blockPresent = false;
        boolean lanWritten = false;
        int interfaceLineEnd = -1;
        int blockLineEnd = -1;
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(pos, end);
            String content = line.stripTrailing();
            Matcher m = DIRECTIVE.matcher(content);
            if (m.matches() && m.group(2).equalsIgnoreCase(BLOCK_KEY)) {
                if (block != null) {
                    out.append(m.group(1)).append(block).append(line.substring(content.length()));
                } else {
                    out.append(line);
                }
                blockPresent = true;
                blockLineEnd = out.length();
            } else if (allowLan != null && m.matches() && m.group(2).equalsIgnoreCase(ALLOW_LAN_KEY)) {
                out.append(m.group(1)).append(allowLan).append(line.substring(content.length()));
                lanWritten = true;
            } else {
                out.append(line);
            }
            if (interfaceLineEnd < 0 && content.strip().equalsIgnoreCase("[Interface]")) {
                interfaceLineEnd = out.length();
            }
            pos = end;
        }
        StringBuilder missing = new StringBuilder();
        if (block != null && !blockPresent) {
            missing.append(directive(BLOCK_KEY, block)).append(eol);
        }
        if (allowLan != null && allowLan && !lanWritten) {
            missing.append(directive(ALLOW_LAN_KEY, true)).append(eol);
        }
        if (missing.isEmpty()) {
            return out.toString();
        }
        // The switch reads best in its natural order: whether to block, then what blocking lets through.
        int at = blockPresent ? blockLineEnd : interfaceLineEnd;
        if (at < 0) {
            return out.insert(0, missing).toString();
        }
        if (at == out.length() && !out.toString().endsWith("\n")) {
            missing.insert(0, eol);
        }
        return out.insert(at, missing).toString();
    }

    private static String directive(String key, boolean value) {
        return "# Warren: " + key + " = " + value;
    }

    /** How {@code warren show} and the GUI describe it. */
    public String describe() {
        if (!blockUntunneledTraffic) {
            return "off";
        }
        return allowLocalNetwork ? "on, local network allowed" : "on";
    }

    /** A {@code # Warren:} directive that cannot be read; the message starts with {@code line N: }. */
    public static final class InvalidDirectiveException extends IllegalArgumentException {
        private final int line;
        private final String reason;

        InvalidDirectiveException(int line, String reason) {
            super("line " + line + ": " + reason);
            this.line = line;
            this.reason = reason;
        }

        /** What is wrong, without the line. */
        public String reason() {
            return reason;
        }

        /** The 1-based line of the directive. */
        public int line() {
            return line;
        }
    }
}
