package dev.warren.app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * {@code warren demo --screenshot FILE}: a PNG of the display the demo's GUI is on. AWT reads {@code DISPLAY}
 * once, natively, when it starts, so unless this JVM was started on that display the picture is taken by a
 * second Warren started there.
 */
public final class DemoScreenshot {

    /**
     * The GUI fills in its status panel from its first poll of the manager, which on a cold JVM comes seconds after
     * its window shows: a picture of the demo is taken no sooner after the GUI's start.
     */
    private static final Duration GUI_WARM_UP = Duration.ofSeconds(5);

    private DemoScreenshot() {
    }

    /** Saves the screen of {@code state}'s display to {@code file} once the GUI has drawn its window. */
    public static void take(DemoState state, Path stateDir, Path file, Duration wait) {
        if (state.display() == null) {
            throw new DemoException("the demo did not open a GUI, so there is no screen to take a picture of");
        }
        try {
            if (state.display().equals(System.getenv("DISPLAY"))) {
                ScreenCapture.save(file, wait, state.process(DemoState.Role.GUI)
                        .map(gui -> Instant.ofEpochMilli(gui.startedAtMillis()).plus(GUI_WARM_UP)).orElse(Instant.EPOCH));
                return;
            }
            ProcessBuilder pb = new ProcessBuilder(SelfCommand.warren("demo", "--state-dir", stateDir.toString(),
                    "--screenshot", file.toAbsolutePath().toString())).redirectErrorStream(true);
            pb.environment().put("DISPLAY", state.display());
            Process p = pb.start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(wait.toSeconds() + 30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DemoException("taking the screenshot of " + state.display() + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new DemoException("could not take a screenshot of " + state.display() + ": " + output);
            }
        } catch (IOException e) {
            throw new DemoException("could not take a screenshot of " + state.display() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while taking a screenshot", e);
        }
    }
}
