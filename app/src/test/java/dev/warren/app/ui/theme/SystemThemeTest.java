package dev.warren.app.ui.theme;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SystemThemeTest {

    @Test
    void gtkThemeVariableWinsWhenSet() {
        assertTrue(SystemTheme.linuxPrefersDark("Adwaita:dark", "'prefer-light'", "'Adwaita'"));
        assertFalse(SystemTheme.linuxPrefersDark("Adwaita", "'prefer-dark'", "'Adwaita-dark'"));
    }

    @Test
    void theColorSchemeSettingDecidesNext() {
        assertTrue(SystemTheme.linuxPrefersDark(null, "'prefer-dark'", "'Adwaita'"));
        assertFalse(SystemTheme.linuxPrefersDark(null, "'prefer-light'", "'Adwaita-dark'"));
    }

    @Test
    void olderDesktopsAreReadFromTheThemeName() {
        assertTrue(SystemTheme.linuxPrefersDark("", "'default'", "'Yaru-dark'"));
        assertFalse(SystemTheme.linuxPrefersDark(null, "", ""), "no desktop answers: light");
    }

    @Test
    void aChoiceOverridesTheSystem() {
        assertTrue(ThemeChoice.DARK.isDark(false));
        assertFalse(ThemeChoice.LIGHT.isDark(true));
        assertTrue(ThemeChoice.SYSTEM.isDark(true));
    }
}
