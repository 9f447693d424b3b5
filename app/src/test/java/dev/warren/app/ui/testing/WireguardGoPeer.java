package dev.warren.app.ui.testing;

import dev.warren.app.testing.Sh;
import dev.warren.core.config.Key;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real wireguard-go peer for GUI tests that need a running tunnel: two network namespaces joined by a veth
 * pair — one for the manager, one for wireguard-go at 10.78.0.2 — with unique names, all removed by
 * {@link #close()} (wireguard-go is killed by the process this class started).
 */
public final class WireguardGoPeer implements AutoCloseable {

    private final String sfx = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    public final String managerNetns = "wgm-" + sfx;
    private final String peerNetns = "wgp-" + sfx;
    private final String peerIf = "wgg" + sfx;
    private final String underlay;
    private final Key peerKey = Key.generatePrivate();
    private final Key ourKey = Key.generatePrivate();
    private Process wireguardGo;

    public WireguardGoPeer(Path dir) throws Exception {
        int net = 16 + ThreadLocalRandom.current().nextInt(200);
        underlay = "192.168." + net + ".2";
        try {
            Sh.run("ip", "netns", "add", managerNetns);
            Sh.run("ip", "netns", "add", peerNetns);
            Sh.run("ip", "link", "add", "gva" + sfx, "netns", managerNetns, "type", "veth", "peer", "name", "gvb" + sfx,
                    "netns", peerNetns);
            Sh.in(managerNetns, "ip", "addr", "add", "192.168." + net + ".1/24", "dev", "gva" + sfx);
            Sh.in(peerNetns, "ip", "addr", "add", underlay + "/24", "dev", "gvb" + sfx);
            for (String ns : new String[] {managerNetns, peerNetns}) {
                Sh.in(ns, "ip", "link", "set", "lo", "up");
            }
            Sh.in(managerNetns, "ip", "link", "set", "gva" + sfx, "up");
            Sh.in(peerNetns, "ip", "link", "set", "gvb" + sfx, "up");
            wireguardGo = new ProcessBuilder("ip", "netns", "exec", peerNetns, "wireguard-go", "-f", peerIf)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("wireguard-go.out").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(Path.of("/var/run/wireguard/" + peerIf + ".sock"))) {
                if (!wireguardGo.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("wireguard-go did not start: " + Files.readString(dir.resolve("wireguard-go.out")));
                }
                Thread.sleep(20);
            }
            Path keyFile = dir.resolve("peer.key");
            Files.writeString(keyFile, peerKey.toBase64());
            Sh.in(peerNetns, "wg", "set", peerIf, "private-key", keyFile.toString(), "listen-port", "51820",
                    "peer", ourKey.publicKey().toBase64(), "allowed-ips", "10.78.0.1/32");
            Sh.in(peerNetns, "ip", "addr", "add", "10.78.0.2/24", "dev", peerIf);
            Sh.in(peerNetns, "ip", "link", "set", peerIf, "up");
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Our side's config: address 10.78.0.1, the peer at its underlay address, keepalive every 25 s. */
    public String config() {
        return "[Interface]\nPrivateKey = " + ourKey.toBase64() + "\nAddress = 10.78.0.1/24\n\n[Peer]\nPublicKey = "
                + peerKey.publicKey().toBase64() + "\nAllowedIPs = 10.78.0.2/32\nEndpoint = " + underlay
                + ":51820\nPersistentKeepalive = 25\n";
    }

    public String ourPublicKey() {
        return ourKey.publicKey().toBase64();
    }

    public String peerPublicKey() {
        return peerKey.publicKey().toBase64();
    }

    public String endpoint() {
        return underlay + ":51820";
    }

    /** Pings the peer through the tunnel from the manager's namespace ({@code count} packets of {@code size} bytes). */
    public void ping(int count, int size) throws Exception {
        Sh.in(managerNetns, "ping", "-c", String.valueOf(count), "-i", "0.2", "-s", String.valueOf(size), "-W", "2", "10.78.0.2");
    }

    @Override
    public void close() {
        if (wireguardGo != null) {
            wireguardGo.destroy();
            try {
                if (!wireguardGo.waitFor(10, TimeUnit.SECONDS)) {
                    wireguardGo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                wireguardGo.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        Sh.quietly("ip", "netns", "del", managerNetns);
        Sh.quietly("ip", "netns", "del", peerNetns);
    }
}
