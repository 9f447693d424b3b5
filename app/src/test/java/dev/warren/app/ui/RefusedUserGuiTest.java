package dev.warren.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GUI as a user in neither the admin nor the operator group: a real child JVM running as {@code nobody}
 * against a real manager whose groups are both {@code root}. It must say in one sentence what to do, enable
 * nothing that needs the manager, and not hammer the manager with retries the user cannot change.
 */
@GuiTest
class RefusedUserGuiTest {

    Path dir;
    ManagerProcess manager;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "warren-refused-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path m = Files.createDirectories(dir.resolve("manager"));
        Files.setPosixFilePermissions(m, PosixFilePermissions.fromString("rwxr-xr-x"));
        manager = new ManagerProcess(m, "--admin-group", "root", "--operator-group", "root").start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            manager.close();
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aRefusedUserIsToldWhatToDoAndTheGuiStopsRetryingEveryFewSeconds() throws Exception {
        String classpath = TestJava.worldReadableClasspath(Files.createDirectories(dir.resolve("cp")));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--init-groups"));
        cmd.addAll(TestJava.command(classpath));
        cmd.addAll(List.of("-Duser.home=" + home, "-Djava.util.prefs.userRoot=" + home, "-Djava.io.tmpdir=" + home,
                RefusedProbe.class.getName(), manager.socket.toString(), home.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(home.resolve("probe.out").toFile());
        pb.environment().put("DISPLAY", VirtualDisplay.ensure());
        pb.environment().put("HOME", home.toString());
        Process probe = pb.start();
        boolean done = probe.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            probe.destroyForcibly().waitFor();
        }
        assertTrue(done && probe.exitValue() == 0, "the probe ran: " + Files.readString(home.resolve("probe.out")));

        List<String> facts = Files.readAllLines(home.resolve("facts.txt"));
        assertEquals(List.of(
                "banner=You may not use the Warren manager (permission denied on " + manager.socket
                        + "): ask an administrator to add you to the operator group, then log in again.",
                "connected=false",
                "retryMillis=30000",
                "enabled=[Close window, Exit]"), facts);
        Files.createDirectories(Screenshots.DIR);
        Files.copy(home.resolve("refused-light.png"), Screenshots.DIR.resolve("refused-light.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
