package dev.warren.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.testing.Configs;
import dev.warren.app.testing.ManagerProcess;
import dev.warren.app.testing.TestJava;
import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.testing.Screenshots;
import dev.warren.app.ui.testing.VirtualDisplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The GUI as an operator: a real child JVM running as {@code nobody} (in the manager's operator group,
 * {@code nogroup} here) on the test display, against a real manager. It must show start/stop only, no keys, and
 * no way to edit.
 */
@GuiTest
class OperatorGuiTest {

    static Path dir;
    static ManagerProcess manager;
    static String classpath;

    @BeforeAll
    static void start() throws Exception {
        // Everything the child reads must be reachable by nobody: a world-traversable directory outside /root.
        dir = Files.createTempDirectory(Path.of("/tmp"), "warren-operator-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path m = Files.createDirectories(dir.resolve("manager"));
        Files.setPosixFilePermissions(m, PosixFilePermissions.fromString("rwxr-xr-x"));
        manager = new ManagerProcess(m, "--operator-group", "nogroup").start();
        try (ManagerClient admin = ManagerClient.connect(manager.socket)) {
            ManagerClient.await(admin.createTunnel("op-1", Configs.tunnel("10.111.0.2/24", "10.111.0.0/24")));
        }
        Path cp = Files.createDirectories(dir.resolve("cp"));
        classpath = TestJava.worldReadableClasspath(cp);
    }

    @AfterAll
    static void stop() throws Exception {
        manager.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIGHT", "DARK"})
    void anOperatorSeesStartAndStopOnlyAndNoKeys(String theme) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out-" + theme));
        Path home = Files.createDirectories(dir.resolve("home-" + theme));
        for (Path p : List.of(out, home)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--init-groups"));
        cmd.addAll(TestJava.command(classpath));
        cmd.addAll(List.of("-Duser.home=" + home, "-Djava.util.prefs.userRoot=" + home, "-Djava.io.tmpdir=" + home,
                OperatorProbe.class.getName(), manager.socket.toString(), "op-1", out.toString(), theme));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("probe.out").toFile());
        pb.environment().put("DISPLAY", VirtualDisplay.ensure());
        pb.environment().put("HOME", home.toString());
        Process probe = pb.start();
        boolean done = probe.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            probe.destroyForcibly().waitFor();
        }
        String log = Files.readString(home.resolve("probe.out"));
        assertTrue(done && probe.exitValue() == 0, "the probe ran: " + log);

        List<String> facts = Files.readAllLines(out.resolve("facts-" + theme + ".txt"));
        assertTrue(facts.contains("role=OPERATOR"), facts.toString());
        assertTrue(facts.contains("title=Warren (operator: start and stop only)"), facts.toString());
        assertTrue(facts.contains("button=Activate"), "start/stop stays: " + facts);
        // Menu items by their names, toolbar buttons by their short labels.
        for (String hidden : List.of("Add empty tunnel…", "Import tunnel(s)…", "Edit…", "Remove…",
                "Export all tunnels to zip…", "Export tunnel to file…", "Show QR code…", "Start at boot",
                "Add", "Import", "Edit", "Remove", "Export", "QR code")) {
            assertFalse(facts.stream().anyMatch(f -> f.startsWith("button=" + hidden)), hidden + " is hidden: " + facts);
        }
        assertTrue(facts.contains("field=interface.Status"), facts.toString());
        assertTrue(facts.contains("field=peer0.Allowed IPs"), "the peer is shown without its keys: " + facts);
        assertFalse(facts.stream().anyMatch(f -> f.contains("key")), "no key rows: " + facts);
        assertEquals(1, facts.stream().filter(f -> f.equals("field=peer0.Endpoint")).count(), facts.toString());
        String shot = "operator-" + theme.toLowerCase(Locale.ROOT) + ".png";
        Files.createDirectories(Screenshots.DIR);
        Files.copy(out.resolve(shot), Screenshots.DIR.resolve(shot), StandardCopyOption.REPLACE_EXISTING);
    }
}
