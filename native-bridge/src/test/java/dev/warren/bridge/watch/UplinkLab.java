package dev.warren.bridge.watch;

import dev.warren.bridge.linux.LinuxBind;
import dev.warren.bridge.linux.LinuxNetworkConfigurator;
import dev.warren.bridge.linux.LinuxNetworkMonitor;
import dev.warren.bridge.linux.LinuxTun;
import dev.warren.bridge.linux.NetNs;
import dev.warren.core.config.Endpoint;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import dev.warren.core.device.Clock;
import dev.warren.core.device.Device;
import dev.warren.core.device.DeviceEvent;
import dev.warren.core.device.EndpointReresolver;
import dev.warren.core.device.Peer;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A client namespace running Warren's engine on LinuxTun/LinuxBind under a {@link NetworkWatcher}, and a server
 * namespace running Debian's wireguard-go, joined by two veth pairs, the two uplinks: A (10.1.0.2 ↔ 10.1.0.1,
 * the client's default route at first) and B (10.2.0.2 ↔ 10.2.0.1). The server's WireGuard endpoint addresses
 * are 10.9.0.1 and 10.9.0.2 on its loopback, reachable over either uplink; tunnel addresses are 10.99.0.2
 * (Warren) and 10.99.0.1 (wireguard-go). Everything is removed by {@link #close()}, the wireguard-go process by
 * its own handle.
 */
final class UplinkLab implements AutoCloseable {

    static final String SERVER_TUNNEL_IP = "10.99.0.1";
    static final String CLIENT_TUNNEL_IP = "10.99.0.2";
    static final int PORT = 51820;
    static final String UPLINK_A = "upa";
    static final String UPLINK_B = "upb";
    static final String TUNNEL = "wgc";

    final NetNs client;
    final NetNs server;
    final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    private final Path serverKey;
    private final String serverIf;
    private Process wireguardGo;
    private Path hostsDir;
    Device device;
    NetworkWatcher watcher;
    LinuxNetworkConfigurator net;
    int tunnelIndex;
    private Closeable registration;

    private UplinkLab(NetNs client, NetNs server) throws IOException {
        this.client = client;
        this.server = server;
        this.serverKey = Files.createTempFile("wg-server", ".key",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        this.serverIf = "wgs" + server.name().substring(server.name().length() - 8);
    }

    /** Both namespaces, the uplinks with A as the default route, and wireguard-go listening. */
    static UplinkLab create() throws Exception {
        NetNs c = NetNs.create("nwc");
        NetNs s;
        try {
            s = NetNs.create("nws");
        } catch (Exception e) {
            c.close();
            throw e;
        }
        UplinkLab lab = new UplinkLab(c, s);
        try {
            lab.wire();
            return lab;
        } catch (Exception e) {
            lab.close();
            throw e;
        }
    }

    private void wire() throws Exception {
        for (String[] u : new String[][] {{UPLINK_A, "10.1.0"}, {UPLINK_B, "10.2.0"}}) {
            NetNs.run("ip", "link", "add", u[0], "netns", client.name(), "type", "veth", "peer", "name", u[0] + "s",
                    "netns", server.name());
            client.exec("ip", "addr", "add", u[1] + ".2/24", "dev", u[0]);
            client.exec("ip", "link", "set", u[0], "up");
            server.exec("ip", "addr", "add", u[1] + ".1/24", "dev", u[0] + "s");
            server.exec("ip", "link", "set", u[0] + "s", "up");
        }
        client.exec("ip", "route", "add", "default", "via", "10.1.0.1", "dev", UPLINK_A);
        server.exec("ip", "addr", "add", "10.9.0.1/32", "dev", "lo");
        server.exec("ip", "addr", "add", "10.9.0.2/32", "dev", "lo");

        Files.writeString(serverKey, Key.generatePrivate().toBase64() + "\n");
        wireguardGo = server.start("wireguard-go", "-f", serverIf);
        Path socket = Path.of("/var/run/wireguard/" + serverIf + ".sock");
        awaitTrue("wireguard-go's UAPI socket", () -> Files.exists(socket));
        server.exec("wg", "set", serverIf, "private-key", serverKey.toString(), "listen-port", String.valueOf(PORT));
        server.exec("ip", "addr", "add", SERVER_TUNNEL_IP + "/24", "dev", serverIf);
        server.exec("ip", "link", "set", serverIf, "up");
    }

    Key serverPublicKey() throws Exception {
        return Key.fromBase64(Key.Kind.PUBLIC, server.exec("wg", "show", serverIf, "public-key").strip());
    }

    /**
     * Warren's side: the TUN interface (MTU 1420), the engine with wireguard-go as its peer at {@code endpoint},
     * and a watcher with {@code resume} and {@code resolver}, the tunnel registered with it.
     */
    void startClient(Endpoint endpoint, boolean autoMtu, ResumeSignal resume, EndpointReresolver.Resolver resolver)
            throws Exception {
        Key serverPub = serverPublicKey();
        Key clientKey = Key.generatePrivate();
        server.exec("wg", "set", serverIf, "peer", clientKey.publicKey().toBase64(), "allowed-ips",
                CLIENT_TUNNEL_IP + "/32");
        InetSocketAddress first = resolver.resolve(endpoint);
        client.call(() -> {
            LinuxTun tun = LinuxTun.create(TUNNEL);
            net = new LinuxNetworkConfigurator();
            tunnelIndex = net.interfaceIndex(TUNNEL);
            net.addAddress(tunnelIndex, IpNetwork.parse(CLIENT_TUNNEL_IP + "/24"));
            net.setMtu(tunnelIndex, 1420);
            device = new Device(tun, new LinuxBind(), Clock.system(), events::add);
            device.setPrivateKey(clientKey);
            Peer p = device.addPeer(serverPub);
            p.setEndpoint(first);
            device.addAllowedIp(p, IpNetwork.parse(SERVER_TUNNEL_IP + "/32"));
            device.up();
            net.setUp(tunnelIndex, true);
            watcher = NetworkWatcher.start(new LinuxNetworkMonitor(), net, resume, resolver);
            return null;
        });
        awaitTrue("the watcher sees uplink A", () -> watcher.uplink(false).isPresent());
        registration = watcher.register(new WatchedTunnel(tunnelIndex, device,
                endpoint.isLiteral() ? Map.of() : Map.of(serverPub, endpoint), autoMtu, false, log::add, () -> { }, () -> { }));
    }

    /** Gives the client namespace its own /etc/hosts (which {@code ip netns exec} bind-mounts over /etc/hosts). */
    void clientHosts(String content) throws IOException {
        if (hostsDir == null) {
            hostsDir = Path.of("/etc/netns", client.name());
            Files.createDirectories(hostsDir);
        }
        Files.writeString(hostsDir.resolve("hosts"), content);
    }

    /** The glibc resolver inside the client namespace, reading its own hosts file. */
    EndpointReresolver.Resolver namespaceResolver() {
        return e -> {
            try {
                String out = client.exec("getent", "ahostsv4", e.host());
                return new InetSocketAddress(IpNetwork.parseLiteral(out.strip().split("\\s+")[0]), e.port());
            } catch (IOException | InterruptedException ex) {
                UnknownHostException u = new UnknownHostException(e.host() + ": " + ex.getMessage());
                u.initCause(ex);
                throw u;
            }
        };
    }

    /** One ping through the tunnel from the client; true if answered within {@code seconds}. */
    boolean pingServer(int payload, int seconds) throws Exception {
        return succeeds(client, "ping", "-c", "1", "-W", String.valueOf(seconds), "-M", "do", "-s",
                String.valueOf(payload), SERVER_TUNNEL_IP);
    }

    static boolean succeeds(NetNs ns, String... command) throws Exception {
        try {
            ns.exec(command);
            return true;
        } catch (IOException failed) {
            return false;
        }
    }

    long count(Class<? extends DeviceEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }

    /** Waits (up to 10 s, only to bound a broken build) for a condition the watcher or engine makes true. */
    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Closeable c : new Closeable[] {registration, watcher, device, net}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                failure = e;
            }
        }
        if (wireguardGo != null) {
            wireguardGo.destroy();
            try {
                if (!wireguardGo.waitFor(5, TimeUnit.SECONDS)) {
                    wireguardGo.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                wireguardGo.destroyForcibly();
            }
        }
        client.close();
        server.close();
        Files.deleteIfExists(serverKey);
        if (hostsDir != null) {
            Files.deleteIfExists(hostsDir.resolve("hosts"));
            Files.deleteIfExists(hostsDir);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
