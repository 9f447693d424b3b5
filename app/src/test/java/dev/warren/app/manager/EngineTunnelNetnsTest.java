package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.PeerRuntime;
import dev.warren.app.ipc.RpcException;
import dev.warren.app.ipc.TunnelRuntime;
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
 * The real data path end to end: a manager process in one network namespace runs a tunnel with the pure-Java
 * engine to wireguard-go in another, started and watched through the CLI and a second client.
 */
@Tag("netns")
class EngineTunnelNetnsTest {

    final String sfx = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    final String nsManager = "wrm-" + sfx;
    final String nsPeer = "wrp-" + sfx;
    final int net = 16 + ThreadLocalRandom.current().nextInt(200);
    final String peerUnderlay = "192.168." + net + ".2";
    final String peerIf = "wgp" + sfx;
    final Key peerKey = Key.generatePrivate();
    final Key ourKey = Key.generatePrivate();
    final Key psk = Key.generatePreshared();

    @TempDir
    Path dir;
    Process wireguardGo;

    @BeforeEach
    void namespaces() throws Exception {
        Sh.run("ip", "netns", "add", nsManager);
        Sh.run("ip", "netns", "add", nsPeer);
        Sh.run("ip", "link", "add", "wrva" + sfx, "netns", nsManager, "type", "veth", "peer", "name", "wrvb" + sfx,
                "netns", nsPeer);
        Sh.in(nsManager, "ip", "addr", "add", "192.168." + net + ".1/24", "dev", "wrva" + sfx);
        Sh.in(nsPeer, "ip", "addr", "add", peerUnderlay + "/24", "dev", "wrvb" + sfx);
        for (String ns : new String[] {nsManager, nsPeer}) {
            Sh.in(ns, "ip", "link", "set", "lo", "up");
        }
        // An uplink MTU other than 1500, so that MTU = auto is seen to follow the route to the endpoint.
        Sh.in(nsManager, "ip", "link", "set", "wrva" + sfx, "mtu", "1460", "up");
        Sh.in(nsPeer, "ip", "link", "set", "wrvb" + sfx, "up");
        // A default route in the manager's namespace, so a full tunnel has an uplink to keep its own UDP on.
        Sh.in(nsManager, "ip", "route", "add", "default", "via", peerUnderlay);

        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", nsPeer, "wireguard-go", "-f", peerIf)
                .redirectErrorStream(true).redirectOutput(dir.resolve("wireguard-go.out").toFile());
        wireguardGo = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(Path.of("/var/run/wireguard/" + peerIf + ".sock"))) {
            assertTrue(wireguardGo.isAlive() && System.nanoTime() < deadline, "wireguard-go did not start");
            Thread.sleep(20);
        }
        Path keyFile = dir.resolve("peer.key");
        Files.writeString(keyFile, peerKey.toBase64());
        Path pskFile = dir.resolve("psk");
        Files.writeString(pskFile, psk.toBase64());
        Sh.in(nsPeer, "wg", "set", peerIf, "private-key", keyFile.toString(), "listen-port", "51820",
                "peer", ourKey.publicKey().toBase64(), "preshared-key", pskFile.toString(),
                "allowed-ips", "10.77.0.1/32");
        Sh.in(nsPeer, "ip", "addr", "add", "10.77.0.2/24", "dev", peerIf);
        Sh.in(nsPeer, "ip", "link", "set", peerIf, "up");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (wireguardGo != null) {
            wireguardGo.destroy();
            if (!wireguardGo.waitFor(10, TimeUnit.SECONDS)) {
                wireguardGo.destroyForcibly().waitFor();
            }
        }
        Sh.quietly("ip", "netns", "del", nsManager);
        Sh.quietly("ip", "netns", "del", nsPeer);
    }

    private String config(String allowedIps) {
        return "[Interface]\n"
                + "PrivateKey = " + ourKey.toBase64() + "\n"
                + "Address = 10.77.0.1/24\n"
                + "\n"
                + "[Peer]\n"
                + "PublicKey = " + peerKey.publicKey().toBase64() + "\n"
                + "PresharedKey = " + psk.toBase64() + "\n"
                + "AllowedIPs = " + allowedIps + "\n"
                + "Endpoint = " + peerUnderlay + ":51820\n"
                + "PersistentKeepalive = 25\n";
    }

    @Test
    void startSeeTrafficRenameStopDelete() throws Exception {
        try (ManagerProcess manager = new ManagerProcess(dir).inNetns(nsManager).start();
                ManagerClient watcher = ManagerClient.connect(manager.socket)) {
            NotificationRecorder seen = new NotificationRecorder();
            watcher.addListener(seen);
            Path conf = dir.resolve("wgm" + sfx + ".conf");
            String name = "wgm" + sfx;
            Files.writeString(conf, config("10.77.0.2/32"));
            assertEquals(0, Cli.run(manager.socket, "import", conf.toString()).exit());

            Cli.Result up = Cli.run(manager.socket, "up", name);
            assertEquals(0, up.exit(), up + manager.output());
            assertEquals(name + ": active\n", up.out());
            seen.await("state " + name + " ACTIVATING");
            seen.await("state " + name + " ACTIVE");
            seen.await("manager ACTIVE");

            Sh.in(nsManager, "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.77.0.2");
            TunnelRuntime r1 = ManagerClient.await(watcher.runtime(name));
            PeerRuntime p1 = r1.peers().getFirst();
            assertTrue(p1.lastHandshakeEpochMillis() > 0, r1.toString());
            assertEquals(peerUnderlay + ":51820", p1.endpoint());
            assertTrue(p1.presharedKey());
            assertEquals(ourKey.publicKey().toBase64(), r1.publicKey());
            assertEquals(1380, r1.mtu(), "1460 of the route to the endpoint minus 80");
            Sh.in(nsManager, "ping", "-c", "5", "-i", "0.2", "-s", "1000", "-W", "2", "10.77.0.2");
            PeerRuntime p2 = ManagerClient.await(watcher.runtime(name)).peers().getFirst();
            assertTrue(p2.rxBytes() > p1.rxBytes() + 5000 && p2.txBytes() > p1.txBytes() + 5000,
                    "transfer grew: " + p1 + " -> " + p2);
            assertTrue(Sh.in(nsPeer, "wg", "show", peerIf, "latest-handshakes").contains(ourKey.publicKey().toBase64()));

            Cli.Result show = Cli.run(manager.socket, "show", name);
            assertTrue(show.out().contains("interface: " + name + "\n  public key: " + ourKey.publicKey().toBase64()), show.out());
            assertTrue(show.out().contains("peer: " + peerKey.publicKey().toBase64()), show.out());
            assertTrue(show.out().matches("(?s).*latest handshake: (Now|\\d+ seconds? ago).*"), show.out());
            assertTrue(show.out().matches("(?s).*transfer: [0-9.]+ KiB received, [0-9.]+ KiB sent.*"), show.out());
            assertFalse(show.out().contains(ourKey.toBase64()) || show.out().contains(psk.toBase64()));

            // Rename while running: stopped, replaced, started again under the new name.
            String renamed = "wgr" + sfx;
            ManagerClient.await(watcher.updateTunnel(name, renamed, config("10.77.0.2/32")));
            seen.await("state " + renamed + " ACTIVE");
            assertTrue(Sh.in(nsManager, "ip", "link", "show").contains(renamed));
            assertFalse(Sh.in(nsManager, "ip", "link", "show").contains(name + ":"));
            Sh.in(nsManager, "ping", "-c", "2", "-i", "0.2", "-W", "2", "10.77.0.2");

            assertEquals(0, Cli.run(manager.socket, "down", renamed).exit());
            seen.await("state " + renamed + " INACTIVE");
            assertFalse(Sh.in(nsManager, "ip", "link", "show").contains(renamed), "the interface is gone");
            ManagerClient.await(watcher.deleteTunnel(renamed));
            seen.await("tunnels ");
            Cli.Result log = Cli.run(manager.socket, "log", "--tunnel", renamed);
            assertTrue(log.out().contains("handshake completed"), log.out());
            assertFalse(log.out().contains(ourKey.toBase64()) || log.out().contains(psk.toBase64()));
        }
    }

    @Test
    void aKilledManagersFullTunnelRulesAndDnsAreRemovedByTheNextOne() throws Exception {
        String name = "wgf" + sfx;
        Path bin = fakeResolvconf();
        ManagerProcess manager = new ManagerProcess(dir).inNetns(nsManager).withPathFirst(bin).start();
        try (ManagerClient c = ManagerClient.connect(manager.socket)) {
            ManagerClient.await(c.createTunnel(name, config("0.0.0.0/0").replace("[Peer]", "DNS = 10.77.0.2\n\n[Peer]")));
            assertEquals(TunnelState.ACTIVE, ManagerClient.await(c.startTunnel(name)).state());
        }
        // The tunnel carries everything, yet its own UDP still reaches the peer through the uplink.
        Sh.in(nsManager, "ping", "-c", "2", "-i", "0.2", "-W", "2", "10.77.0.2");
        assertTheNextManagerRemovesRulesAndDnsAfterAKill(manager, name, bin);
    }

    /**
     * WireGuard for Windows writes a full tunnel without its kill-switch as the two /1 halves. On Linux they need
     * the same mark and rules as a /0: as plain routes they would also take the tunnel's own UDP to the peer.
     */
    @Test
    void theTwoHalvesOfAFamilyAreRoutedLikeADefaultRoute() throws Exception {
        String name = "wgv" + sfx;
        try (ManagerProcess manager = new ManagerProcess(dir).inNetns(nsManager).start();
                ManagerClient c = ManagerClient.connect(manager.socket)) {
            ManagerClient.await(c.createTunnel(name, config("0.0.0.0/1, 128.0.0.0/1")));
            assertEquals(TunnelState.ACTIVE, ManagerClient.await(c.startTunnel(name)).state());
            String rules = Sh.in(nsManager, "ip", "-4", "rule", "show");
            assertTrue(rules.contains("not from all fwmark 0xca6c lookup 51820"), rules);
            assertEquals(1L, rules.lines().filter(l -> l.contains("suppress_prefixlength 0")).count(),
                    "one pair of rules for the family, not one per half: " + rules);
            String table = Sh.in(nsManager, "ip", "-4", "route", "show", "table", "51820");
            assertTrue(table.contains("0.0.0.0/1 dev " + name) && table.contains("128.0.0.0/1 dev " + name), table);
            Sh.in(nsManager, "ping", "-c", "2", "-i", "0.2", "-W", "2", "10.77.0.2");
            assertTrue(ManagerClient.await(c.runtime(name)).peers().getFirst().lastHandshakeEpochMillis() > 0,
                    "the handshake went out through the uplink");
            ManagerClient.await(c.stopTunnel(name));
            String after = Sh.in(nsManager, "ip", "-4", "rule", "show");
            assertFalse(after.contains("51820"), after);
        }
    }

    /** Killed after DNS and the policy rules were set but before the start returned (PostUp still running). */
    @Test
    void aManagerKilledHalfwayThroughAStartLeavesNothingBehindEither() throws Exception {
        String name = "wgh" + sfx;
        Path bin = fakeResolvconf();
        Path scriptPid = dir.resolve("postup.pid");
        String text = config("0.0.0.0/0").replace("[Peer]", "DNS = 10.77.0.2\nPostUp = echo $$ > " + scriptPid
                + "; exec sleep 120\n\n[Peer]");
        ManagerProcess manager = new ManagerProcess(dir, "--allow-scripts").inNetns(nsManager).withPathFirst(bin)
                .start();
        try (ManagerClient c = ManagerClient.connect(manager.socket)) {
            ManagerClient.await(c.createTunnel(name, text));
            c.startTunnel(name);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(scriptPid) || Files.readString(scriptPid).isBlank()) {
                assertTrue(System.nanoTime() < deadline, "PostUp did not run: " + manager.output());
                Thread.sleep(50);
            }
            assertTheNextManagerRemovesRulesAndDnsAfterAKill(manager, name, bin);
        } finally {
            if (Files.exists(scriptPid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(scriptPid).strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** A resolvconf that records its arguments: the test must not change the host's resolver. */
    private Path fakeResolvconf() throws IOException {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path fake = Files.writeString(bin.resolve("resolvconf"),
                "#!/bin/sh\necho \"$*\" >> '" + dir.resolve("resolvconf.calls") + "'\ncat > /dev/null\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private void assertTheNextManagerRemovesRulesAndDnsAfterAKill(ManagerProcess manager, String name, Path bin)
            throws Exception {
        Path resolvconfCalls = dir.resolve("resolvconf.calls");
        String rules = Sh.in(nsManager, "ip", "-4", "rule", "show");
        assertTrue(rules.contains("not from all fwmark 0xca6c lookup 51820"), rules);
        assertTrue(rules.contains("from all lookup main suppress_prefixlength 0"), rules);

        manager.kill9();
        assertTrue(Sh.in(nsManager, "ip", "-4", "rule", "show").contains("lookup 51820"), "the kill left the rules");

        String record = Files.readString(resolvconfCalls).lines().findFirst().orElseThrow().split(" ")[1];
        assertTrue(record.endsWith(name), "the tunnel set DNS: " + Files.readString(resolvconfCalls));
        assertEquals(1L, Files.readString(resolvconfCalls).lines().count(), "the kill left the DNS");

        try (ManagerProcess next = ManagerProcess.withOutput(dir, "next.out").inNetns(nsManager).withPathFirst(bin)
                .start()) {
            String after = Sh.in(nsManager, "ip", "-4", "rule", "show");
            assertFalse(after.contains("51820") || after.contains("suppress_prefixlength"), after);
            assertFalse(Sh.in(nsManager, "ip", "link", "show").contains(name));
            assertTrue(next.output().contains("left by a manager that did not stop cleanly"), next.output());
            assertEquals("-d " + record + " -f", Files.readString(resolvconfCalls).lines().toList().getLast(),
                    "the next manager removed the record");
            assertTrue(next.output().contains("reverted DNS of " + name), "and logged it: " + next.output());
        }
    }

    @Test
    void aFailingPostUpUndoesEveryStepBeforeIt() throws Exception {
        String name = "wgs" + sfx;
        Path marker = dir.resolve("preup-" + name);
        String text = config("0.0.0.0/0").replace("Address = 10.77.0.1/24\n",
                "Address = 10.77.0.1/24\nPreUp = touch " + dir.resolve("preup-") + "%i\nPostUp = false\n");
        try (ManagerProcess manager = new ManagerProcess(dir, "--allow-scripts").inNetns(nsManager).start();
                ManagerClient c = ManagerClient.connect(manager.socket)) {
            ManagerClient.await(c.createTunnel(name, text));
            RpcException e = assertThrows(RpcException.class, () -> ManagerClient.await(c.startTunnel(name)));
            assertEquals("running PostUp failed: PostUp command failed with exit status 1: false", e.getMessage());
            assertTrue(Files.exists(marker), "PreUp ran, with %i replaced by the interface name");
            String rules = Sh.in(nsManager, "ip", "-4", "rule", "show");
            assertFalse(rules.contains("51820") || rules.contains("suppress_prefixlength"), rules);
            assertFalse(Sh.in(nsManager, "ip", "link", "show").contains(name), "the interface was removed");
            assertEquals(TunnelState.ERROR, ManagerClient.await(c.listTunnels()).getFirst().state());
            assertEquals("[]", Files.readString(dir.resolve("runtime.json")));
        }
    }

    @Test
    void anInterfaceDeletedBehindTheManagersBackPutsTheTunnelInError() throws Exception {
        String name = "wgd" + sfx;
        try (ManagerProcess manager = new ManagerProcess(dir).inNetns(nsManager).start();
                ManagerClient c = ManagerClient.connect(manager.socket)) {
            NotificationRecorder seen = new NotificationRecorder();
            c.addListener(seen);
            ManagerClient.await(c.createTunnel(name, config("10.77.0.2/32")));
            ManagerClient.await(c.startTunnel(name));
            Sh.in(nsManager, "ip", "link", "del", name);
            seen.await(e -> e.startsWith("state " + name + " ERROR the interface " + name + " was deleted"),
                    "the tunnel failed");
            IOException gone = assertThrows(IOException.class, () -> Sh.in(nsManager, "ip", "link", "show", name));
            assertTrue(gone.getMessage().contains("does not exist"), gone.getMessage());
        }
    }

    @Test
    void aRunningTunnelFollowsTheUplinkThroughTheManagersWatcher() throws Exception {
        String name = "wgn" + sfx;
        try (ManagerProcess manager = new ManagerProcess(dir).inNetns(nsManager).start();
                ManagerClient c = ManagerClient.connect(manager.socket)) {
            ManagerClient.await(c.createTunnel(name, config("10.77.0.2/32")));
            ManagerClient.await(c.startTunnel(name));
            Sh.in(nsManager, "ping", "-c", "1", "-W", "2", "10.77.0.2");
            assertEquals(1380, ManagerClient.await(c.runtime(name)).mtu());

            // MTU = auto: the uplink's MTU changes, the tunnel's follows (and the engine pads for it).
            Sh.in(nsManager, "ip", "link", "set", "wrva" + sfx, "mtu", "1400");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ManagerClient.await(c.runtime(name)).mtu() != 1320) {
                assertTrue(System.nanoTime() < deadline, "the tunnel MTU did not follow the uplink's");
                Thread.sleep(20);
            }
            assertEquals("1320", Sh.in(nsManager, "cat", "/sys/class/net/" + name + "/mtu").strip());

            // The uplink's carrier goes and comes back: a handshake at once, logged.
            Sh.in(nsPeer, "ip", "link", "set", "wrvb" + sfx, "down");
            // The kernel's linkwatch reports carrier changes up to a second late and folds a down+up that
            // happens inside that second into no change at all: wait until the loss is visible.
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!Sh.in(nsManager, "cat", "/sys/class/net/wrva" + sfx + "/carrier").strip().equals("0")) {
                assertTrue(System.nanoTime() < deadline, "the uplink's carrier did not go down");
                Thread.sleep(20);
            }
            Thread.sleep(1200);
            Sh.in(nsPeer, "ip", "link", "set", "wrvb" + sfx, "up");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String log;
            while (!(log = Cli.run(manager.socket, "log", "--tunnel", name).out())
                    .contains(" is back: handshake started with 1 peer")) {
                assertTrue(System.nanoTime() < deadline, log);
                Thread.sleep(50);
            }
            assertTrue(log.contains("uplink MTU 1400: tunnel MTU 1380 → 1320"), log);
            Sh.in(nsManager, "ping", "-c", "1", "-W", "2", "10.77.0.2");
        }
    }
}
