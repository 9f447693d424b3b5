package dev.warren.app.ui;

import dev.warren.app.ipc.Protocol;
import dev.warren.app.ui.main.AboutDialog;
import dev.warren.app.ui.main.MainWindow;
import dev.warren.app.ui.theme.SystemTheme;
import dev.warren.app.ui.theme.Theme;
import dev.warren.app.ui.theme.ThemeChoice;
import dev.warren.app.ui.theme.ThemeController;
import dev.warren.app.ui.theme.UiPreferences;
import dev.warren.app.ui.tray.TrayController;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javax.swing.SwingUtilities;

/**
 * The GUI application: one per user (a second launch raises the first one's window), the theme, the manager
 * session, the main window and the tray icon, wired together on the event dispatch thread.
 */
public final class GuiApp {

    private final ManagerSession session;
    private final MainWindow window;
    private final Optional<TrayController> tray;
    private final CountDownLatch exited = new CountDownLatch(1);

    private GuiApp(Path socket, UiPreferences prefs, boolean startHidden) {
        session = new ManagerSession(socket);
        ThemeController theme = new ThemeController(prefs, SystemTheme::prefersDark);
        // The tray comes first (the window hides to it only if there is one), but its commands act on the window.
        MainWindow[] holder = new MainWindow[1];
        tray = TrayController.install(session, new TrayController.Commands(
                () -> holder[0].raise(),
                () -> {
                    holder[0].raise();
                    holder[0].actions().openImport(List.of());
                },
                () -> AboutDialog.show(holder[0], session),
                () -> holder[0].requestExit(),
                (name, active) -> holder[0].actions().setActive(name, active)));
        window = new MainWindow(session, prefs, theme, this::exit, tray.isPresent());
        holder[0] = window;
        session.connect();
        if (!startHidden || tray.isEmpty()) {
            window.setVisible(true);
        }
    }

    /**
     * Starts the GUI on the event dispatch thread. Call off the EDT; the theme is looked up first (it may run a
     * short external command).
     */
    public static GuiApp start(Path socket, UiPreferences prefs, boolean startHidden) {
        ThemeChoice choice = prefs.theme();
        boolean dark = choice.isDark(choice == ThemeChoice.SYSTEM && SystemTheme.prefersDark());
        GuiApp[] app = new GuiApp[1];
        try {
            SwingUtilities.invokeAndWait(() -> {
                Theme.install(dark);
                app[0] = new GuiApp(socket, prefs, startHidden);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the GUI", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the GUI could not start: " + e.getCause(), e.getCause());
        }
        return app[0];
    }

    /**
     * What {@code warren} with no arguments runs: the GUI for this user, unless it already runs, in which case
     * that one's window is raised. Blocks until the user exits; returns the process exit code.
     */
    public static int runUntilExit(boolean startHidden) {
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("warren: no display; the GUI needs a desktop session. Run `warren --help` for the command-line interface.");
            return 1;
        }
        GuiApp[] app = new GuiApp[1];
        Optional<SingleInstance> instance = Optional.empty();
        try {
            instance = SingleInstance.claim(SingleInstance.defaultPath(),
                    () -> SwingUtilities.invokeLater(() -> {
                        if (app[0] != null) {
                            app[0].window.raise();
                        }
                    }));
            if (instance.isEmpty()) {
                System.err.println("warren: Warren is already running; its window was brought to the front.");
                return 0;
            }
        } catch (IOException e) {
            System.err.println("warren: could not check for a running Warren window (" + e.getMessage() + "); starting anyway.");
        }
        app[0] = start(Protocol.socketPath(), UiPreferences.user(), startHidden);
        try {
            app[0].exited.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        instance.ifPresent(i -> {
            try {
                i.close();
            } catch (IOException ignored) {
                // The socket file is removed at the next start if it lingers.
            }
        });
        return 0;
    }

    public MainWindow window() {
        return window;
    }

    public Optional<TrayController> tray() {
        return tray;
    }

    public ManagerSession session() {
        return session;
    }

    /** Leaves the GUI: tray icon, window and connection; the manager and its tunnels are not touched. */
    public void exit() {
        tray.ifPresent(TrayController::remove);
        window.shutDown();
        session.close();
        exited.countDown();
    }
}
