package dev.warren.app.demo;

import dev.warren.app.demo.DemoState.Role;
import dev.warren.app.ipc.UnixSocketAcceptor;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.ManagerException;
import dev.warren.app.ipc.PeerRuntime;
import dev.warren.app.ipc.TunnelRuntime;
import dev.warren.app.ui.format.ByteCount;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code warren demo}: a real WireGuard peer in a network namespace of its own, serving a web page on its tunnel
 * address; a "demo" tunnel to it in the manager, started, its handshake awaited and the page fetched through it;
 * then the GUI. Every step is recorded in {@link DemoState} before the next, and a failing step removes what
 * the earlier ones created, so nothing is ever left half made.
 */
public final class DemoStarter {

    /** What the peer's page says; the demo checks that the page it fetched through the tunnel says it. */
    public static final String GREETING = "Hello from the Warren demo peer";
    static final String PEER_SCRIPT = "demo-peer.py";
    private static final Duration PROCESS_START = Duration.ofSeconds(20);
    /** The overflow uid and gid ("nobody", "nogroup"), which own nothing. */
    private static final String NOBODY = "65534";
    private static final Duration MANAGER_START = Duration.ofSeconds(60);
    private static final Duration HANDSHAKE = Duration.ofSeconds(15);

    private final DemoOptions options;
    private final boolean userspaceAvailable;
    private final SystemCommands sys = new SystemCommands();
    private final PrintWriter out;
    private DemoState state;

    /**
     * @param userspaceAvailable whether this Warren has {@code warren userspace}, the peer used when wireguard-go
     *                           is not installed
     */
    public DemoStarter(DemoOptions options, boolean userspaceAvailable, PrintWriter out) {
        this.options = options;
        this.userspaceAvailable = userspaceAvailable;
        this.out = out;
    }

    /** Starts the demo, or says that it runs already. */
    public void start() {
        SystemCommands.requireRoot();
        Optional<DemoState> previous = DemoState.read(options.stateDir());
        if (previous.isPresent()) {
            if (DemoStopper.isRunning(previous.get())) {
                say("the demo is already running (tunnel " + previous.get().tunnel() + ", page "
                        + previous.get().plan().pageUrl() + "). Stop it with: " + DemoOptions.command() + " demo --stop");
                return;
            }
            say("a previous demo did not finish cleanly; removing what is left of it first.");
            new DemoStopper(options.stateDir(), sys, out).stop(previous.get());
        }
        List<String> peerCommand = peerCommand();
        checkTools(options.gui() && DemoGui.needsVirtualDisplay());
        if (Files.exists(Path.of("/run/netns", options.netns()))) {
            throw new DemoException("a network namespace named " + options.netns() + " exists already and this demo "
                    + "did not create it: remove it (ip netns del " + options.netns() + ") or choose another name");
        }
        if (sys.succeeds("ip", "link", "show", "dev", options.netns())) {
            throw new DemoException("this host has an interface named " + options.netns() + " already, the name the "
                    + "demo gives its veth link: remove or rename it, or choose another name (--netns)");
        }
        DemoPlan plan = DemoPlan.choose(options.tunnel(), options.netns(), RoutedNetworks.ofThisHost(sys));
        record(DemoState.planned(plan, options.socket()));
        try {
            createNetwork(plan);
            Key peerKey = Key.generatePrivate();
            Key ourKey = Key.generatePrivate();
            startPeer(plan, peerCommand, peerKey, ourKey);
            startWebPage(plan);
            startTunnel(plan, tunnelConfig(plan, ourKey, peerKey));
            if (options.gui()) {
                new DemoGui(options, out).open(state, this::record);
            }
        } catch (RuntimeException e) {
            say("failed: " + e.getMessage());
            say("removing what the demo had created...");
            new DemoStopper(options.stateDir(), sys, out).stop(state);
            throw e;
        }
        out.println();
        out.println("Open " + plan.pageUrl() + " in a browser on this machine: the page comes through the tunnel.");
        out.println("Stop the demo and remove everything it created: " + DemoOptions.command() + " demo --stop");
        out.flush();
    }

    private List<String> peerCommand() {
        if (SystemCommands.onPath("wireguard-go")) {
            return List.of("wireguard-go", "-f", options.netns());
        }
        if (userspaceAvailable) {
            return SelfCommand.warren("userspace", "-f", options.netns());
        }
        throw new DemoException("the demo's peer needs wireguard-go: install it (apt-get install wireguard-go)");
    }

    private static void checkTools(boolean virtualDisplay) {
        Map<String, String> packages = new java.util.HashMap<>(Map.of("ip", "iproute2", "wg", "wireguard-tools",
                "python3", "python3", "setsid", "util-linux", "setpriv", "util-linux", "sysctl", "procps"));
        if (virtualDisplay) {
            packages.put("Xvfb", "xvfb");
        }
        List<String> missing = packages.keySet().stream().filter(p -> !SystemCommands.onPath(p)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new DemoException("the demo needs " + String.join(", ", missing) + ": install them (apt-get install "
                    + String.join(" ", missing.stream().map(packages::get).distinct().toList()) + ")");
        }
    }

    private void createNetwork(DemoPlan plan) {
        String ns = plan.netns();
        sys.run("ip", "netns", "add", ns);
        sys.run("ip", "link", "add", plan.hostVeth(), "type", "veth", "peer", "name", DemoPlan.PEER_VETH, "netns", ns);
        sys.run("ip", "addr", "add", cidr(plan.hostUnderlay(), plan), "dev", plan.hostVeth());
        sys.run("ip", "link", "set", plan.hostVeth(), "up");
        sys.in(ns, "ip", "addr", "add", cidr(plan.peerUnderlay(), plan), "dev", DemoPlan.PEER_VETH);
        sys.in(ns, "ip", "link", "set", DemoPlan.PEER_VETH, "up");
        sys.in(ns, "ip", "link", "set", "lo", "up");
        say("created network namespace " + ns + ", linked to this host by veth " + plan.hostVeth() + " ("
                + IpNetwork.format(plan.hostUnderlay()) + " here, " + IpNetwork.format(plan.peerUnderlay()) + " there)");
    }

    private void startPeer(DemoPlan plan, List<String> command, Key peerKey, Key ourKey) {
        String ns = plan.netns();
        Process p = launch(SystemCommands.inNetns(ns, command.toArray(String[]::new)), "peer.log");
        StartedProcess peer = StartedProcess.of(command.getFirst().endsWith("wireguard-go") ? "wireguard-go"
                : "warren userspace", p);
        record(state.withProcess(Role.PEER, peer));
        Path uapi = Path.of("/var/run/wireguard", plan.peerInterface() + ".sock");
        awaitCondition(() -> Files.exists(uapi), p, peer + " did not create " + uapi, "peer.log");
        // The key goes through a pipe: never on a command line, where any user could read it.
        sys.runWithInput(peerKey.toBase64() + "\n", SystemCommands.inNetns(ns, "wg", "set", plan.peerInterface(), "private-key",
                "/dev/stdin", "listen-port", String.valueOf(DemoPlan.PEER_PORT), "peer", ourKey.publicKey().toBase64(),
                "allowed-ips", IpNetwork.format(plan.hostTunnel()) + "/32"));
        sys.in(ns, "ip", "addr", "add", cidr(plan.peerTunnel(), plan), "dev", plan.peerInterface());
        sys.in(ns, "ip", "link", "set", plan.peerInterface(), "up");
        say("started a WireGuard peer, " + peer + ", in " + ns + " at " + IpNetwork.format(plan.peerTunnel())
                + ", listening on " + IpNetwork.format(plan.peerUnderlay()) + ":" + DemoPlan.PEER_PORT);
    }

    private void startWebPage(DemoPlan plan) {
        Path script = options.stateDir().resolve(PEER_SCRIPT);
        try (InputStream in = DemoStarter.class.getResourceAsStream(PEER_SCRIPT)) {
            if (in == null) {
                throw new DemoException("the demo's page script " + PEER_SCRIPT + " is missing from this build");
            }
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            throw new DemoException("could not write " + script + ": " + e.getMessage(), e);
        }
        // The server runs as nobody, reading its script (private to root) from the stdin this process opens; the
        // namespace lets unprivileged programs bind port 80, a setting that goes with the namespace.
        sys.in(plan.netns(), "sysctl", "-qw", "net.ipv4.ip_unprivileged_port_start=" + DemoPlan.HTTP_PORT);
        Process p = DetachedProcess.start(List.of(SystemCommands.inNetns(plan.netns(), "setpriv", "--reuid=" + NOBODY,
                "--regid=" + NOBODY, "--clear-groups", python3(), "-u", "-", IpNetwork.format(plan.peerTunnel()),
                String.valueOf(DemoPlan.HTTP_PORT), plan.netns())), options.stateDir().resolve("web.log"), Map.of(), script);
        StartedProcess web = StartedProcess.of("the web page server (python3, as nobody)", p);
        record(state.withProcess(Role.WEB, web));
        awaitCondition(() -> logContains("web.log", "serving on"), p, web + " did not start", "web.log");
        say("serving " + plan.pageUrl() + " from " + web + " inside " + plan.netns());
    }

    /** The system's python3 when there is one: one under a home directory (pyenv) is out of nobody's reach. */
    private static String python3() {
        Path system = Path.of("/usr/bin/python3");
        return Files.isExecutable(system) ? system.toString() : "python3";
    }

    private static String tunnelConfig(DemoPlan plan, Key ourKey, Key peerKey) {
        return "# The Warren demo's tunnel: a WireGuard peer in network namespace " + plan.netns() + ".\n"
                + "# `warren demo --stop` removes it with the peer.\n"
                + "[Interface]\n"
                + "PrivateKey = " + ourKey.toBase64() + "\n"
                + "Address = " + IpNetwork.format(plan.hostTunnel()) + "/32\n\n"
                + "[Peer]\n"
                + "PublicKey = " + peerKey.publicKey().toBase64() + "\n"
                + "AllowedIPs = " + IpNetwork.format(plan.peerTunnel()) + "/32\n"
                + "Endpoint = " + IpNetwork.format(plan.peerUnderlay()) + ":" + DemoPlan.PEER_PORT + "\n"
                + "PersistentKeepalive = 25\n";
    }

    private void startTunnel(DemoPlan plan, String config) {
        ensureManager();
        try (ManagerClient manager = ManagerClient.connect(options.socket())) {
            if (ManagerClient.await(manager.listTunnels()).stream().anyMatch(t -> t.name().equals(plan.tunnel()))) {
                throw new DemoException("the manager already has a tunnel named " + plan.tunnel() + ", which this demo "
                        + "did not create: rename or remove it (in the GUI) and run the demo again");
            }
            ManagerClient.await(manager.createTunnel(plan.tunnel(), config));
            record(state.withTunnelCreated());
            long started = System.nanoTime();
            ManagerClient.await(manager.startTunnel(plan.tunnel()));
            say("imported the tunnel \"" + plan.tunnel() + "\" into the manager and started it");
            PeerRuntime before = awaitHandshake(manager, plan);
            say(String.format("handshake with the peer done, %.1f s after the start", (System.nanoTime() - started) / 1e9));
            String page = fetch(plan.pageUrl());
            PeerRuntime after = peer(manager, plan).orElseThrow();
            Matcher time = Pattern.compile("It is ([^<]+?) here").matcher(page);
            say("fetched " + plan.pageUrl() + " through the tunnel: \"" + GREETING + "\""
                    + (time.find() ? " (it is " + time.group(1) + " there)" : ""));
            say("tunnel " + plan.tunnel() + ": " + ByteCount.format(after.rxBytes() - before.rxBytes())
                    + " received and " + ByteCount.format(after.txBytes() - before.txBytes()) + " sent for the page");
        } catch (ManagerException e) {
            throw new DemoException("the manager at " + options.socket() + ": " + e.getMessage(), e);
        }
    }

    /** Uses the manager on the socket, or starts one in the background (recorded, so --stop stops it). */
    private void ensureManager() {
        Path socket = options.socket();
        if (UnixSocketAcceptor.isLive(socket)) {
            say("using the manager running on " + socket);
            return;
        }
        List<String> args = options.managerArguments();
        Process p = launch(SelfCommand.warren(args.toArray(String[]::new)).toArray(String[]::new), "manager.log");
        StartedProcess manager = StartedProcess.of("the manager", p);
        record(state.withProcess(Role.MANAGER, manager));
        awaitCondition(() -> UnixSocketAcceptor.isLive(socket), p, manager + " did not open " + socket, "manager.log",
                MANAGER_START);
        say("started " + manager + " on " + socket + " (no manager was running)");
    }

    /**
     * Waits for the first handshake. One datagram into the tunnel starts it at once, as any traffic would, instead
     * of waiting for the first keepalive.
     */
    private PeerRuntime awaitHandshake(ManagerClient manager, DemoPlan plan) {
        try (DatagramSocket poke = new DatagramSocket()) {
            // The discard port: nothing answers and nothing needs to; the packet only has to enter the tunnel.
            poke.send(new DatagramPacket(new byte[1], 1, plan.peerTunnel(), 9));
        } catch (IOException e) {
            throw new DemoException("could not send into the tunnel " + plan.tunnel() + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + HANDSHAKE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<PeerRuntime> p = peer(manager, plan);
            if (p.isPresent() && p.get().lastHandshakeEpochMillis() > 0) {
                return p.get();
            }
            sleep(100);
        }
        throw new DemoException("no handshake with the peer within " + HANDSHAKE.toSeconds() + " s; see `" + DemoOptions.command()
                + " log --tunnel " + plan.tunnel() + "` and " + options.stateDir().resolve("peer.log"));
    }

    private static Optional<PeerRuntime> peer(ManagerClient manager, DemoPlan plan) {
        TunnelRuntime rt = ManagerClient.await(manager.runtime(plan.tunnel()));
        return rt == null || rt.peers().isEmpty() ? Optional.empty() : Optional.of(rt.peers().getFirst());
    }

    private static String fetch(String url) {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(5000);
                c.setReadTimeout(5000);
                try (InputStream in = c.getInputStream()) {
                    String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (c.getResponseCode() != 200 || !page.contains(GREETING)) {
                        throw new DemoException(url + " answered " + c.getResponseCode() + " without the demo's page");
                    }
                    return page;
                } finally {
                    c.disconnect();
                }
            } catch (IOException e) {
                last = e;
                sleep(500);
            }
        }
        throw new DemoException("could not fetch " + url + " through the tunnel: " + last.getMessage(), last);
    }

    private Process launch(String[] command, String logName) {
        return DetachedProcess.start(List.of(command), options.stateDir().resolve(logName), Map.of());
    }

    private void awaitCondition(java.util.function.BooleanSupplier done, Process p, String failure, String logName) {
        awaitCondition(done, p, failure, logName, PROCESS_START);
    }

    private void awaitCondition(java.util.function.BooleanSupplier done, Process p, String failure, String logName,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new DemoException(failure + (p.isAlive() ? " within " + timeout.toSeconds() + " s" : " (it exited)")
                        + "; its output: " + tail(logName));
            }
            sleep(50);
        }
    }

    private boolean logContains(String logName, String text) {
        try {
            Path log = options.stateDir().resolve(logName);
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private String tail(String logName) {
        Path log = options.stateDir().resolve(logName);
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(none)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(see " + log + ")";
        }
    }

    private static String cidr(java.net.InetAddress a, DemoPlan plan) {
        return IpNetwork.format(a) + "/" + plan.linkPrefix();
    }

    private void record(DemoState s) {
        state = s;
        state.write(options.stateDir());
    }

    private void say(String line) {
        out.println("warren demo: " + line);
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted", e);
        }
    }
}
