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
        executable(bin.resolve("java"), """
                #!/bin/sh
                if [ "$1" = -version ]; then echo 'openjdk version "25" 2025-09-16' >&2; exit 0; fi
                echo "java $*"
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
        var cmd = new java.util.ArrayList<>(java.util.List.of(checkout.resolve("warren").toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", checkout.resolve("jdk").toString());
        pb.environment().put("PATH", checkout.resolve("fakes") + ":" + System.getenv("PATH"));
        pb.environment().put("WARREN_LAUNCHER_ROOT", checkout.resolve("root").toString());
        pb.environment().remove("DISPLAY");
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
    void subcommandsPassThrough() throws Exception {
        assertEquals("list", jarArgs(launch("list")));
        assertEquals("demo --stop", jarArgs(launch("demo", "--stop")));
    }
}
