package dev.warren.app.demo;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;

/**
 * A PNG of the whole X display this JVM was started on ({@code DISPLAY}), taken once a window covers a good part
 * of it: a virtual display shows nothing but its black background and the tray bar until the GUI has drawn its
 * window, and a screenshot of that would show nothing.
 */
public final class ScreenCapture {

    /** The main window covers well over this share of the virtual screen; the tray bar alone far less. */
    private static final double DRAWN_SHARE = 0.2;
    /** Time for the status panel to fill in its live figures after the window is first drawn. */
    private static final Duration SETTLE = Duration.ofMillis(1500);

    private ScreenCapture() {
    }

    /**
     * Saves the screen to {@code file} once a window is drawn.
     *
     * @throws DemoException no window within {@code timeout} (the file then shows the screen as it is)
     */
    public static void save(Path file, Duration timeout) throws IOException, InterruptedException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new DemoException("no display to take a screenshot of (DISPLAY is not set)");
        }
        Robot robot;
        try {
            robot = new Robot();
        } catch (AWTException e) {
            throw new DemoException("cannot read the display " + System.getenv("DISPLAY") + ": " + e.getMessage(), e);
        }
        Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
        long deadline = System.nanoTime() + timeout.toNanos();
        BufferedImage image = robot.createScreenCapture(screen);
        boolean drawn = drawnShare(image) >= DRAWN_SHARE;
        while (!drawn && System.nanoTime() < deadline) {
            Thread.sleep(250);
            image = robot.createScreenCapture(screen);
            drawn = drawnShare(image) >= DRAWN_SHARE;
        }
        if (drawn) {
            Thread.sleep(SETTLE.toMillis());
            image = robot.createScreenCapture(screen);
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        ImageIO.write(image, "png", file.toFile());
        if (!drawn) {
            throw new DemoException("no window appeared on " + System.getenv("DISPLAY") + " within " + timeout.toSeconds()
                    + " s; " + file + " shows the screen as it is");
        }
    }

    /** The share of pixels that differ from the bottom-left one (the root window's background; the tray bar is at the top), sampled. */
    static double drawnShare(BufferedImage image) {
        int background = image.getRGB(0, image.getHeight() - 1);
        int drawn = 0;
        int samples = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                samples++;
                if (image.getRGB(x, y) != background) {
                    drawn++;
                }
            }
        }
        return samples == 0 ? 0 : (double) drawn / samples;
    }
}
