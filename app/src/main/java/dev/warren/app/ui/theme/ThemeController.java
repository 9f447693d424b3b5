package dev.warren.app.ui.theme;

import java.awt.Window;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javax.swing.SwingUtilities;

/**
 * Applies the user's theme choice and, while it is "follow system", notices when the desktop switches between
 * light and dark: the system is asked again (off the event dispatch thread) whenever a Warren window is activated.
 */
public final class ThemeController {

    private final UiPreferences prefs;
    private final BooleanSupplier systemPrefersDark;

    public ThemeController(UiPreferences prefs, BooleanSupplier systemPrefersDark) {
        this.prefs = prefs;
        this.systemPrefersDark = systemPrefersDark;
    }

    public ThemeChoice choice() {
        return prefs.theme();
    }

    /** Remembers the choice and switches every window to it. Call on the event dispatch thread. */
    public void choose(ThemeChoice choice) {
        prefs.setTheme(choice);
        if (choice == ThemeChoice.SYSTEM) {
            followSystem();
        } else {
            Theme.switchTo(choice.isDark(false));
        }
    }

    /** Re-reads the system preference when {@code window} is activated, while the choice is "follow system". */
    public void watch(Window window) {
        window.addWindowListener(new WindowAdapter() {
            @Override
            public void windowActivated(WindowEvent e) {
                if (prefs.theme() == ThemeChoice.SYSTEM) {
                    followSystem();
                }
            }
        });
    }

    private void followSystem() {
        CompletableFuture.supplyAsync(systemPrefersDark::getAsBoolean).thenAccept(dark -> SwingUtilities.invokeLater(() -> {
            if (prefs.theme() == ThemeChoice.SYSTEM) {
                Theme.switchTo(dark);
            }
        }));
    }
}
