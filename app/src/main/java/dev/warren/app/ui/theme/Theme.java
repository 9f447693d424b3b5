package dev.warren.app.ui.theme;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import com.formdev.flatlaf.extras.FlatAnimatedLafChange;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;

/** Installs the FlatLaf light or dark look and feel and switches between them in every open window. */
public final class Theme {

    private Theme() {
    }

    /** Installs the theme before any window exists. Call on the event dispatch thread. */
    public static void install(boolean dark) {
        requireEdt();
        if (dark) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
        UIManager.put("TitlePane.unifiedBackground", true);
    }

    /** Switches the theme of every open window, with FlatLaf's cross-fade. Call on the event dispatch thread. */
    public static void switchTo(boolean dark) {
        requireEdt();
        if (isDark() == dark) {
            return;
        }
        FlatAnimatedLafChange.showSnapshot();
        install(dark);
        FlatLaf.updateUI();
        FlatAnimatedLafChange.hideSnapshotWithAnimation();
    }

    public static boolean isDark() {
        return FlatLaf.isLafDark();
    }

    private static void requireEdt() {
        if (!SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("the look and feel may only change on the event dispatch thread");
        }
    }
}
