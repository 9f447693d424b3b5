package dev.warren.app.ui.testing;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * An Xvfb server (plus {@code trayer}, so that {@code SystemTray.isSupported()} is true) for GUI tests when no
 * display is set. Xvfb picks a free display number itself ({@code -displayfd}), so parallel runs never collide;
 * the JVM is then pointed at it through the C environment before AWT starts, since AWT reads {@code DISPLAY}
 * natively. Both processes are killed, by the PIDs started here, once the JVM has exited.
 */
public final class VirtualDisplay {

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private static String started;

    private VirtualDisplay() {
    }

    /** Starts the display once per JVM (unless one is set already) and returns its name. */
    public static synchronized String ensure() throws IOException, InterruptedException {
        String existing = System.getenv("DISPLAY");
        if (started != null) {
            return started;
        }
        if (existing != null && !existing.isBlank()) {
            System.setProperty("java.awt.headless", "false");
            return existing;
        }
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
        String number = out.readLine();
        if (number == null || !number.strip().matches("\\d+")) {
            xvfb.destroyForcibly();
            throw new IOException("Xvfb did not report a display number (is the xvfb package installed?)");
        }
        String display = ":" + number.strip();
        Native.load("c", LibC.class).setenv("DISPLAY", display, 1);
        System.setProperty("java.awt.headless", "false");
        ProcessBuilder tb = new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
                "--height", "24", "--SetDockType", "true", "--transparent", "false")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        tb.environment().put("DISPLAY", display);
        Process trayer = tb.start();
        started = display;
        reapAfterExit(xvfb.pid(), trayer.pid());
        // trayer needs a moment to own the tray selection; AWT checks it when the tray is first asked for.
        TimeUnit.MILLISECONDS.sleep(700);
        return display;
    }

    /**
     * Kills Xvfb and trayer (by the PIDs started here) once this JVM has exited. Not a shutdown hook: AWT
     * still holds its X connection while hooks run, and losing the server then makes Xlib exit the JVM with 1.
     */
    private static void reapAfterExit(long... pids) throws IOException {
        StringBuilder targets = new StringBuilder();
        for (long pid : pids) {
            targets.append(' ').append(pid);
        }
        new ProcessBuilder("sh", "-c", "while kill -0 " + ProcessHandle.current().pid()
                + " 2>/dev/null; do sleep 0.5; done; kill" + targets)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

}
