package dev.warren.app.ui.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives GUI tests a display and fails any test during which Swing was touched off the event dispatch thread,
 * with the offending thread and component in the message and its stack as the cause.
 */
public final class GuiExtension implements BeforeAllCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        VirtualDisplay.ensure();
        EdtViolations.install().drain();
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
