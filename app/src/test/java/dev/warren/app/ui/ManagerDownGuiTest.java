package dev.warren.app.ui;

import static dev.warren.app.ui.testing.RunningGui.await;
import static dev.warren.app.ui.testing.RunningGui.onEdt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.testing.Configs;
import dev.warren.app.testing.ManagerProcess;
import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.testing.RunningGui;
import dev.warren.app.ui.testing.Screenshots;
import dev.warren.app.ui.theme.ThemeChoice;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.swing.Action;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Without a manager the GUI says so in one sentence with what to do, and picks the manager up once it runs. */
@GuiTest
class ManagerDownGuiTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = ThemeChoice.class, names = {"LIGHT", "DARK"})
    void saysTheManagerIsNotRunningAndWhatToDo(ThemeChoice theme) throws Exception {
        Path socket = dir.resolve("manager.sock");
        try (RunningGui gui = new RunningGui(socket, theme)) {
            await("the banner explains", () -> gui.robot.finder().findByName("banner", JPanel.class, false).isShowing());
            String text = gui.window.textBox("bannerText").text();
            assertEquals("The Warren manager is not running (nothing listens on " + socket
                    + "): start it with `sudo systemctl start warren-manager` (installed package) or"
                    + " `sudo ./warren manager` (source checkout).", text);
            assertEquals(3000, onEdt(() -> gui.app.session().retryDelayMillis()), "a manager that is down is retried soon");
            assertFalse(onEdt(() -> isEnabled(gui, "Add empty tunnel…")),
                    "nothing that needs the manager is enabled");
            Screenshots.save(gui.app.window(), "manager-down");
        }
    }

    @Test
    void reconnectsByItselfWhenTheManagerStarts() throws Exception {
        try (ManagerProcess manager = new ManagerProcess(dir)) {
            try (RunningGui gui = new RunningGui(manager.socket, ThemeChoice.LIGHT)) {
                await("the banner explains", () -> gui.robot.finder().findByName("banner", JPanel.class, false).isShowing());
                manager.start();
                try (ManagerClient admin = ManagerClient.connect(manager.socket)) {
                    ManagerClient.await(admin.createTunnel("back-1", Configs.tunnel("10.101.0.2/24", "10.101.0.0/24")));
                }
                await("connected without the user doing anything", () -> gui.app.session().isConnected());
                await("the banner is gone", () -> !gui.app.window().getContentPane().getComponent(0).isVisible());
                await("the tunnels are listed", () -> gui.window.list("tunnelList").target().getModel().getSize() == 1);

                JTable log = gui.robot.finder().findByName("logTable", JTable.class, false);
                await("the log backlog is shown", () -> log.getRowCount() > 0);
                int linesBefore = onEdt(log::getRowCount);

                manager.stop();
                await("losing the manager is reported", () -> gui.app.window().getContentPane().getComponent(0).isVisible());
                assertTrue(gui.window.textBox("bannerText").text().contains("manager"), gui.window.textBox("bannerText").text());

                manager.start();
                await("reconnected after the restart", () -> gui.app.session().isConnected());
                await("the restart's lines arrive", () -> log.getRowCount() > linesBefore);
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < onEdt(log::getRowCount); i++) {
                    int row = i;
                    String line = onEdt(() -> log.getValueAt(row, 0) + "|" + log.getValueAt(row, 1) + "|" + log.getValueAt(row, 2));
                    assertTrue(seen.add(line), "shown once after reconnecting: " + line);
                }
            }
        }
    }

    private static boolean isEnabled(RunningGui gui, String actionName) {
        for (var item : gui.app.window().getJMenuBar().getMenu(0).getMenuComponents()) {
            if (item instanceof JMenuItem m && m.getAction() != null
                    && actionName.equals(m.getAction().getValue(Action.NAME))) {
                return m.getAction().isEnabled();
            }
        }
        throw new AssertionError("no menu item " + actionName);
    }
}
