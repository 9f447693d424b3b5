package dev.warren.core.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every key wg-quick and WireGuard for Windows accept, with the section it belongs to, how often it may appear,
 * and its canonical text items (shared by the parser, which records what each source line meant, and the
 * writer, which compares that with the model to decide whether a line can be kept verbatim).
 */
enum ConfigKey {
    PRIVATE_KEY(ConfigSection.INTERFACE, "PrivateKey", Arity.ONE, null),
    LISTEN_PORT(ConfigSection.INTERFACE, "ListenPort", Arity.ONE, null),
    FW_MARK(ConfigSection.INTERFACE, "FwMark", Arity.ONE, "off"),
    ADDRESS(ConfigSection.INTERFACE, "Address", Arity.LIST, null),
    DNS(ConfigSection.INTERFACE, "DNS", Arity.LIST, null),
    MTU(ConfigSection.INTERFACE, "MTU", Arity.ONE, "auto"),
    TABLE(ConfigSection.INTERFACE, "Table", Arity.ONE, "auto"),
    PRE_UP(ConfigSection.INTERFACE, "PreUp", Arity.LINES, null),
    POST_UP(ConfigSection.INTERFACE, "PostUp", Arity.LINES, null),
    PRE_DOWN(ConfigSection.INTERFACE, "PreDown", Arity.LINES, null),
    POST_DOWN(ConfigSection.INTERFACE, "PostDown", Arity.LINES, null),
    SAVE_CONFIG(ConfigSection.INTERFACE, "SaveConfig", Arity.ONE, "false"),
    PUBLIC_KEY(ConfigSection.PEER, "PublicKey", Arity.ONE, null),
    PRESHARED_KEY(ConfigSection.PEER, "PresharedKey", Arity.ONE, null),
    ALLOWED_IPS(ConfigSection.PEER, "AllowedIPs", Arity.LIST, null),
    ENDPOINT(ConfigSection.PEER, "Endpoint", Arity.ONE, null),
    PERSISTENT_KEEPALIVE(ConfigSection.PEER, "PersistentKeepalive", Arity.ONE, "off");

    /** How a key may repeat. */
    enum Arity {
        /** At most once per section. */
        ONE,
        /** Repeatable; each line holds a comma-separated list. */
        LIST,
        /** Repeatable; each line is one item (a shell command may contain commas). */
        LINES
    }

    final ConfigSection section;
    final String displayName;
    final Arity arity;
    /** The item that means the same as leaving the key out, or {@code null} when absence has no spelling. */
    final String defaultItem;

    ConfigKey(ConfigSection section, String displayName, Arity arity, String defaultItem) {
        this.section = section;
        this.displayName = displayName;
        this.arity = arity;
        this.defaultItem = defaultItem;
    }

    private static final List<ConfigKey> ALL = List.of(values());
    private static final Map<ConfigSection, List<ConfigKey>> BY_SECTION = new EnumMap<>(ConfigSection.class);

    static {
        for (ConfigSection s : ConfigSection.values()) {
            BY_SECTION.put(s, ALL.stream().filter(k -> k.section == s).toList());
        }
    }

    /** The key named case-insensitively in {@code section}, or {@code null}. */
    static ConfigKey byName(ConfigSection section, String name) {
        for (ConfigKey k : BY_SECTION.get(section)) {
            if (k.displayName.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }

    /** The key of that name in any section, or {@code null}. */
    static ConfigKey inAnySection(String name) {
        for (ConfigKey k : ALL) {
            if (k.displayName.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }

    /** The keys of a section in canonical (writing) order. */
    static List<ConfigKey> of(ConfigSection section) {
        return BY_SECTION.get(section);
    }

    /** True when the items say no more than leaving the key out. */
    boolean isDefault(List<String> items) {
        return items.isEmpty() || defaultItem != null && items.equals(List.of(defaultItem));
    }

    /** The canonical text items of this interface key's value in {@code c}. */
    List<String> items(InterfaceConfig c) {
        return switch (this) {
            case PRIVATE_KEY -> List.of(c.privateKey().toBase64());
            case LISTEN_PORT -> c.listenPort().isPresent() ? List.of(Integer.toString(c.listenPort().getAsInt())) : List.of();
            case FW_MARK -> List.of(c.fwMark().isPresent() ? "0x" + Long.toHexString(c.fwMark().getAsLong()) : "off");
            case ADDRESS -> c.addresses().stream().map(IpNetwork::toString).toList();
            case DNS -> {
                List<String> items = new ArrayList<>();
                c.dnsServers().forEach(a -> items.add(IpNetwork.format(a)));
                items.addAll(c.dnsSearchDomains());
                yield items;
            }
            case MTU -> List.of(c.mtu().isPresent() ? Integer.toString(c.mtu().getAsInt()) : "auto");
            case TABLE -> List.of(c.table().toString());
            case PRE_UP -> c.preUp();
            case POST_UP -> c.postUp();
            case PRE_DOWN -> c.preDown();
            case POST_DOWN -> c.postDown();
            case SAVE_CONFIG -> List.of(Boolean.toString(c.saveConfig()));
            default -> throw new IllegalStateException(this + " is not an [Interface] key");
        };
    }

    /** The canonical text items of this peer key's value in {@code p}. */
    List<String> items(PeerConfig p) {
        return switch (this) {
            case PUBLIC_KEY -> List.of(p.publicKey().toBase64());
            case PRESHARED_KEY -> p.presharedKey().map(k -> List.of(k.toBase64())).orElse(List.of());
            case ALLOWED_IPS -> p.allowedIps().stream().map(IpNetwork::toString).toList();
            case ENDPOINT -> p.endpoint().map(e -> List.of(e.toString())).orElse(List.of());
            case PERSISTENT_KEEPALIVE -> List.of(p.persistentKeepalive() == 0 ? "off" : Integer.toString(p.persistentKeepalive()));
            default -> throw new IllegalStateException(this + " is not a [Peer] key");
        };
    }
}
