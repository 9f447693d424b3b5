package dev.warren.app.ui.testing;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.nio.file.Files;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives GUI tests a display and fails any test during which Swing was touched off the event dispatch thread,
 * with the offending thread and component in the message and its stack as the cause. When a test fails, the
 * whole screen is saved as {@code target/screenshots/failure-<test>.png}, which shows what was in the way.
 */
public final class GuiExtension implements BeforeAllCallback, AfterTestExecutionCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        VirtualDisplay.ensure();
        EdtViolations.install().drain();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isPresent()) {
            Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                    .getDefaultConfiguration().getBounds();
            Files.createDirectories(Screenshots.DIR);
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_");
            ImageIO.write(new Robot().createScreenCapture(screen), "png",
                    Screenshots.DIR.resolve("failure-" + name + ".png").toFile());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Throwable> found = EdtViolations.install().drain();
        if (!found.isEmpty()) {
            AssertionError e = new AssertionError(found.size() + " Swing access(es) off the event dispatch thread; first: "
                    + found.getFirst().getMessage(), found.getFirst());
            throw e;
        }
    }
}
