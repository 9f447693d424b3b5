package dev.warren.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.testing.TestJava;
import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.testing.VirtualDisplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warren} with no subcommand, as real processes: it opens the GUI, and a second launch defers to the first. */
@GuiTest
class GuiLaunchTest {

    @TempDir
    Path dir;

    private ProcessBuilder warren(String outName, String... extra) {
        List<String> cmd = new ArrayList<>(TestJava.command(TestJava.classpath()));
        cmd.addAll(List.of("-Djava.util.prefs.userRoot=" + dir.resolve("prefs"), "dev.warren.app.Main",
                "--socket", dir.resolve("no-manager.sock").toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(outName).toFile());
        pb.environment().put("XDG_RUNTIME_DIR", dir.toString());
        return pb;
    }

    @Test
    void aSecondLaunchShowsTheWindowOfAGuiStartedInTheTray() throws Exception {
        String display = VirtualDisplay.ensure();
        ProcessBuilder first = warren("first.out", "--tray");
        first.environment().put("DISPLAY", display);
        Process gui = first.start();
        try {
            awaitInstanceSocket(gui);
            Thread.sleep(1000);
            assertFalse(mainWindowViewable(display), "--tray starts without the window");
            ProcessBuilder secondBuilder = warren("second.out");
            secondBuilder.environment().put("DISPLAY", display);
            Process second = secondBuilder.start();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second launch returned");
            assertEquals(0, second.exitValue());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!mainWindowViewable(display)) {
                assertTrue(System.nanoTime() < deadline, "the first GUI's window was not shown");
                Thread.sleep(100);
            }
        } finally {
            stop(gui);
        }
    }

    private void awaitInstanceSocket(Process gui) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dir.resolve("warren-gui.sock"))) {
            assertTrue(gui.isAlive(), "the GUI exited: " + Files.readString(dir.resolve("first.out")));
            assertTrue(System.nanoTime() < deadline, "the GUI did not claim its instance socket");
            Thread.sleep(50);
        }
    }

    private static void stop(Process gui) throws InterruptedException {
        gui.destroy();
        if (!gui.waitFor(10, TimeUnit.SECONDS)) {
            gui.destroyForcibly().waitFor();
        }
    }

    /**
     * Whether a child's main window is mapped on {@code display}, asked of the X server: AWT names a window's class
     * after the main class, which tells a child's "Warren" window from one of this JVM's.
     */
    private static boolean mainWindowViewable(String display) throws Exception {
        for (String line : x("xwininfo", "-display", display, "-root", "-tree").lines().toList()) {
            if (line.contains("\"Warren\": (\"dev-warren-app-Main\"")) {
                String id = line.strip().split("\\s+")[0];
                if (x("xwininfo", "-display", display, "-id", id).contains("Map State: IsViewable")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String x(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void warrenAloneOpensTheGuiAndASecondLaunchRaisesIt() throws Exception {
        ProcessBuilder first = warren("first.out");
        first.environment().put("DISPLAY", VirtualDisplay.ensure());
        Process gui = first.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(dir.resolve("warren-gui.sock"))) {
                assertTrue(gui.isAlive(), "the GUI exited: " + Files.readString(dir.resolve("first.out")));
                assertTrue(System.nanoTime() < deadline, "the GUI did not claim its instance socket");
                Thread.sleep(50);
            }
            ProcessBuilder secondBuilder = warren("second.out");
            secondBuilder.environment().put("DISPLAY", VirtualDisplay.ensure());
            Process second = secondBuilder.start();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second launch returned");
            assertEquals(0, second.exitValue());
            assertEquals("warren: Warren is already running; its window was brought to the front.",
                    Files.readString(dir.resolve("second.out")).strip());
            assertTrue(gui.isAlive(), "the first GUI keeps running");
        } finally {
            gui.destroy();
            if (!gui.waitFor(10, TimeUnit.SECONDS)) {
                gui.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void withoutADisplayItSaysSoInsteadOfCrashing() throws Exception {
        ProcessBuilder pb = warren("headless.out");
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        assertTrue(Files.readString(dir.resolve("headless.out")).contains("no display; the GUI needs a desktop session"),
                Files.readString(dir.resolve("headless.out")));
    }
}
