package dev.warren.core.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The {@code [Interface]} section of a tunnel: the device part ({@code wg}'s keys) and the wg-quick part
 * (addresses, DNS, MTU, routing table, scripts).
 *
 * @param privateKey       the interface's private key (clamped)
 * @param addresses        addresses assigned to the interface, host bits kept ({@code 10.0.0.2/24})
 * @param dnsServers       DNS servers (the IP entries of {@code DNS})
 * @param dnsSearchDomains search domains (the other entries of {@code DNS}), lowercase
 * @param listenPort       UDP port to listen on, 0-65535 (0 or absent: chosen at random)
 * @param fwMark           firewall mark for outgoing packets, 1-0xffffffff; absent is "off"
 * @param mtu              576-65535; absent means chosen automatically
 * @param table            where routes for AllowedIPs go
 * @param preUp            commands run before the interface comes up, in order
 * @param postUp           commands run after it came up
 * @param preDown          commands run before it goes down
 * @param postDown         commands run after it went down
 * @param saveConfig       whether wg-quick saves the live config back to the file on shutdown
 */
public record InterfaceConfig(
        Key privateKey,
        List<IpNetwork> addresses,
        List<InetAddress> dnsServers,
        List<String> dnsSearchDomains,
        OptionalInt listenPort,
        OptionalLong fwMark,
        OptionalInt mtu,
        RoutingTable table,
        List<String> preUp,
        List<String> postUp,
        List<String> preDown,
        List<String> postDown,
        boolean saveConfig) {

    public static final int MIN_MTU = 576;
    public static final int MAX_MTU = 65535;
    public static final long MAX_FWMARK = 0xFFFF_FFFFL;

    public InterfaceConfig {
        if (privateKey == null || privateKey.kind() != Key.Kind.PRIVATE) {
            throw new IllegalArgumentException("an interface needs a private key");
        }
        addresses = List.copyOf(addresses);
        dnsServers = List.copyOf(dnsServers);
        dnsSearchDomains = dnsSearchDomains.stream().map(InterfaceConfig::checkDomain).toList();
        listenPort.ifPresent(p -> {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("ListenPort is 0-65535, not " + p);
            }
        });
        // wg treats fwmark 0 as "off", so both spellings are the same configuration.
        if (fwMark.isPresent() && fwMark.getAsLong() == 0) {
            fwMark = OptionalLong.empty();
        }
        fwMark.ifPresent(m -> {
            if (m < 0 || m > MAX_FWMARK) {
                throw new IllegalArgumentException("FwMark is 0-0xffffffff");
            }
        });
        mtu.ifPresent(m -> {
            if (m < MIN_MTU || m > MAX_MTU) {
                throw new IllegalArgumentException("MTU is " + MIN_MTU + "-" + MAX_MTU + ", not " + m);
            }
        });
        if (table == null) {
            throw new IllegalArgumentException("a routing table is missing (use RoutingTable.AUTO)");
        }
        preUp = checkScripts("PreUp", preUp);
        postUp = checkScripts("PostUp", postUp);
        preDown = checkScripts("PreDown", preDown);
        postDown = checkScripts("PostDown", postDown);
    }

    /** A builder with only the private key set and everything else at its default. */
    public static Builder builder(Key privateKey) {
        return new Builder(privateKey);
    }

    /** A builder starting from this configuration, for changing a few values. */
    public Builder toBuilder() {
        return new Builder(privateKey).addresses(addresses).dnsServers(dnsServers).dnsSearchDomains(dnsSearchDomains)
                .listenPort(listenPort).fwMark(fwMark).mtu(mtu).table(table)
                .preUp(preUp).postUp(postUp).preDown(preDown).postDown(postDown).saveConfig(saveConfig);
    }

    private static String checkDomain(String domain) {
        String problem = DnsName.problem(domain);
        if (problem != null) {
            throw new IllegalArgumentException("the DNS search domain " + Texts.quote(domain) + " " + problem);
        }
        return domain.toLowerCase(Locale.ROOT);
    }

    /**
     * A script is one line of a config file, and wg-quick cuts a line at the first '#', so a script with a line
     * break or a '#' could not be written out and read back unchanged.
     */
    private static List<String> checkScripts(String key, List<String> scripts) {
        for (String s : scripts) {
            if (s.isBlank()) {
                throw new IllegalArgumentException(key + " is an empty command");
            }
            if (s.chars().anyMatch(c -> c == '#' || Character.isISOControl(c))) {
                throw new IllegalArgumentException(key + " is a single line without '#' (wg-quick starts a comment there)");
            }
        }
        return List.copyOf(scripts);
    }

    /** Mutable companion for building an {@link InterfaceConfig} step by step; validates in {@link #build()}. */
    public static final class Builder {
        private Key privateKey;
        private List<IpNetwork> addresses = new ArrayList<>();
        private List<InetAddress> dnsServers = new ArrayList<>();
        private List<String> dnsSearchDomains = new ArrayList<>();
        private OptionalInt listenPort = OptionalInt.empty();
        private OptionalLong fwMark = OptionalLong.empty();
        private OptionalInt mtu = OptionalInt.empty();
        private RoutingTable table = RoutingTable.AUTO;
        private List<String> preUp = new ArrayList<>();
        private List<String> postUp = new ArrayList<>();
        private List<String> preDown = new ArrayList<>();
        private List<String> postDown = new ArrayList<>();
        private boolean saveConfig;

        private Builder(Key privateKey) {
            this.privateKey = privateKey;
        }

        public Builder privateKey(Key v) {
            privateKey = v;
            return this;
        }

        public Builder addresses(List<IpNetwork> v) {
            addresses = new ArrayList<>(v);
            return this;
        }

        public Builder dnsServers(List<InetAddress> v) {
            dnsServers = new ArrayList<>(v);
            return this;
        }

        public Builder dnsSearchDomains(List<String> v) {
            dnsSearchDomains = new ArrayList<>(v);
            return this;
        }

        public Builder listenPort(OptionalInt v) {
            listenPort = v;
            return this;
        }

        public Builder listenPort(int v) {
            return listenPort(OptionalInt.of(v));
        }

        public Builder fwMark(OptionalLong v) {
            fwMark = v;
            return this;
        }

        public Builder mtu(OptionalInt v) {
            mtu = v;
            return this;
        }

        public Builder mtu(int v) {
            return mtu(OptionalInt.of(v));
        }

        public Builder table(RoutingTable v) {
            table = v;
            return this;
        }

        public Builder preUp(List<String> v) {
            preUp = new ArrayList<>(v);
            return this;
        }

        public Builder postUp(List<String> v) {
            postUp = new ArrayList<>(v);
            return this;
        }

        public Builder preDown(List<String> v) {
            preDown = new ArrayList<>(v);
            return this;
        }

        public Builder postDown(List<String> v) {
            postDown = new ArrayList<>(v);
            return this;
        }

        public Builder saveConfig(boolean v) {
            saveConfig = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the first value that is not allowed */
        public InterfaceConfig build() {
            return new InterfaceConfig(privateKey, addresses, dnsServers, dnsSearchDomains, listenPort, fwMark, mtu,
                    table, preUp, postUp, preDown, postDown, saveConfig);
        }
    }
}
