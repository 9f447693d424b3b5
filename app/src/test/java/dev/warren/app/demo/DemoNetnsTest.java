package dev.warren.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.demo.DemoState.Role;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.PeerRuntime;
import dev.warren.app.testing.Sh;
import dev.warren.app.testing.TestJava;
import dev.warren.core.config.IpNetwork;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warren demo} and {@code warren demo --stop} as a user runs them, as real processes, with no display (so
 * the demo starts its own Xvfb). The whole demo runs inside a network namespace of the test's ("the host"), on a
 * socket and state directory of the test's, so it touches nothing of this machine's: the page is fetched with curl
 * from that namespace, through the tunnel, and --stop must leave nothing behind.
 */
@Tag("netns")
class DemoNetnsTest {

    private final String sfx = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 24), 36);
    private final String host = "wdt-" + sfx;
    private final String peerNetns = "wdemo-" + sfx;

    @TempDir
    Path dir;
    private Path socket;
    private Path stateDir;

    @BeforeEach
    void hostNamespace() throws Exception {
        socket = dir.resolve("manager.sock");
        stateDir = dir.resolve("state");
        Sh.run("ip", "netns", "add", host);
        Sh.in(host, "ip", "link", "set", "lo", "up");
    }

    @AfterEach
    void removeLeftovers() throws Exception {
        // Only if the test failed half way: --stop is what is under test, so first let it try, then clean by hand.
        if (DemoState.read(stateDir).isPresent()) {
            demo("--stop");
        }
        Optional<DemoState> left = DemoState.read(stateDir);
        if (left.isPresent()) {
            for (Role r : Role.values()) {
                left.get().process(r).ifPresent(p -> p.stop(java.time.Duration.ofSeconds(5)));
            }
        }
        if (Files.exists(Path.of("/run/netns", peerNetns))) {
            Sh.quietly("ip", "netns", "del", peerNetns);
        }
        Sh.quietly("ip", "netns", "del", host);
    }

    private record Run(int exit, String output) {
    }

    private Run demo(String... args) throws Exception {
        return demoWith(Map.of(), args);
    }

    /** {@code warren demo args} with these environment variables set. */
    private Run demoWith(Map<String, String> environment, String... args) throws Exception {
        // nsenter, not `ip netns exec`: that one also enters a mount namespace of its own, where the namespaces the
        // demo adds would be mounted out of everyone else's sight.
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + host, "--"));
        cmd.addAll(TestJava.command(TestJava.classpath()));
        cmd.addAll(List.of("-Djava.util.prefs.userRoot=" + dir.resolve("prefs"), "dev.warren.app.Main", "demo",
                "--socket", socket.toString(), "--state-dir", stateDir.toString(), "--netns", peerNetns));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().put("XDG_RUNTIME_DIR", dir.toString());
        pb.environment().putAll(environment);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "warren demo " + String.join(" ", args) + " did not finish: " + out);
        System.out.println(out);
        return new Run(p.exitValue(), out);
    }

    @Test
    void demoServesItsPageThroughTheTunnelAndStopLeavesNothing() throws Exception {
        Run start = demo();
        assertEquals(0, start.exit(), start.output());
        assertTrue(start.output().contains("fetched http://"), start.output());
        assertTrue(start.output().contains("no display here, so the GUI runs on a virtual one"), start.output());
        DemoState state = DemoState.read(stateDir).orElseThrow();
        DemoPlan plan = state.plan();
        for (Role r : Role.values()) {
            StartedProcess p = state.process(r).orElseThrow(() -> new AssertionError("no " + r + " recorded"));
            assertTrue(p.alive(), p + " runs");
        }

        assertEquals("nobody", state.process(Role.WEB).orElseThrow().handle().orElseThrow().info().user().orElse(""),
                "the page server runs unprivileged");

        Run again = demo();
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("already running"), again.output());

        // The page, from the host namespace, goes through the tunnel interface and moves both ends' counters.
        String peerIp = IpNetwork.format(plan.peerTunnel());
        assertTrue(Sh.in(host, "ip", "route", "get", peerIp).contains("dev " + plan.tunnel() + " "),
                "the route to the peer's tunnel address is the tunnel");
        long[] peerBefore = peerTransfer(plan);
        PeerRuntime ourBefore = ourPeer();
        String page = Sh.in(host, "curl", "-sS", "--max-time", "10", plan.pageUrl());
        assertTrue(page.contains(DemoStarter.GREETING), page);
        assertTrue(page.contains(peerIp), "the page names the address it was served on: " + page);
        long[] peerAfter = peerTransfer(plan);
        PeerRuntime ourAfter = ourPeer();
        int body = page.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(ourAfter.rxBytes() - ourBefore.rxBytes() >= body,
                "Warren received the page through the tunnel: " + ourBefore.rxBytes() + " -> " + ourAfter.rxBytes());
        assertTrue(peerAfter[1] - peerBefore[1] >= body,
                "wireguard-go sent the page through the tunnel: " + peerBefore[1] + " -> " + peerAfter[1]);
        assertTrue(ourAfter.txBytes() > ourBefore.txBytes() && peerAfter[0] > peerBefore[0], "the request went in");

        // The window as the demo shows it, with page fetches going on for the traffic graph.
        Path shot = Path.of("target", "screenshots", "demo.png").toAbsolutePath();
        Run screenshot;
        try (var traffic = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var fetching = new java.util.concurrent.atomic.AtomicBoolean(true);
            traffic.submit(() -> {
                while (fetching.get()) {
                    Sh.in(host, "curl", "-sS", "-o", "/dev/null", "--max-time", "5", plan.pageUrl());
                    Thread.sleep(150);
                }
                return null;
            });
            Thread.sleep(3000);
            screenshot = demo("--screenshot", shot.toString());
            fetching.set(false);
        }
        assertEquals(0, screenshot.exit(), screenshot.output());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertNotNull(image, shot + " is a PNG");
        assertTrue(ScreenCapture.drawnShare(image) > 0.2, "the GUI's window is on the screenshot");
        ImageIO.write(window(image), "png", shot.resolveSibling("demo-window.png").toFile());

        Run stop = demo("--stop");
        assertEquals(0, stop.exit(), stop.output());
        assertFalse(Files.exists(Path.of("/run/netns", peerNetns)), "the peer's namespace is removed");
        String links = Sh.in(host, "ip", "-o", "link", "show");
        assertFalse(links.contains(plan.hostVeth()), "the veth link is removed: " + links);
        assertFalse(links.contains(": " + plan.tunnel() + ":"), "the tunnel interface is removed: " + links);
        for (Role r : Role.values()) {
            StartedProcess p = state.process(r).orElseThrow();
            assertFalse(p.alive(), p + " is stopped");
        }
        assertFalse(Files.exists(socket), "the manager the demo started removed its socket");
        assertFalse(Files.exists(Path.of("/var/run/wireguard", plan.peerInterface() + ".sock")),
                "wireguard-go's UAPI socket is gone");
        assertFalse(Files.exists(stateDir), "the demo's state is removed");

        Run stopAgain = demo("--stop");
        assertEquals(0, stopAgain.exit(), stopAgain.output());
        assertTrue(stopAgain.output().contains("no demo is running"), stopAgain.output());
    }

    @Test
    void withoutWireguardGoWarrenItselfIsThePeer() throws Exception {
        // A PATH with every program of this machine but wireguard-go, so the demo falls back to warren userspace.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String from : List.of("/usr/sbin", "/usr/bin")) {
            try (var programs = Files.list(Path.of(from))) {
                for (Path program : programs.toList()) {
                    Path link = bin.resolve(program.getFileName());
                    if (!program.getFileName().toString().equals("wireguard-go") && !Files.exists(link,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, program);
                    }
                }
            }
        }
        Run start = demoWith(Map.of("PATH", bin.toString()), "--no-gui");
        assertEquals(0, start.exit(), start.output());
        assertTrue(start.output().contains("started a WireGuard peer, warren userspace"), start.output());
        assertTrue(start.output().contains("handshake with the peer done"), start.output());
        assertTrue(start.output().contains("fetched http://"), "the page came through the tunnel: " + start.output());
        DemoState state = DemoState.read(stateDir).orElseThrow();
        StartedProcess peer = state.process(Role.PEER).orElseThrow();
        assertTrue(peer.alive(), peer + " runs");
        String peerCommand = peer.handle().orElseThrow().info().commandLine().orElse("");
        assertTrue(peerCommand.contains("userspace") && !peerCommand.contains("wireguard-go"),
                "the peer is Warren's engine: " + peerCommand);
        // The peer's own UAPI, read by the stock wg, counts the page it sent.
        assertTrue(peerTransfer(state.plan())[1] > 0, "warren userspace sent through the tunnel");

        Run stop = demo("--stop");
        assertEquals(0, stop.exit(), stop.output());
        assertFalse(peer.alive(), peer + " is stopped");
        assertFalse(Files.exists(Path.of("/run/netns", peerNetns)), "the peer's namespace is removed");
        assertFalse(Files.exists(Path.of("/var/run/wireguard", state.plan().peerInterface() + ".sock")),
                "the peer's UAPI socket is gone");
    }

    @Test
    void aDemoWhosePeerDiedIsClearedAndStartedAfresh() throws Exception {
        Run first = demo("--no-gui");
        assertEquals(0, first.exit(), first.output());
        StartedProcess peer = DemoState.read(stateDir).orElseThrow().process(Role.PEER).orElseThrow();
        ProcessHandle.of(peer.pid()).orElseThrow().destroyForcibly();
        assertTrue(peer.awaitExit(java.time.Duration.ofSeconds(10)), "the peer was killed");

        Run second = demo("--no-gui");
        assertEquals(0, second.exit(), second.output());
        assertTrue(second.output().contains("a previous demo did not finish cleanly"), second.output());
        assertTrue(second.output().contains("fetched http://"), second.output());
        DemoState now = DemoState.read(stateDir).orElseThrow();
        assertTrue(now.process(Role.PEER).orElseThrow().alive(), "a new peer runs");
        assertEquals(0, demo("--stop").exit());
    }

    @Test
    void refusesNamesTakenByOthersAndLeavesThemAlone() throws Exception {
        Sh.in(host, "ip", "link", "add", peerNetns, "type", "veth", "peer", "name", "other-" + sfx);
        Run taken = demo("--no-gui");
        assertEquals(1, taken.exit(), taken.output());
        assertTrue(taken.output().contains("has an interface named " + peerNetns + " already"), taken.output());
        assertTrue(Sh.in(host, "ip", "-o", "link", "show").contains(peerNetns), "the other interface is kept");
        assertFalse(Files.exists(Path.of("/run/netns", peerNetns)), "no namespace was created");
        assertFalse(Files.exists(stateDir.resolve(DemoState.FILE_NAME)), "nothing is recorded");

        Sh.in(host, "ip", "link", "del", peerNetns);
        Sh.run("ip", "netns", "add", peerNetns);
        Run nsTaken = demo("--no-gui");
        assertEquals(1, nsTaken.exit(), nsTaken.output());
        assertTrue(nsTaken.output().contains("a network namespace named " + peerNetns + " exists already"),
                nsTaken.output());
        assertTrue(Files.exists(Path.of("/run/netns", peerNetns)), "the other namespace is kept");
    }

    /** The window alone: the bounding box of what differs from the virtual screen's background, below the tray bar. */
    private static BufferedImage window(BufferedImage screen) {
        int background = screen.getRGB(0, screen.getHeight() - 1);
        int top = 30;
        int minX = screen.getWidth();
        int minY = screen.getHeight();
        int maxX = -1;
        int maxY = -1;
        for (int y = top; y < screen.getHeight(); y++) {
            for (int x = 0; x < screen.getWidth(); x++) {
                if (screen.getRGB(x, y) != background) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertTrue(maxX > minX && maxY > minY, "a window is on the screen");
        return screen.getSubimage(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /** wireguard-go's counters for Warren's peer: received, sent. */
    private long[] peerTransfer(DemoPlan plan) throws Exception {
        String[] f = Sh.in(plan.netns(), "wg", "show", plan.peerInterface(), "transfer").strip().split("\\s+");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])};
    }

    private PeerRuntime ourPeer() {
        try (ManagerClient m = ManagerClient.connect(socket)) {
            return ManagerClient.await(m.runtime(DemoPlan.DEFAULT_TUNNEL)).peers().getFirst();
        }
    }
}
