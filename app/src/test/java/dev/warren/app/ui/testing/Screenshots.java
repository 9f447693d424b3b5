package dev.warren.app.ui.testing;

import com.formdev.flatlaf.FlatLaf;
import java.awt.Component;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.assertj.swing.edt.GuiActionRunner;

/**
 * Saves what a window looks like to {@code target/screenshots/<name>-<light|dark>.png}, painted on the EDT, so
 * reviewers (and the README) can see every window in both themes.
 */
public final class Screenshots {

    public static final Path DIR = Path.of("target", "screenshots");

    private Screenshots() {
    }

    public static Path save(Component window, String name) {
        return save(window, name, DIR);
    }

    /** Saves into {@code dir} instead (a child process whose user cannot write to target/). */
    public static Path save(Component window, String name, Path dir) {
        BufferedImage img = GuiActionRunner.execute(() -> {
            BufferedImage i = new BufferedImage(Math.max(1, window.getWidth()), Math.max(1, window.getHeight()),
                    BufferedImage.TYPE_INT_RGB);
            var g = i.createGraphics();
            try {
                window.paintAll(g);
            } finally {
                g.dispose();
            }
            return i;
        });
        String theme = GuiActionRunner.execute(() -> FlatLaf.isLafDark() ? "dark" : "light");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + "-" + theme + ".png");
            ImageIO.write(img, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
