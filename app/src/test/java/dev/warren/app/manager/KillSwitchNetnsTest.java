package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.TunnelState;
import dev.warren.app.testing.Cli;
import dev.warren.app.testing.ManagerProcess;
import dev.warren.app.testing.Sh;
import dev.warren.core.config.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Block untunneled traffic" end to end: a real manager process in the client namespace runs a split tunnel
 * (10.77.0.0/24, DNS 10.77.0.2) with the switch on to wireguard-go in the peer namespace. The peer namespace is
 * also the client's LAN (192.168.N.0/24, the uplink) and, behind it, "the internet" (198.18.N.1). A tiny DNS
 * responder answers on every address of the peer namespace, so a DNS query fails only if something drops it.
 * Every probe is first shown to pass without the switch, so a failure under it is the switch's doing.
 */
@Tag("netns")
class KillSwitchNetnsTest {

    /**
     * Answers every UDP DNS query with an empty NOERROR response (same id, the question echoed), on one socket per
     * address given, so each answer comes from the address asked (a resolver drops answers from elsewhere).
     */
    private static final String DNS_RESPONDER = """
            import select, socket, sys
            socks = []
            for addr in sys.argv[1:]:
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind((addr, 53))
                socks.append(s)
            while True:
                for s in select.select(socks, [], [])[0]:
                    q, a = s.recvfrom(512)
                    if len(q) >= 12:
                        s.sendto(q[:2] + b"\\x81\\x80" + q[4:6] + b"\\x00" * 6 + q[12:], a)
            """;

    final String sfx = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    final String nsClient = "wkc-" + sfx;
    final String nsPeer = "wkp-" + sfx;
    final int net = 16 + ThreadLocalRandom.current().nextInt(200);
    final String lanGateway = "192.168." + net + ".2";
    final String internet = "198.18." + net + ".1";
    final String peerIf = "wgkp" + sfx;
    final String name = "wgk" + sfx;
    final Key peerKey = Key.generatePrivate();
    final Key ourKey = Key.generatePrivate();

    @TempDir
    Path dir;
    Process wireguardGo;
    Process dnsResponder;
    Path fakeBin;

    @BeforeEach
    void namespaces() throws Exception {
        Sh.run("ip", "netns", "add", nsClient);
        Sh.run("ip", "netns", "add", nsPeer);
        Sh.run("ip", "link", "add", "wkva" + sfx, "netns", nsClient, "type", "veth", "peer", "name", "wkvb" + sfx,
                "netns", nsPeer);
        Sh.in(nsClient, "ip", "addr", "add", "192.168." + net + ".1/24", "dev", "wkva" + sfx);
        Sh.in(nsPeer, "ip", "addr", "add", lanGateway + "/24", "dev", "wkvb" + sfx);
        Sh.in(nsPeer, "ip", "addr", "add", internet + "/32", "dev", "lo");
        for (String ns : new String[] {nsClient, nsPeer}) {
            Sh.in(ns, "ip", "link", "set", "lo", "up");
        }
        Sh.in(nsClient, "ip", "link", "set", "wkva" + sfx, "up");
        Sh.in(nsPeer, "ip", "link", "set", "wkvb" + sfx, "up");
        Sh.in(nsClient, "ip", "route", "add", "default", "via", lanGateway);

        wireguardGo = new ProcessBuilder("ip", "netns", "exec", nsPeer, "wireguard-go", "-f", peerIf)
                .redirectErrorStream(true).redirectOutput(dir.resolve("wireguard-go.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(Path.of("/var/run/wireguard/" + peerIf + ".sock"))) {
            assertTrue(wireguardGo.isAlive() && System.nanoTime() < deadline, "wireguard-go did not start");
            Thread.sleep(20);
        }
        Path keyFile = dir.resolve("peer.key");
        Files.writeString(keyFile, peerKey.toBase64());
        Sh.in(nsPeer, "wg", "set", peerIf, "private-key", keyFile.toString(), "listen-port", "51820",
                "peer", ourKey.publicKey().toBase64(), "allowed-ips", "10.77.0.1/32");
        Sh.in(nsPeer, "ip", "addr", "add", "10.77.0.2/24", "dev", peerIf);
        Sh.in(nsPeer, "ip", "link", "set", peerIf, "up");

        // ip netns exec execs python: the PID we hold is the responder's own.
        dnsResponder = new ProcessBuilder("ip", "netns", "exec", nsPeer, "python3", "-c", DNS_RESPONDER,
                lanGateway, internet, "10.77.0.2")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dns.out").toFile()).start();

        // The machine has neither resolvconf nor systemd-resolved; the manager gets a resolvconf that records
        // what it was asked instead of changing the host's resolv.conf (shared by every namespace).
        fakeBin = Files.createDirectories(dir.resolve("bin"));
        Path resolvconf = fakeBin.resolve("resolvconf");
        Files.writeString(resolvconf, "#!/bin/sh\necho \"$@\" >> " + dir.resolve("resolvconf.calls") + "\ncat >> "
                + dir.resolve("resolvconf.calls") + "\n");
        Files.setPosixFilePermissions(resolvconf, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : new Process[] {dnsResponder, wireguardGo}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
        Sh.quietly("ip", "netns", "del", nsClient);
        Sh.quietly("ip", "netns", "del", nsPeer);
    }

    private ManagerProcess manager(String output) {
        return ManagerProcess.withOutput(dir, output).inNetns(nsClient)
                .withEnv("PATH", fakeBin + ":" + System.getenv("PATH"));
    }

    private String config(boolean allowLan) {
        return "[Interface]\n"
                + "# Warren: BlockUntunneledTraffic = true\n"
                + "# Warren: AllowLocalNetwork = " + allowLan + "\n"
                + "PrivateKey = " + ourKey.toBase64() + "\n"
                + "Address = 10.77.0.1/24\n"
                + "DNS = 10.77.0.2\n"
                + "\n"
                + "[Peer]\n"
                + "PublicKey = " + peerKey.publicKey().toBase64() + "\n"
                + "AllowedIPs = 10.77.0.0/24\n"
                + "Endpoint = " + lanGateway + ":51820\n";
    }

    private boolean pings(String address) {
        return succeeds("ping", "-c", "1", "-W", "1", address);
    }

    private boolean resolvesThrough(String server) {
        return succeeds("dig", "+time=1", "+tries=1", "@" + server, "printer.example");
    }

    private boolean succeeds(String... cmd) {
        try {
            Sh.in(nsClient, cmd);
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private boolean warrenTable() throws Exception {
        return Sh.in(nsClient, "nft", "list", "tables").contains("inet warren");
    }

    @Test
    void onlyTheTunnelItsDnsAndWithAllowLanTheLanGetThroughAndNothingIsLeftBehind() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!resolvesThrough(lanGateway)) {
            assertTrue(dnsResponder.isAlive() && System.nanoTime() < deadline, "the DNS responder did not answer: "
                    + Files.readString(dir.resolve("dns.out")));
        }
        assertTrue(pings(internet), "without the switch, outside the tunnel passes");
        assertTrue(pings(lanGateway), "without the switch, the LAN passes");
        assertTrue(resolvesThrough(internet), "without the switch, any DNS server answers");

        ManagerProcess first = manager("first.out").start();
        try (ManagerClient c = ManagerClient.connect(first.socket)) {
            ManagerClient.await(c.createTunnel(name, config(false)));
            assertEquals(TunnelState.ACTIVE, ManagerClient.await(c.startTunnel(name)).state(), first.output());
            assertTrue(warrenTable());
            assertTrue(first.output().contains("kill-switch on " + name + ": endpoints [" + lanGateway + ":51820]"),
                    first.output());
            assertTrue(pings("10.77.0.2"), "through the tunnel");
            assertTrue(resolvesThrough("10.77.0.2"), "the tunnel's DNS server, through the tunnel");
            assertFalse(pings(internet), "outside the tunnel");
            assertFalse(resolvesThrough(internet), "a DNS server outside the tunnel");
            assertFalse(pings(lanGateway), "the LAN, not allowed");
            Cli.Result show = Cli.run(first.socket, "show", name);
            assertTrue(show.out().contains("  kill-switch: on\n"), show.out());

            ManagerClient.await(c.updateTunnel(name, name, config(true)));
            assertEquals("on, local network allowed", ManagerClient.await(c.runtime(name)).killSwitch());
            assertTrue(pings(lanGateway), "the LAN, allowed");
            assertFalse(resolvesThrough(lanGateway), "DNS never goes around the tunnel, not even to the LAN");
            assertFalse(pings(internet), "outside the tunnel and the LAN");
            assertTrue(pings("10.77.0.2") && resolvesThrough("10.77.0.2"), "the tunnel and its DNS");

            ManagerClient.await(c.stopTunnel(name));
            assertFalse(warrenTable(), "stopping removes the table");
            assertTrue(pings(internet) && resolvesThrough(internet), "and everything passes again");

            ManagerClient.await(c.startTunnel(name));
            assertFalse(pings(internet));
        }
        first.kill9();
        assertTrue(warrenTable(), "a killed manager leaves the switch closed");
        assertFalse(pings(internet), "still blocking: failing closed");

        try (ManagerProcess next = manager("next.out").start()) {
            assertFalse(warrenTable(), "the next manager removed it at start");
            assertTrue(next.output().contains("removed the kill-switch a previous manager left installed"),
                    next.output());
            assertTrue(pings(internet) && resolvesThrough(internet));
        }
    }
}
