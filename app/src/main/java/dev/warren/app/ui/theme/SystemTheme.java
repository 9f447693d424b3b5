package dev.warren.app.ui.theme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether the desktop prefers a dark theme. Each platform answers differently: on Linux the freedesktop/GNOME
 * {@code color-scheme} setting (falling back to the GTK theme's name and {@code GTK_THEME}), on Windows the
 * {@code AppsUseLightTheme} registry value, on macOS {@code AppleInterfaceStyle}. Any failure means light, the
 * safe default. Runs short external commands, so never call it on the event dispatch thread.
 */
public final class SystemTheme {

    private SystemTheme() {
    }

    public static boolean prefersDark() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return run("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme").map(out -> out.contains("0x0")).orElse(false);
        }
        if (os.contains("mac")) {
            return run("defaults", "read", "-g", "AppleInterfaceStyle")
                    .map(out -> out.toLowerCase(Locale.ROOT).contains("dark")).orElse(false);
        }
        return linuxPrefersDark(System.getenv("GTK_THEME"),
                run("gsettings", "get", "org.gnome.desktop.interface", "color-scheme").orElse(""),
                run("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme").orElse(""));
    }

    /** The Linux decision from its three inputs, separated so it is testable without a desktop. */
    static boolean linuxPrefersDark(String gtkThemeEnv, String colorScheme, String gtkTheme) {
        if (gtkThemeEnv != null && !gtkThemeEnv.isBlank()) {
            return gtkThemeEnv.toLowerCase(Locale.ROOT).contains("dark");
        }
        String scheme = colorScheme.toLowerCase(Locale.ROOT);
        if (scheme.contains("prefer-dark")) {
            return true;
        }
        if (scheme.contains("prefer-light")) {
            return false;
        }
        return gtkTheme.toLowerCase(Locale.ROOT).contains("dark");
    }

    private static Optional<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? Optional.of(out.trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
