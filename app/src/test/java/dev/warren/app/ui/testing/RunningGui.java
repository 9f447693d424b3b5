package dev.warren.app.ui.testing;

import dev.warren.app.ui.GuiApp;
import dev.warren.app.ui.theme.ThemeChoice;
import dev.warren.app.ui.theme.UiPreferences;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;

/**
 * The whole GUI application, started in this JVM against a manager socket, with its own preferences node (so
 * tests never touch the user's) and an AssertJ Swing robot that sees only its windows.
 */
public final class RunningGui implements AutoCloseable {

    public final Robot robot;
    public final GuiApp app;
    public final FrameFixture window;
    private final Preferences node;

    public RunningGui(Path socket, ThemeChoice theme) {
        this(socket, theme, Preferences.userRoot().node("dev/warren/ui-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
    }

    /** A GUI using {@code node} for its preferences, which is removed when this GUI closes. */
    public RunningGui(Path socket, ThemeChoice theme, Preferences node) {
        robot = BasicRobot.robotWithNewAwtHierarchy();
        this.node = node;
        UiPreferences prefs = new UiPreferences(node);
        prefs.setTheme(theme);
        app = GuiApp.start(socket, prefs, false);
        window = new FrameFixture(robot, app.window());
    }

    /** Waits (polling on the EDT) until {@code condition} holds, failing with {@code what} after 20 s. */
    public static void await(String what, Callable<Boolean> condition) {
        Pause.pause(new Condition(what) {
            @Override
            public boolean test() {
                return GuiActionRunner.execute(condition);
            }
        }, Timeout.timeout(Duration.ofSeconds(20).toMillis()));
    }

    /** Runs {@code query} on the EDT and returns its result. */
    public static <T> T onEdt(Callable<T> query) {
        return GuiActionRunner.execute(query);
    }

    @Override
    public void close() throws BackingStoreException {
        closeKeepingPreferences();
        node.removeNode();
    }

    /** Exits the GUI but leaves its preferences, for a test that starts it again. */
    public void closeKeepingPreferences() {
        GuiActionRunner.execute(() -> {
            app.exit();
            return null;
        });
        robot.cleanUp();
    }
}
