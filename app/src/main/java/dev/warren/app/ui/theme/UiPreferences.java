package dev.warren.app.ui.theme;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.util.Optional;
import java.util.prefs.Preferences;
import javax.swing.RootPaneContainer;

/**
 * What the GUI remembers between runs, in the user's {@code java.util.prefs} node: the theme choice and each
 * window's bounds. Bounds are only restored when they are still on a connected screen.
 */
public final class UiPreferences {

    private static final String THEME = "theme";

    private final Preferences node;

    public UiPreferences(Preferences node) {
        this.node = node;
    }

    /** The node used by the application; tests pass their own. */
    public static UiPreferences user() {
        return new UiPreferences(Preferences.userRoot().node("dev/warren/ui"));
    }

    public ThemeChoice theme() {
        try {
            return ThemeChoice.valueOf(node.get(THEME, ThemeChoice.SYSTEM.name()));
        } catch (IllegalArgumentException e) {
            return ThemeChoice.SYSTEM;
        }
    }

    public void setTheme(ThemeChoice choice) {
        node.put(THEME, choice.name());
    }

    public void saveBounds(String window, Rectangle bounds) {
        node.put(window + ".bounds", bounds.x + "," + bounds.y + "," + bounds.width + "," + bounds.height);
    }

    public Optional<Rectangle> bounds(String window) {
        String[] parts = node.get(window + ".bounds", "").split(",");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            Rectangle r = new Rectangle(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
            return r.width > 0 && r.height > 0 && onScreen(r) ? Optional.of(r) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Restores a window's remembered bounds (or keeps its packed size, centred) and remembers them as they change.
     * The window also lends these preferences to the dialogs it owns (see {@link #rememberDialogBounds}), so that
     * they need not be handed down through every constructor on the way.
     */
    public void rememberBounds(Window window, String name) {
        if (window instanceof RootPaneContainer c) {
            c.getRootPane().putClientProperty(UiPreferences.class, this);
        }
        bounds(name).ifPresentOrElse(window::setBounds, () -> window.setLocationRelativeTo(window.getOwner()));
        window.addComponentListener(new ComponentAdapter() {
            @Override
            public void componentResized(ComponentEvent e) {
                saveBounds(name, window.getBounds());
            }

            @Override
            public void componentMoved(ComponentEvent e) {
                saveBounds(name, window.getBounds());
            }
        });
    }

    /**
     * Remembers a dialog's bounds in the preferences of the nearest owner whose bounds are remembered; without
     * one it is only centred on its owner. A remembered size never goes below the dialog's minimum size.
     */
    public static void rememberDialogBounds(Window dialog, String name) {
        for (Window w = dialog.getOwner(); w != null; w = w.getOwner()) {
            if (w instanceof RootPaneContainer c && c.getRootPane().getClientProperty(UiPreferences.class) instanceof UiPreferences p) {
                p.rememberBounds(dialog, name);
                return;
            }
        }
        dialog.setLocationRelativeTo(dialog.getOwner());
    }

    private static boolean onScreen(Rectangle r) {
        if (GraphicsEnvironment.isHeadless()) {
            return false;
        }
        for (var device : GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
            if (device.getDefaultConfiguration().getBounds().intersects(r)) {
                return true;
            }
        }
        return false;
    }
}
