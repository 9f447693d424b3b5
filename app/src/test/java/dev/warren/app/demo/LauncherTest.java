package dev.warren.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code warren} launcher's choice for {@code ./warren} with no arguments: the demo on a first run (root, no
 * manager, no tunnels), else the GUI; subcommands pass through. The script runs for real from a copy of the
 * checkout whose "JDK" is a stand-in that prints the arguments it is given, so no Warren starts. Root only (the
 * choice depends on it), hence the tag the project's root-only tests share.
 */
@Tag("netns")
class LauncherTest {

    @TempDir
    Path checkout;
    private Path socket;
    private Path store;

    @BeforeEach
    void copyOfTheCheckoutWithAStandInJdk() throws Exception {
        Path repo = Path.of(System.getProperty("user.dir")).getParent();
        Files.copy(repo.resolve("warren"), checkout.resolve("warren"));
        Files.createDirectories(checkout.resolve("scripts"));
        Files.copy(repo.resolve("scripts/jdk.sh"), checkout.resolve("scripts/jdk.sh"));
        Files.createDirectories(checkout.resolve("app/target"));
        Files.writeString(checkout.resolve("app/target/warren.jar"), "");
        Files.writeString(checkout.resolve("app/target/.built"), "");
        Path bin = Files.createDirectories(checkout.resolve("jdk/bin"));
        executable(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        // The launcher asks `warren --socket S list` whether a manager answers; the stand-in answers that by
        // connecting to the socket, and otherwise says what it was asked, and as whom.
        executable(bin.resolve("java"), """
                #!/bin/sh
                if [ "$1" = -version ]; then echo 'openjdk version "25" 2025-09-16' >&2; exit 0; fi
                case "$*" in *"--socket "*" list")
                    exec python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).connect(sys.argv[1])' "$5" ;;
                esac
                echo "java $*"
                echo "as $(id -un) home=$HOME display=${DISPLAY:-}"
                """);
        // Whatever the demo would install is recorded, never installed.
        Path fakes = Files.createDirectories(checkout.resolve("fakes"));
        executable(fakes.resolve("apt-get"), "#!/bin/sh\necho \"apt-get $*\" >>" + checkout.resolve("apt.log") + "\n");
        socket = checkout.resolve("root/run/warren/manager.sock");
        store = Files.createDirectories(checkout.resolve("root/var/lib/warren/tunnels"));
        Files.createDirectories(checkout.resolve("root/var/log"));
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String launch(String... args) throws Exception {
        return launch(java.util.Map.of(), args);
    }

    private String launch(java.util.Map<String, String> env, String... args) throws Exception {
        var cmd = new java.util.ArrayList<>(java.util.List.of(checkout.resolve("warren").toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", checkout.resolve("jdk").toString());
        pb.environment().put("PATH", checkout.resolve("fakes") + ":" + System.getenv("PATH"));
        pb.environment().put("WARREN_LAUNCHER_ROOT", checkout.resolve("root").toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("SUDO_USER");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private String jarArgs(String out) {
        return out.lines().filter(l -> l.startsWith("java ")).findFirst().orElseThrow(() -> new AssertionError(out))
                .replace("java --enable-native-access=ALL-UNNAMED -jar " + checkout.resolve("app/target/warren.jar"), "")
                .strip();
    }

    @Test
    void aFirstRunIsTheDemo() throws Exception {
        String out = launch();
        assertEquals("demo", jarArgs(out), out);
        assertTrue(out.contains("no manager is running and no tunnels are stored, so here is the demo"), out);
    }

    @Test
    void storedTunnelsOpenTheGui() throws Exception {
        Files.writeString(store.resolve("office.conf"), "[Interface]\n");
        // No manager: as root the launcher starts one in the background, then the GUI.
        String out = launch();
        assertEquals("", jarArgs(out), out);
        assertFalse(out.contains("here is the demo"), out);
        Path managerLog = checkout.resolve("root/var/log/warren-manager.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(managerLog) && Files.readString(managerLog).contains(" manager"))) {
            assertTrue(System.nanoTime() < deadline, "the manager was not started");
            Thread.sleep(20);
        }
    }

    @Test
    void aRunningManagerOpensTheGui() throws Exception {
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel manager = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            manager.bind(UnixDomainSocketAddress.of(socket));
            String out = launch();
            assertEquals("", jarArgs(out), out);
            assertFalse(out.contains("starting the manager"), out);
        }
    }

    @Test
    void aSocketNobodyAnswersOnIsNotARunningManager() throws Exception {
        Files.writeString(store.resolve("office.conf"), "[Interface]\n");
        Files.createDirectories(socket.getParent());
        // A killed manager leaves its socket file behind.
        ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        killed.bind(UnixDomainSocketAddress.of(socket));
        killed.close();
        assertTrue(Files.exists(socket));
        String out = launch();
        assertTrue(out.contains("warren: starting the manager"), out);
        assertEquals("", jarArgs(out), out);
    }

    @Test
    void underSudoTheGuiRunsAsTheUserWhoTypedIt() throws Exception {
        // The user must reach the stand-in JDK and the jar, as they reach their own checkout.
        try (var all = Files.walk(checkout)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel manager = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            manager.bind(UnixDomainSocketAddress.of(socket));
            String out = launch(java.util.Map.of("SUDO_USER", "nobody", "DISPLAY", ":42"));
            assertEquals("", jarArgs(out), out);
            String home = new String(new ProcessBuilder("getent", "passwd", "nobody").start().getInputStream()
                    .readAllBytes(), StandardCharsets.UTF_8).strip().split(":")[5];
            assertTrue(out.lines().anyMatch(l -> l.equals("as nobody home=" + home + " display=:42")), out);
            assertTrue(out.contains("warren: nobody is in neither the warren nor the netdev group, so the GUI will say "
                    + "it may not use the manager: `sudo usermod -aG warren nobody`, then log in again."), out);
            // Subcommands stay root's: they are what sudo was asked for.
            assertTrue(launch(java.util.Map.of("SUDO_USER", "nobody"), "list").contains("as root "));
        }
    }

    @Test
    void subcommandsPassThrough() throws Exception {
        assertEquals("list", jarArgs(launch("list")));
        assertEquals("demo --stop", jarArgs(launch("demo", "--stop")));
    }
}
