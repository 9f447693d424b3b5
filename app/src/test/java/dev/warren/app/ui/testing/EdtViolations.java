package dev.warren.app.ui.testing;

import java.util.ArrayList;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.RepaintManager;
import javax.swing.SwingUtilities;

/**
 * A RepaintManager that records every repaint or revalidation requested off the event dispatch thread — the
 * visible symptom of Swing being touched from a background thread. Tests assert the record is empty.
 */
final class EdtViolations extends RepaintManager {

    private static EdtViolations installed;

    private final List<Throwable> violations = new ArrayList<>();

    static synchronized EdtViolations install() {
        if (installed == null) {
            installed = new EdtViolations();
            try {
                SwingUtilities.invokeAndWait(() -> RepaintManager.setCurrentManager(installed));
            } catch (Exception e) {
                throw new IllegalStateException("could not install the EDT checker", e);
            }
        }
        return installed;
    }

    @Override
    public synchronized void addInvalidComponent(JComponent c) {
        check(c);
        super.addInvalidComponent(c);
    }

    @Override
    public void addDirtyRegion(JComponent c, int x, int y, int w, int h) {
        check(c);
        super.addDirtyRegion(c, x, y, w, h);
    }

    private void check(JComponent c) {
        if (!SwingUtilities.isEventDispatchThread() && c.isShowing()) {
            synchronized (violations) {
                violations.add(new IllegalStateException("Swing touched off the EDT on thread '"
                        + Thread.currentThread().getName() + "': " + c.getClass().getName()));
            }
        }
    }

    /** The violations since the last call, cleared. */
    List<Throwable> drain() {
        synchronized (violations) {
            List<Throwable> out = List.copyOf(violations);
            violations.clear();
            return out;
        }
    }
}
