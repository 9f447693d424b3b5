package dev.warren.app.userspace;

import dev.warren.bridge.linux.NetNs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The life cycle of {@code warren userspace} as a separate process in a network namespace: daemonizing,
 * the socket's permissions, the ways it stops (SIGTERM, SIGINT, interface deleted, socket removed), start-up
 * failures reported by the parent, and wireguard-go's log format.
 */
@Tag("netns")
class UserspaceDaemonTest {

    private static final Path SOCKETS = UserspaceDaemon.SOCKET_DIRECTORY;

    private NetNs ns;
    private String iface;
    private final List<ProcessHandle> started = new ArrayList<>();

    @BeforeEach
    void namespace() throws Exception {
        ns = NetNs.create("wus");
        byte[] rnd = new byte[4];
        new SecureRandom().nextBytes(rnd);
        iface = "wus" + HexFormat.of().formatHex(rnd);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (ProcessHandle p : started) {
            p.destroyForcibly();
        }
        ns.close();
        Files.deleteIfExists(SOCKETS.resolve(iface + ".sock"));
        for (Path[] files : outputs.values()) {
            Files.deleteIfExists(files[0]);
            Files.deleteIfExists(files[1]);
        }
    }

    private final Map<Process, Path[]> outputs = new java.util.HashMap<>();

    /** Starts warren userspace in the namespace; its stdout and stderr go to files (read with out/err). */
    private Process warren(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.warren.app.Main", "userspace"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LOG_LEVEL");
        pb.environment().remove(Daemonizer.FOREGROUND);
        pb.environment().putAll(env);
        Path stdout = Files.createTempFile("warren-userspace", ".out");
        Path stderr = Files.createTempFile("warren-userspace", ".err");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process p = pb.start();
        started.add(p.toHandle());
        outputs.put(p, new Path[] {stdout, stderr});
        return p;
    }

    private Optional<ProcessHandle> daemon() {
        Optional<ProcessHandle> d = ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(a -> List.of(a).contains("userspace") && List.of(a).contains(iface)).orElse(false)).findFirst();
        d.ifPresent(started::add);
        return d;
    }

    private Path socket() {
        return SOCKETS.resolve(iface + ".sock");
    }

    private String out(Process p) throws IOException {
        return Files.readString(outputs.get(p)[0], StandardCharsets.UTF_8);
    }

    private String err(Process p) throws IOException {
        return Files.readString(outputs.get(p)[1], StandardCharsets.UTF_8);
    }

    private void awaitGone(ProcessHandle p) throws Exception {
        p.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(socket()), "the socket is removed");
        assertFalse(ns.exec("ip", "-o", "link").contains(iface), "the interface is gone");
    }

    @Test
    void daemonizesReturningOnceTheSocketAcceptsAndStopsWhenTheInterfaceIsDeleted() throws Exception {
        Process parent = warren(Map.of(), iface);
        assertTrue(parent.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, parent.exitValue(), err(parent));
        assertEquals("", out(parent) + err(parent), "silent without LOG_LEVEL, as wireguard-go");
        ProcessHandle child = daemon().orElseThrow(() -> new AssertionError("no daemon serves " + iface));
        assertNotEquals(parent.pid(), child.pid());
        assertTrue(Files.exists(socket()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(SOCKETS)));
        assertTrue(ns.exec("ip", "link", "show", iface).contains("mtu 1420"), "wireguard-go's default MTU");
        assertTrue(ns.exec("wg", "show", iface).contains("interface: " + iface));

        ns.exec("ip", "link", "del", iface);
        awaitGone(child);
    }

    @Test
    void sigtermStopsCleanlyAndLogsLikeWireguardGo() throws Exception {
        Process p = warren(Map.of("LOG_LEVEL", "verbose"), "-f", iface);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket()) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(socket()), "serving");
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        awaitGone(p.toHandle());
        String log = out(p);
        assertTrue(log.lines().findFirst().orElse("").matches(
                "DEBUG: \\(" + iface + "\\) \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d Starting warren .*"), log);
        assertTrue(log.contains("UAPI listener started"), log);
        assertTrue(log.contains("Shutting down: signal received"), log);
    }

    @Test
    void sigintStopsCleanlyToo() throws Exception {
        Process p = warren(Map.of("LOG_LEVEL", "verbose"), "-f", iface);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket()) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(socket()), "serving");
        // `ip netns exec` execs the JVM, so this pid is the daemon's own.
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped on SIGINT");
        awaitGone(p.toHandle());
        assertTrue(out(p).contains("Shutting down: signal received"), out(p));
        assertEquals("", err(p));
    }

    @Test
    void removingTheSocketStopsTheDaemon() throws Exception {
        Process p = warren(Map.of("LOG_LEVEL", "silent"), "-f", iface);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket()) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(20);
        }
        Files.delete(socket());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        awaitGone(p.toHandle());
        assertEquals("", out(p), "silent");
    }

    @Test
    void startUpFailuresAreReportedByTheParent() throws Exception {
        Process tooLong = warren(Map.of(), "a-name-that-is-much-too-long");
        assertTrue(tooLong.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, tooLong.exitValue(), "refused before anything is created");
        assertTrue(err(tooLong).contains("1-15 characters"), err(tooLong));

        // An interface of that name that is not a TUN: only the daemon finds out, and its parent reports it. The
        // log line goes to stdout, where wireguard-go 0.0.20220316 prints its ERROR lines too (it leaves stderr
        // empty); the parent's own note on the exit status goes to stderr.
        ns.exec("ip", "link", "add", iface, "type", "veth", "peer", "name", iface + "p");
        Process taken = warren(Map.of(), iface);
        assertTrue(taken.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, taken.exitValue());
        String o = out(taken);
        assertTrue(o.matches("ERROR: \\(" + iface + "\\) [0-9/]+ [0-9:]+ Failed to create TUN device: .*\\R"),
                o + err(taken));
        assertTrue(err(taken).contains("exited with status 1"), err(taken));
        assertFalse(Files.exists(socket()), "no socket for a daemon that did not start");
        // In the foreground, exactly as `wireguard-go -f`: the ERROR line on stdout, nothing on stderr.
        Process takenForeground = warren(Map.of(), "-f", iface);
        assertTrue(takenForeground.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, takenForeground.exitValue());
        assertTrue(out(takenForeground).contains("ERROR: (" + iface + ")"), out(takenForeground));
        assertEquals("", err(takenForeground));
        ns.exec("ip", "link", "del", iface);

        Process first = warren(Map.of(), iface);
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), err(first));
        Process second = warren(Map.of(), iface);
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, second.exitValue());
        assertTrue(err(second).contains("in use"), "a second daemon for the same interface is refused");
        ProcessHandle child = daemon().orElseThrow();
        ns.exec("ip", "link", "del", iface);
        awaitGone(child);
    }
}
