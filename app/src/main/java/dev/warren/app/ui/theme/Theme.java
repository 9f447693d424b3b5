package dev.warren.app.ui.theme;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import com.formdev.flatlaf.extras.FlatAnimatedLafChange;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.plaf.ColorUIResource;

/** Installs the FlatLaf light or dark look and feel and switches between them in every open window. */
public final class Theme {

    /** UIManager key of the colour for error text. */
    public static final String ERROR_FOREGROUND = "Warren.errorForeground";
    /** UIManager key of the colour for success text. */
    public static final String SUCCESS_FOREGROUND = "Warren.successForeground";

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
        // Text in error/success colours (status lines, import results, underlines) must stay readable on the
        // theme's background, which FlatLaf's Actions.Red and error border colours are not on the dark one.
        UIManager.put(ERROR_FOREGROUND, new ColorUIResource(dark ? 0xFF6B6B : 0xD1242F));
        UIManager.put(SUCCESS_FOREGROUND, new ColorUIResource(dark ? 0x5FD37A : 0x1A7F37));
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
