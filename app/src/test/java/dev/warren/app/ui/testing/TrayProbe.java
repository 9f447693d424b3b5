package dev.warren.app.ui.testing;

import com.formdev.flatlaf.extras.FlatSVGIcon;
import dev.warren.app.ipc.ManagerState;
import dev.warren.app.ui.main.TunnelIcons;
import java.awt.CheckboxMenuItem;
import java.awt.Component;
import java.awt.Container;
import java.awt.Image;
import java.awt.Label;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/** What the tray shows, read on the EDT: the icon's picture, its menu's items, and notifications on screen. */
public final class TrayProbe {

    private static final int SIZE = 24;

    private TrayProbe() {
    }

    /** The application's one tray icon. */
    public static TrayIcon icon() {
        TrayIcon[] icons = SystemTray.getSystemTray().getTrayIcons();
        if (icons.length != 1) {
            throw new AssertionError(icons.length + " tray icons");
        }
        return icons[0];
    }

    /** Whether the tray icon shows the artwork of {@code state}, compared pixel by pixel. */
    public static boolean showsStateIcon(ManagerState state) {
        Image expected = new FlatSVGIcon(TunnelIcons.of(state).svgResource(), SIZE, SIZE).getImage();
        return Arrays.equals(pixels(icon().getImage()), pixels(expected));
    }

    private static int[] pixels(Image image) {
        BufferedImage b = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        var g = b.createGraphics();
        try {
            g.drawImage(image, 0, 0, SIZE, SIZE, null);
        } finally {
            g.dispose();
        }
        return b.getRGB(0, 0, SIZE, SIZE, null, 0, SIZE);
    }

    /** Whether a tray notification with this caption is on screen (on X11 AWT draws it as a window of its own). */
    public static boolean notificationShowing(String caption) {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && containsText(w, caption)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsText(Container c, String text) {
        for (Component child : c.getComponents()) {
            if (child instanceof Label l && text.equals(l.getText())
                    || child instanceof Container inner && containsText(inner, text)) {
                return true;
            }
        }
        return false;
    }

    /** The checkable item of tunnel {@code name} directly in {@code menu}, or null. */
    public static CheckboxMenuItem tunnelItem(Menu menu, String name) {
        for (int i = 0; i < menu.getItemCount(); i++) {
            MenuItem m = menu.getItem(i);
            if (m instanceof CheckboxMenuItem c && c.getLabel().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
