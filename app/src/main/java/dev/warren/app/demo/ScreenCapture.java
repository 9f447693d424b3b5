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
import java.time.Instant;
import javax.imageio.ImageIO;

/**
 * A PNG of the whole X display this JVM was started on ({@code DISPLAY}), taken once a window covers a good part
 * of it: a virtual display shows nothing but its black background and the tray bar until the GUI has drawn its
 * window, and a screenshot of that would show nothing.
 */
public final class ScreenCapture {

    /** The main window covers well over this share of the virtual screen; the tray bar alone far less. */
    private static final double DRAWN_SHARE = 0.2;
    /** Less than this share changing between two pictures half a second apart: only the live figures tick. */
    private static final double SETTLED_SHARE = 0.005;
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

    private ScreenCapture() {
    }

    /**
     * Saves the screen to {@code file} once a window is drawn, it is {@code notBefore} and the picture has
     * settled (a window fills in parts of itself after it first shows).
     *
     * @throws DemoException no window within {@code timeout} (the file then shows the screen as it is)
     */
    public static void save(Path file, Duration timeout, Instant notBefore) throws IOException, InterruptedException {
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
        long settleDeadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (drawn && System.nanoTime() < settleDeadline) {
            Thread.sleep(500);
            BufferedImage next = robot.createScreenCapture(screen);
            boolean settled = changedShare(image, next) < SETTLED_SHARE && !Instant.now().isBefore(notBefore);
            image = next;
            if (settled) {
                break;
            }
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

    /** The share of pixels that differ between two pictures of the same screen, sampled. */
    static double changedShare(BufferedImage a, BufferedImage b) {
        int changed = 0;
        int samples = 0;
        for (int y = 0; y < a.getHeight(); y += 2) {
            for (int x = 0; x < a.getWidth(); x += 2) {
                samples++;
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    changed++;
                }
            }
        }
        return samples == 0 ? 0 : (double) changed / samples;
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
