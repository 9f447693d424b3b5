package dev.warren.app.ui;

import dev.warren.app.ui.testing.RunningGui;
import dev.warren.app.ui.testing.Screenshots;
import dev.warren.app.ui.theme.ThemeChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JMenuItem;
import javax.swing.JPanel;

/**
 * Runs the GUI in a child JVM as a user the manager refuses and writes down what it shows, for
 * {@link RefusedUserGuiTest}: the banner's sentence, whether anything that needs the manager is enabled, and when
 * the session tries again. Arguments: socket, output directory.
 */
public final class RefusedProbe {

    private RefusedProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> facts = new ArrayList<>();
        try (RunningGui gui = new RunningGui(socket, ThemeChoice.LIGHT)) {
            RunningGui.await("the banner explains", () -> gui.robot.finder().findByName("banner", JPanel.class, false).isShowing());
            facts.add("banner=" + gui.window.textBox("bannerText").text());
            facts.add("connected=" + RunningGui.onEdt(() -> gui.app.session().isConnected()));
            facts.add("retryMillis=" + RunningGui.onEdt(() -> gui.app.session().retryDelayMillis()));
            facts.add("enabled=" + RunningGui.onEdt(() -> enabledTunnelCommands(gui)));
            Screenshots.save(gui.app.window(), "refused", out);
        }
        Files.write(out.resolve("facts.txt"), facts);
        System.exit(0);
    }

    private static List<String> enabledTunnelCommands(RunningGui gui) {
        List<String> enabled = new ArrayList<>();
        for (var item : gui.app.window().getJMenuBar().getMenu(0).getMenuComponents()) {
            if (item instanceof JMenuItem m && m.getAction() != null && m.getAction().isEnabled()) {
                enabled.add(m.getText());
            }
        }
        return enabled;
    }
}
