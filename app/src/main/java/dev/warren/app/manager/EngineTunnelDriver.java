package dev.warren.app.manager;

import dev.warren.bridge.DnsConfigurator;
import dev.warren.bridge.NetworkConfigurator;
import dev.warren.bridge.Platform;
import dev.warren.bridge.PolicyRule;
import dev.warren.bridge.Route;
import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.bridge.killswitch.LocalNetworks;
import dev.warren.bridge.watch.WatchedTunnel;
import dev.warren.core.config.Endpoint;
import dev.warren.core.config.InterfaceConfig;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.PeerConfig;
import dev.warren.core.config.RoutingTable;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.TunnelName;
import dev.warren.core.device.Clock;
import dev.warren.core.device.Device;
import dev.warren.core.device.EndpointReresolver;
import dev.warren.core.device.Peer;
import dev.warren.core.spi.TunDevice;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs tunnels with the pure-Java engine ({@link Device}, one per tunnel) on the operating system
 * {@link Platform}: the wg-quick start sequence, in wg-quick's order, with every completed step registered for
 * undoing so that a failure at any step leaves nothing behind.
 */
public final class EngineTunnelDriver implements TunnelDriver {

    /** wg-quick's routing table and firewall mark for a default route when the config sets no FwMark. */
    static final int DEFAULT_ROUTE_TABLE = 51820;

    private final Platform platform;
    private final DnsConfigurator dns;
    private final SharedNetworkWatcher watcher;

    public EngineTunnelDriver(Platform platform) {
        this.platform = platform;
        this.dns = platform.dnsConfigurator();
        this.watcher = new SharedNetworkWatcher(platform);
    }

    /** Steps done so far, undone in reverse when a later one fails. */
    private static final class Undo {
        private record Step(String what, Action action) {
        }

        @FunctionalInterface
        interface Action {
            void run() throws Exception;
        }

        private final Deque<Step> steps = new ArrayDeque<>();

        void push(String what, Action action) {
            steps.push(new Step(what, action));
        }

        /** Registers a step undone after all others, whenever it was done. */
        void pushLast(String what, Action action) {
            steps.addLast(new Step(what, action));
        }

        /** Undoes everything, logging (not throwing) what could not be undone. */
        void runAll(TunnelEvents events) {
            while (!steps.isEmpty()) {
                Step s = steps.pop();
                try {
                    s.action.run();
                } catch (Exception e) {
                    events.log("undoing '" + s.what + "' failed: " + e.getMessage());
                }
            }
        }
    }

    DnsConfigurator dns() {
        return dns;
    }

    @Override
    public RunningTunnel start(TunnelName name, TunnelConfig config, KillSwitchSetting killSwitch,
            TunnelEvents events) throws TunnelException {
        String ifname = name.requireInterfaceName();
        InterfaceConfig ic = config.interfaceConfig();
        Map<PeerConfig, InetSocketAddress> endpoints = resolveEndpoints(config);
        OptionalInt mark = fwMark(config);
        Undo undo = new Undo();
        String step = "creating the interface " + ifname;
        try (NetworkConfigurator net = platform.networkConfigurator()) {
            TunDevice tun = platform.createTun(ifname);
            undo.push("closing the interface", tun::close);
            int index = net.interfaceIndex(ifname);

            KillSwitch.Active blocking = null;
            if (killSwitch.blockUntunneledTraffic()) {
                // Before anything can send: PreUp scripts and the first handshake already run behind it.
                step = "installing the kill-switch";
                KillSwitchPolicy policy = KillSwitchPolicy.forTunnel(config, ifname, endpoints.values(), killSwitch,
                        killSwitch.allowLocalNetwork() ? LocalNetworks.connectedSubnets(index) : List.of());
                if (mark.isPresent()) {
                    // A mark from 2^31 up is negative as an int; the firewall sees it as the unsigned 32 bits.
                    policy = policy.withFwMark(Integer.toUnsignedLong(mark.getAsInt()));
                }
                OptionalLong luid = net.interfaceLuid(index);
                if (luid.isPresent()) {
                    policy = policy.withInterfaceLuid(luid.getAsLong());
                }
                blocking = platform.killSwitch().install(policy);
                // Removed after the interface, as on stop: no moment without it while the tunnel comes down.
                undo.pushLast("removing the kill-switch", blocking::close);
                events.log(policy.describe());
            }

            step = "running PreUp";
            ScriptRunner.run("PreUp", ic.preUp(), ifname, events);

            step = "configuring the device";
            DeviceEventLog eventLog = new DeviceEventLog(events);
            EndpointReresolver reresolver = EndpointReresolver.withSystemResolver(events::log);
            KillSwitchFollower follower = blocking == null ? null
                    : new KillSwitchFollower(blocking, () -> LocalNetworks.connectedSubnets(index), events::log);
            Device device = new Device(tun, platform.createBind(), Clock.system(), event -> {
                eventLog.onEvent(event);
                reresolver.onEvent(event);
                if (follower != null) {
                    follower.onEvent(event);
                }
            });
            reresolver.attach(device);
            undo.push("closing the device", device::close);
            device.setPrivateKey(ic.privateKey());
            device.setListenPort(ic.listenPort().orElse(0));
            if (mark.isPresent()) {
                // Before device.up(): an unmarked first handshake would be routed into the tunnel (and dropped
                // by the kill-switch) until the retry 5 s later.
                device.setFwmark(mark.getAsInt());
            }
            for (PeerConfig pc : config.peers()) {
                Peer p = device.addPeer(pc.publicKey());
                pc.endpoint().ifPresent(e -> reresolver.track(pc.publicKey(), e));
                p.setPresharedKey(pc.presharedKey().orElse(null));
                p.setPersistentKeepalive(pc.persistentKeepalive());
                InetSocketAddress ep = endpoints.get(pc);
                if (ep != null) {
                    p.setEndpoint(ep);
                }
                pc.allowedIps().forEach(a -> device.addAllowedIp(p, a.masked()));
            }
            if (follower != null) {
                follower.attach(device);
            }

            step = "adding addresses";
            for (IpNetwork a : ic.addresses()) {
                net.addAddress(index, a);
            }

            step = "setting the MTU";
            int mtu = AutoMtu.mtuFor(config, endpoints.values(), net);
            net.setMtu(index, mtu);

            step = "bringing the interface up";
            device.up();
            net.setUp(index, true);

            boolean dnsSet = !ic.dnsServers().isEmpty();
            if (dnsSet) {
                step = "setting DNS";
                events.changed(new TunnelResources(name.value(), ifname, true, List.of()));
                dns.set(ifname, ic.dnsServers(), ic.dnsSearchDomains());
                undo.push("removing DNS", () -> dns.clear(ifname));
            }

            step = "adding routes";
            List<PolicyRule> rules = addRoutes(config, mark, net, index, undo,
                    soFar -> events.changed(new TunnelResources(name.value(), ifname, dnsSet, soFar)));

            step = "running PostUp";
            ScriptRunner.run("PostUp", ic.postUp(), ifname, events);

            step = "watching the network";
            EngineTunnel running = new EngineTunnel(config, device, this,
                    new TunnelResources(name.value(), ifname, dnsSet, rules), killSwitch, blocking, events);
            running.watch(watcher.register(WatchedTunnel.of(index, device, config, events::log,
                    running::interfaceDeleted,
                    follower == null ? () -> { } : follower::localNetworksChanged)));
            events.log("interface " + ifname + " up: listening on UDP port " + device.listenPort() + ", MTU " + mtu);
            return running;
        } catch (TunnelException e) {
            undo.runAll(events);
            throw new TunnelException(step + " failed: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            undo.runAll(events);
            throw new TunnelException(step + " failed: " + e.getMessage(), e);
        }
    }

    /** Endpoints are resolved first: a name that does not resolve fails the start before anything is changed. */
    private static Map<PeerConfig, InetSocketAddress> resolveEndpoints(TunnelConfig config) throws TunnelException {
        Map<PeerConfig, InetSocketAddress> out = new LinkedHashMap<>();
        for (PeerConfig p : config.peers()) {
            if (p.endpoint().isEmpty()) {
                continue;
            }
            Endpoint e = p.endpoint().get();
            try {
                out.put(p, e.resolve());
            } catch (IOException ex) {
                throw new TunnelException("resolving the endpoint " + e + " of " + DeviceEventLog.peer(p.publicKey())
                        + " failed: " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    /**
     * The device's firewall mark: the config's FwMark, else, as wg-quick does, {@link #DEFAULT_ROUTE_TABLE} when
     * a default route goes to its own table (its policy rules send unmarked traffic into the tunnel). Where the
     * platform does not route by firewall mark (Windows) a default route is an ordinary route and gets no mark: a mark
     * would only make the network watcher ask for routes "as marked", which such a platform cannot answer.
     */
    private OptionalInt fwMark(TunnelConfig config) {
        InterfaceConfig ic = config.interfaceConfig();
        if (ic.fwMark().isPresent()) {
            return OptionalInt.of((int) ic.fwMark().getAsLong());
        }
        Set<IpNetwork> destinations = routedNetworks(config);
        boolean defaultRoute = destinations.stream().anyMatch(d -> routesWholeFamily(d, destinations));
        return ic.table().mode() == RoutingTable.Mode.AUTO && defaultRoute && platform.routesByFwmark()
                ? OptionalInt.of(DEFAULT_ROUTE_TABLE) : OptionalInt.empty();
    }

    /**
     * A route per allowed IP, as wg-quick adds them: in the config's table if it names one; a default route
     * (with Table = auto) goes to its own table with the two policy rules that keep the tunnel's own UDP
     * (marked with the same number) on the real uplink. Networks equal to an interface address already have
     * the kernel's connected route. Where the platform does not route by firewall mark (Windows: the bind is pinned
     * to the uplink), a default route is an ordinary main-table route.
     */
    private List<PolicyRule> addRoutes(TunnelConfig config, OptionalInt fwMark, NetworkConfigurator net, int index,
            Undo undo, Consumer<List<PolicyRule>> rulesAdded) throws IOException {
        RoutingTable table = config.interfaceConfig().table();
        List<PolicyRule> rules = new ArrayList<>();
        if (table.mode() == RoutingTable.Mode.OFF) {
            return rules;
        }
        Set<IpNetwork> connected = new LinkedHashSet<>();
        config.interfaceConfig().addresses().forEach(a -> connected.add(a.masked()));
        Set<IpNetwork> destinations = routedNetworks(config);
        Set<Boolean> familiesWithRules = new LinkedHashSet<>();
        for (IpNetwork d : destinations) {
            if (table.mode() == RoutingTable.Mode.NUMBERED) {
                net.addRoute(new Route(d, index, (int) table.id(), 0));
            } else if (table.mode() == RoutingTable.Mode.AUTO && routesWholeFamily(d, destinations)
                    && platform.routesByFwmark()) {
                int mark = fwMark.orElseThrow();
                net.addRoute(new Route(d, index, mark, 0));
                if (!familiesWithRules.add(d.isIpv4())) {
                    continue;
                }
                if (d.isIpv4()) {
                    enableSourceValidMark();
                }
                for (PolicyRule r : PolicyRule.wgQuickDefaultRoute(!d.isIpv4(), mark)) {
                    net.addRule(r);
                    rules.add(r);
                    rulesAdded.accept(List.copyOf(rules));
                    undo.push("removing rule " + r, () -> removeRule(r));
                }
            } else if (!connected.contains(d)) {
                net.addRoute(Route.of(d, index));
            }
        }
        return rules;
    }

    /** Every peer's allowed IPs, masked, in config order. */
    private static Set<IpNetwork> routedNetworks(TunnelConfig config) {
        Set<IpNetwork> destinations = new LinkedHashSet<>();
        config.peers().forEach(p -> p.allowedIps().forEach(a -> destinations.add(a.masked())));
        return destinations;
    }

    /**
     * Whether {@code d} takes its whole address family into the tunnel: a /0, or one of the two /1 halves while the
     * other is routed too — how WireGuard for Windows (and Warren's editor) writes a full tunnel without its
     * kill-switch. Either needs wg-quick's mark and rules: as plain routes, the halves would also catch the tunnel's
     * own UDP to its endpoint and send it into the tunnel.
     */
    static boolean routesWholeFamily(IpNetwork d, Set<IpNetwork> destinations) {
        if (d.prefixLength() == 0) {
            return true;
        }
        if (d.prefixLength() != 1) {
            return false;
        }
        byte[] other = d.address().getAddress();
        other[0] ^= (byte) 0x80;
        try {
            return destinations.contains(new IpNetwork(InetAddress.getByAddress(other), 1));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    /** Removes a rule with a configurator of its own: the one that added it may be closed by then. */
    void removeRule(PolicyRule r) throws IOException {
        try (NetworkConfigurator net = platform.networkConfigurator()) {
            net.removeRule(r);
        }
    }

    /** As wg-quick does: lets rp_filter accept replies to marked packets. */
    private static void enableSourceValidMark() throws IOException {
        Path p = Path.of("/proc/sys/net/ipv4/conf/all/src_valid_mark");
        if (Files.exists(p) && !Files.readString(p).strip().equals("1")) {
            Files.writeString(p, "1");
        }
    }

    @Override
    public boolean removeLeftoverKillSwitch() throws TunnelException {
        try {
            return platform.killSwitch().removeLeftovers();
        } catch (IOException e) {
            throw new TunnelException(e.getMessage(), e);
        }
    }

    @Override
    public List<String> cleanUp(TunnelResources leftovers) throws TunnelException {
        List<String> problems = new ArrayList<>();
        try (NetworkConfigurator net = platform.networkConfigurator()) {
            try {
                net.interfaceIndex(leftovers.interfaceName());
                // Still there: not deleted blindly (on Linux another program may own one of that name; on Windows
                // the adapter is reused at the tunnel's next start).
                problems.add(net.leftoverInterfaceAdvice(leftovers.interfaceName()));
            } catch (IOException gone) {
                // The expected case: see below.
            }
            for (PolicyRule r : leftovers.policyRules()) {
                try {
                    net.removeRule(r);
                } catch (IOException e) {
                    problems.add("rule " + r + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
        // The TUN interface was non-persistent: the kernel removed it, and its routes, when the killed
        // manager's file descriptor closed. Its DNS record outlives it, so it is reverted by interface name.
        List<String> done = new ArrayList<>();
        if (leftovers.dnsConfigured()) {
            try {
                dns.clearStale(leftovers.interfaceName())
                        .ifPresent(command -> done.add("reverted DNS of " + leftovers.interfaceName() + " (" + command + ")"));
            } catch (IOException e) {
                problems.add("DNS of " + leftovers.interfaceName() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new TunnelException(String.join("; ", problems));
        }
        return done;
    }
}
