package dev.warren.app.ui.main;

import dev.warren.app.ipc.PeerRuntime;
import dev.warren.app.ipc.TunnelRuntime;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.ui.format.ByteCount;
import dev.warren.app.ui.format.Elapsed;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.PeerConfig;
import dev.warren.core.config.TunnelConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the status panel shows for one tunnel, as titled groups of label/value rows: the interface, then one group
 * per peer. Live figures come from the running tunnel; for a stopped one the stored config fills in what it can.
 * Rows without a value are left out, as WireGuard's own UIs do.
 */
public record StatusView(List<Group> groups) {

    public record Group(String title, List<Field> fields) {
        public Group {
            fields = List.copyOf(fields);
        }

        /** The value of the row with this label, if shown. */
        public Optional<String> value(String label) {
            return fields.stream().filter(f -> f.label().equals(label)).map(Field::value).findFirst();
        }
    }

    public record Field(String label, String value) {
    }

    public StatusView {
        groups = List.copyOf(groups);
    }

    /** True when {@code other} has the same groups and rows, so only values need updating on screen. */
    public boolean sameShape(StatusView other) {
        if (other.groups.size() != groups.size()) {
            return false;
        }
        for (int i = 0; i < groups.size(); i++) {
            List<String> a = groups.get(i).fields.stream().map(Field::label).toList();
            List<String> b = other.groups.get(i).fields.stream().map(Field::label).toList();
            if (!a.equals(b) || !groups.get(i).title.equals(other.groups.get(i).title)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The view of {@code tunnel}.
     *
     * @param config   the parsed stored config, when it parses (for an operator it is redacted and may not)
     * @param runtime  the live figures while the tunnel runs
     * @param hideKeys an operator sees no keys
     */
    public static StatusView of(TunnelSummary tunnel, Optional<TunnelConfig> config, Optional<TunnelRuntime> runtime,
            Instant now, boolean hideKeys) {
        List<Group> groups = new ArrayList<>();
        List<Field> iface = new ArrayList<>();
        add(iface, "Status", Optional.of(status(tunnel)));
        if (!hideKeys) {
            add(iface, "Public key", runtime.map(TunnelRuntime::publicKey)
                    .or(() -> config.map(c -> c.interfaceConfig().privateKey().publicKey().toBase64())));
        }
        add(iface, "Listen port", runtime.map(r -> r.listenPort() > 0 ? String.valueOf(r.listenPort()) : null)
                .or(() -> config.flatMap(c -> c.interfaceConfig().listenPort().isPresent()
                        ? Optional.of(String.valueOf(c.interfaceConfig().listenPort().getAsInt())) : Optional.empty())));
        add(iface, "MTU", runtime.map(r -> r.mtu() > 0 ? String.valueOf(r.mtu()) : null)
                .or(() -> config.flatMap(c -> c.interfaceConfig().mtu().isPresent()
                        ? Optional.of(String.valueOf(c.interfaceConfig().mtu().getAsInt())) : Optional.empty())));
        add(iface, "Addresses", runtime.map(r -> join(r.addresses()))
                .or(() -> config.map(c -> c.interfaceConfig().addresses().stream().map(IpNetwork::toString)
                        .collect(Collectors.joining(", "))))
                .or(() -> Optional.of(join(tunnel.addresses()))));
        add(iface, "DNS", runtime.map(r -> join(r.dns()))
                .or(() -> config.map(c -> Stream.concat(c.interfaceConfig().dnsServers().stream().map(IpNetwork::format),
                        c.interfaceConfig().dnsSearchDomains().stream()).collect(Collectors.joining(", ")))));
        // What is in force, so only while running: the stored setting is the editor's business.
        add(iface, "Kill-switch", runtime.map(TunnelRuntime::killSwitch));
        add(iface, "Start at boot", Optional.of(tunnel.bootStart() ? "yes" : "no"));
        groups.add(new Group("Interface: " + tunnel.name(), iface));

        if (runtime.isPresent()) {
            for (PeerRuntime p : runtime.get().peers()) {
                groups.add(new Group("Peer", livePeer(p, now, hideKeys)));
            }
        } else {
            config.ifPresent(c -> c.peers().forEach(p -> groups.add(new Group("Peer", storedPeer(p, hideKeys)))));
        }
        return new StatusView(groups);
    }

    static String status(TunnelSummary t) {
        return switch (t.state()) {
            case ACTIVE -> "Active";
            case ACTIVATING -> "Activating…";
            case DEACTIVATING -> "Deactivating…";
            case INACTIVE -> "Inactive";
            case ERROR -> t.error() == null || t.error().isBlank() ? "Failed" : "Failed: " + t.error();
        };
    }

    private static List<Field> livePeer(PeerRuntime p, Instant now, boolean hideKeys) {
        List<Field> f = new ArrayList<>();
        if (!hideKeys) {
            add(f, "Public key", Optional.of(p.publicKey()));
        }
        add(f, "Preshared key", Optional.ofNullable(p.presharedKey() ? "enabled" : null));
        add(f, "Allowed IPs", Optional.of(join(p.allowedIps())));
        add(f, "Endpoint", Optional.ofNullable(p.endpoint()));
        add(f, "Persistent keepalive", keepalive(p.persistentKeepaliveSeconds()));
        add(f, "Latest handshake", Optional.ofNullable(p.lastHandshakeEpochMillis() > 0
                ? Elapsed.ago(Duration.between(Instant.ofEpochMilli(p.lastHandshakeEpochMillis()), now)) : null));
        add(f, "Transfer", Optional.ofNullable(p.rxBytes() > 0 || p.txBytes() > 0
                ? ByteCount.format(p.rxBytes()) + " received, " + ByteCount.format(p.txBytes()) + " sent" : null));
        return f;
    }

    private static List<Field> storedPeer(PeerConfig p, boolean hideKeys) {
        List<Field> f = new ArrayList<>();
        if (!hideKeys) {
            add(f, "Public key", Optional.of(p.publicKey().toBase64()));
        }
        add(f, "Preshared key", Optional.ofNullable(p.presharedKey().isPresent() ? "enabled" : null));
        add(f, "Allowed IPs", Optional.of(p.allowedIps().stream().map(IpNetwork::toString).collect(Collectors.joining(", "))));
        add(f, "Endpoint", p.endpoint().map(Object::toString));
        add(f, "Persistent keepalive", keepalive(p.persistentKeepalive()));
        return f;
    }

    private static Optional<String> keepalive(int seconds) {
        return Optional.ofNullable(seconds > 0 ? "every " + seconds + (seconds == 1 ? " second" : " seconds") : null);
    }

    private static void add(List<Field> fields, String label, Optional<String> value) {
        value.filter(v -> !v.isBlank()).ifPresent(v -> fields.add(new Field(label, v)));
    }

    private static String join(List<String> items) {
        return String.join(", ", items);
    }
}
