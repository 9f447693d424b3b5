package dev.warren.app.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Xvfb display for a demo on a machine without one, with {@code trayer} as its system tray so the tray icon
 * is there too. Xvfb picks a free display number itself ({@code -displayfd}), so it never takes one in use.
 *
 * @param display the display name, {@code :N}
 * @param xvfb    the X server
 * @param trayer  the tray
 */
public record VirtualScreen(String display, StartedProcess xvfb, StartedProcess trayer) {

    /** Big enough for the main window at its default size with the tray bar above it, and no bigger. */
    static final String GEOMETRY = "1100x760x24";

    /** Starts both, detached from this process's session; their output goes to files in {@code logDir}. */
    public static VirtualScreen start(Path logDir) {
        Process x;
        try {
            x = new ProcessBuilder("setsid", "Xvfb", "-displayfd", "1", "-screen", "0", GEOMETRY, "-nolisten", "tcp")
                    .redirectError(logDir.resolve("xvfb.log").toFile()).start();
        } catch (IOException e) {
            throw new DemoException("could not start Xvfb (install the xvfb package): " + e.getMessage(), e);
        }
        String number;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(x.getInputStream(), StandardCharsets.US_ASCII))) {
            // Xvfb writes its display number once it accepts connections, and nothing else to this pipe.
            number = out.readLine();
        } catch (IOException e) {
            number = null;
        }
        if (number == null || !number.strip().matches("\\d+")) {
            x.destroyForcibly();
            throw new DemoException("Xvfb did not start; see " + logDir.resolve("xvfb.log"));
        }
        StartedProcess xvfb = StartedProcess.of("Xvfb", x);
        String display = ":" + number.strip();
        try {
            ProcessBuilder tb = new ProcessBuilder(List.of("setsid", "trayer", "--edge", "top", "--align", "right",
                    "--widthtype", "request", "--height", "24", "--SetDockType", "true", "--transparent", "false"))
                    .redirectErrorStream(true).redirectOutput(logDir.resolve("trayer.log").toFile());
            tb.environment().put("DISPLAY", display);
            StartedProcess trayer = StartedProcess.of("trayer", tb.start());
            // trayer must own the tray selection before the GUI asks whether there is a tray.
            TimeUnit.MILLISECONDS.sleep(700);
            return new VirtualScreen(display, xvfb, trayer);
        } catch (IOException e) {
            // Without a tray the GUI still opens its window; the tray icon is all that is missing.
            return new VirtualScreen(display, xvfb, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            xvfb.stop(java.time.Duration.ofSeconds(2));
            throw new DemoException("interrupted while starting the virtual display", e);
        }
    }
}
