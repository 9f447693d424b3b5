package dev.warren.app.interop;

import dev.warren.bridge.linux.NetNs;
import dev.warren.core.config.Key;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair with IPv4 and IPv6 outer addresses, and the WireGuard
 * implementations started in them: {@code warren userspace -f} as a child JVM or Debian's {@code wireguard-go -f},
 * both configured with the stock {@code wg} tool. {@link #close()} stops every process it started (by PID) and
 * deletes the namespaces, whatever happened before. Each implementation's log stays in
 * {@code target/interop/<suffix>/<iface>.log}.
 *
 * <p>Outer addresses: side A {@code 10.99.0.1} / {@code fd99::1}, side B {@code 10.99.0.2} / {@code fd99::2}.
 * Inner (tunnel) addresses: A {@code 10.100.0.1} / {@code fd00:100::1}, B {@code 10.100.0.2} / {@code fd00:100::2}.
 */
final class Lab implements AutoCloseable {

    enum Impl { WARREN, WIREGUARD_GO }

    /** One WireGuard interface in one namespace. */
    record Node(NetNs ns, String iface, Impl impl, Key privateKey, int port, String outer4, String outer6,
            String inner4, String inner6, String veth) {

        Key publicKey() {
            return privateKey.publicKey();
        }

        String exec(String... command) throws IOException, InterruptedException {
            return ns.exec(command);
        }

        /** {@code wg show <iface> dump}: the interface line, then one line per peer, split at tabs. */
        List<String[]> dump() throws IOException, InterruptedException {
            List<String[]> rows = new ArrayList<>();
            for (String line : exec("wg", "show", iface, "dump").strip().split("\n")) {
                rows.add(line.split("\t", -1));
            }
            return rows;
        }

        /** Peer line of {@code wg show dump} for {@code other}. */
        String[] peerRow(Node other) throws IOException, InterruptedException {
            for (String[] row : dump()) {
                if (row[0].equals(other.publicKey().toBase64())) {
                    return row;
                }
            }
            throw new AssertionError(iface + " has no peer " + other.publicKey().toBase64());
        }

        long latestHandshake(Node other) throws IOException, InterruptedException {
            return Long.parseLong(peerRow(other)[4]);
        }

        long rxBytes(Node other) throws IOException, InterruptedException {
            return Long.parseLong(peerRow(other)[5]);
        }
    }

    final NetNs a;
    final NetNs b;
    final String suffix;
    private final Path workDir;
    private final List<Process> processes = new ArrayList<>();
    final String vethA;
    final String vethB;

    private Lab(NetNs a, NetNs b, String suffix, Path workDir) {
        this.a = a;
        this.b = b;
        this.suffix = suffix;
        this.workDir = workDir;
        this.vethA = "va" + suffix;
        this.vethB = "vb" + suffix;
    }

    /** Creates both namespaces and the veth pair with the outer addresses, veth MTU {@code mtu}. */
    static Lab create(int mtu) throws Exception {
        byte[] rnd = new byte[3];
        new SecureRandom().nextBytes(rnd);
        String suffix = HexFormat.of().formatHex(rnd);
        NetNs a = NetNs.create("wia");
        NetNs b;
        try {
            b = NetNs.create("wib");
        } catch (Exception e) {
            a.close();
            throw e;
        }
        // Logs stay in target/ for a failed run; only the key files are removed by close().
        Path work = Files.createDirectories(Path.of("target", "interop", suffix).toAbsolutePath(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Lab lab = new Lab(a, b, suffix, work);
        try {
            NetNs.run("ip", "link", "add", lab.vethA, "netns", a.name(), "mtu", Integer.toString(mtu), "type", "veth",
                    "peer", "name", lab.vethB, "netns", b.name(), "mtu", Integer.toString(mtu));
            a.exec("ip", "addr", "add", "10.99.0.1/24", "dev", lab.vethA);
            a.exec("ip", "addr", "add", "fd99::1/64", "dev", lab.vethA, "nodad");
            b.exec("ip", "addr", "add", "10.99.0.2/24", "dev", lab.vethB);
            b.exec("ip", "addr", "add", "fd99::2/64", "dev", lab.vethB, "nodad");
            // Roaming tests add a second address and delete the first: keep the second when that happens.
            a.exec("sysctl", "-q", "-w", "net.ipv4.conf." + lab.vethA + ".promote_secondaries=1");
            b.exec("sysctl", "-q", "-w", "net.ipv4.conf." + lab.vethB + ".promote_secondaries=1");
            a.exec("ip", "link", "set", lab.vethA, "up");
            b.exec("ip", "link", "set", lab.vethB, "up");
        } catch (Exception e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** Starts {@code impl} in side A ({@code side} 'a') or B and gives it its key, port and inner addresses. */
    Node start(char side, Impl impl) throws Exception {
        NetNs ns = side == 'a' ? a : b;
        String iface = (impl == Impl.WARREN ? "wgw" : "wgg") + side + suffix;
        int n = side == 'a' ? 1 : 2;
        Node node = new Node(ns, iface, impl, Key.generatePrivate(), 51820 + n, "10.99.0." + n, "fd99::" + n,
                "10.100.0." + n, "fd00:100::" + n, side == 'a' ? vethA : vethB);
        Path log = workDir.resolve(iface + ".log");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        if (impl == Impl.WARREN) {
            cmd.addAll(warrenCommand(iface));
        } else {
            cmd.addAll(List.of("wireguard-go", "-f", iface));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("LOG_LEVEL", "verbose");
        Process p = pb.start();
        processes.add(p);
        awaitSocket(iface, p, log);
        Path keyFile = workDir.resolve(iface + ".key");
        Files.writeString(keyFile, node.privateKey().toBase64() + "\n");
        ns.exec("wg", "set", iface, "private-key", keyFile.toString(), "listen-port", Integer.toString(node.port()));
        ns.exec("ip", "addr", "add", node.inner4() + "/24", "dev", iface);
        ns.exec("ip", "addr", "add", node.inner6() + "/64", "dev", iface, "nodad");
        ns.exec("ip", "link", "set", iface, "up");
        return node;
    }

    /** The command line of {@code warren userspace -f iface} on this test's class path. */
    static List<String> warrenCommand(String iface) {
        List<String> cmd = new ArrayList<>(warrenMain());
        cmd.addAll(List.of("userspace", "-f", iface));
        return cmd;
    }

    /** {@code java ... dev.warren.app.Main}: the {@code warren} command on this test's class path. */
    static List<String> warrenMain() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", cp, "dev.warren.app.Main");
    }

    /**
     * Makes {@code x} and {@code y} peers: each routes the other's inner addresses to it; {@code endpointOnX} and
     * {@code endpointOnY} say which sides know the other's (IPv4 unless {@code ipv6Outer}) endpoint.
     */
    static void pair(Node x, Node y, boolean endpointOnX, boolean endpointOnY, boolean ipv6Outer) throws Exception {
        peer(x, y, endpointOnX, ipv6Outer);
        peer(y, x, endpointOnY, ipv6Outer);
    }

    static void peer(Node self, Node other, boolean withEndpoint, boolean ipv6Outer) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wg", "set", self.iface(), "peer", other.publicKey().toBase64(),
                "allowed-ips", other.inner4() + "/32," + other.inner6() + "/128"));
        if (withEndpoint) {
            cmd.add("endpoint");
            cmd.add(ipv6Outer ? "[" + other.outer6() + "]:" + other.port() : other.outer4() + ":" + other.port());
        }
        self.exec(cmd.toArray(String[]::new));
    }

    /** Removes each node's peer entry for the other, forgetting sessions and learned endpoints. */
    static void unpair(Node x, Node y) throws Exception {
        x.exec("wg", "set", x.iface(), "peer", y.publicKey().toBase64(), "remove");
        y.exec("wg", "set", y.iface(), "peer", x.publicKey().toBase64(), "remove");
    }

    /** Pings {@code address} from {@code node}'s namespace; returns ping's output (fails if ping failed). */
    static String ping(Node node, String address, int count) throws Exception {
        return node.exec("ping", "-c", Integer.toString(count), "-i", "0.2", "-W", "5", address);
    }

    /** Output of a command that may fail, with its exit status. */
    static Result tryRun(NetNs ns, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    record Result(int status, String output) {
    }

    /** Starts a long-running command in {@code ns}; stopped by {@link #close()} if still running. */
    Process background(NetNs ns, Path output, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        processes.add(p);
        return p;
    }

    Path workDir() {
        return workDir;
    }

    /** The log of the implementation serving {@code iface}. */
    String log(String iface) throws IOException {
        Path log = workDir.resolve(iface + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static void awaitSocket(String iface, Process p, Path log) throws Exception {
        Path socket = Path.of("/var/run/wireguard", iface + ".sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                SocketChannel.open(UnixDomainSocketAddress.of(socket)).close();
                return;
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException(iface + " exited with " + p.exitValue() + ": " + Files.readString(log));
                }
                Thread.sleep(20);
            }
        }
        throw new IOException(iface + " did not serve " + socket + " within 60 s: " + Files.readString(log));
    }

    /** Stops one started process: SIGTERM, then SIGKILL if it does not exit within 10 s. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException {
        List<Exception> failures = new ArrayList<>();
        for (Process p : processes.reversed()) {
            try {
                stop(p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        for (NetNs ns : new NetNs[] {a, b}) {
            try {
                ns.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        try (var files = Files.list(workDir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".key")).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            IOException e = new IOException("lab teardown failed");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
