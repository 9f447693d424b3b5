package dev.warren.app.ui;

import static dev.warren.app.ui.testing.RunningGui.await;
import static dev.warren.app.ui.testing.RunningGui.onEdt;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.testing.ManagerProcess;
import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.testing.RunningGui;
import dev.warren.app.ui.testing.Screenshots;
import dev.warren.app.ui.theme.ThemeChoice;
import dev.warren.core.config.Key;
import java.awt.Component;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JDialog;
import javax.swing.JToolBar;
import org.assertj.swing.core.KeyPressInfo;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screenshots the README shows, of a manager holding what a user would have (no test fixtures): the main window
 * with a tunnel of two peers, the same window at its minimum size (every toolbar button must fit), the log of one
 * tunnel, and the About box, in both themes. No tunnel is started, so the manager needs no network namespace.
 */
@GuiTest
class ScreenshotsGuiTest {

    @TempDir
    static Path dir;
    static ManagerProcess manager;
    RunningGui gui;

    @BeforeAll
    static void startManager() throws Exception {
        manager = new ManagerProcess(Files.createDirectories(dir.resolve("m"))).start();
        try (ManagerClient admin = ManagerClient.connect(manager.socket)) {
            String office = config("10.20.0.2/32, fd00:20::2/128", "DNS = 10.20.0.1, corp.example\n",
                    peer("203.0.113.10:51820", "10.20.0.0/16, fd00:20::/64", 25)
                            + peer("198.51.100.7:51820", "10.30.0.0/16", 0));
            ManagerClient.await(admin.createTunnel("office", office));
            ManagerClient.await(admin.createTunnel("home-vpn", config("192.168.77.2/24", "",
                    peer("192.0.2.44:51820", "0.0.0.0/0, ::/0", 25))));
            ManagerClient.await(admin.createTunnel("lab", config("10.99.0.5/24", "", peer("198.51.100.99:51820", "10.99.0.0/24", 0))));
            ManagerClient.await(admin.setBootStart("office", true));
            ManagerClient.await(admin.updateTunnel("office", null, office.replace("MTU = 1420\n", "MTU = 1380\n")));
        }
    }

    private static String config(String address, String extra, String peers) {
        return "[Interface]\nPrivateKey = " + Key.generatePrivate().toBase64() + "\nAddress = " + address
                + "\nMTU = 1420\n" + extra + "\n" + peers;
    }

    private static String peer(String endpoint, String allowed, int keepalive) {
        return "[Peer]\nPublicKey = " + Key.generatePrivate().publicKey().toBase64() + "\nPresharedKey = "
                + Key.generatePreshared().toBase64() + "\nAllowedIPs = " + allowed + "\nEndpoint = " + endpoint + "\n"
                + (keepalive > 0 ? "PersistentKeepalive = " + keepalive + "\n" : "") + "\n";
    }

    @AfterAll
    static void stopManager() throws Exception {
        manager.close();
    }

    @AfterEach
    void closeGui() throws Exception {
        if (gui != null) {
            gui.close();
        }
    }

    /** AssertJ Swing 3.17 reads the old-style modifier masks. */
    @SuppressWarnings("deprecation")
    private static KeyPressInfo ctrl(int key) {
        return KeyPressInfo.keyCode(key).modifiers(InputEvent.CTRL_MASK);
    }

    @ParameterizedTest
    @EnumSource(value = ThemeChoice.class, names = {"LIGHT", "DARK"})
    void theMainWindowTheLogAndTheAboutBox(ThemeChoice theme) {
        gui = new RunningGui(manager.socket, theme);
        await("connected and listed", () -> gui.app.session().isConnected()
                && gui.window.list("tunnelList").target().getModel().getSize() == 3);
        gui.window.list("tunnelList").selectItem("office");
        await("status shown", () -> gui.window.textBox("peer1.Allowed IPs").target().getText().equals("10.30.0.0/16"));
        gui.window.textBox("interface.Start at boot").requireText("yes");
        Screenshots.save(gui.app.window(), "main-window");

        onEdt(() -> {
            gui.app.window().setSize(gui.app.window().getMinimumSize());
            gui.app.window().validate();
            return null;
        });
        gui.robot.waitForIdle();
        List<String> cut = onEdt(() -> {
            JToolBar toolbar = (JToolBar) gui.robot.finder().findByName("toolbar");
            List<String> out = new ArrayList<>();
            for (Component c : toolbar.getComponents()) {
                if (c.isVisible() && c.getX() + c.getWidth() > toolbar.getWidth() - toolbar.getInsets().right) {
                    out.add(c.getName());
                }
            }
            return out;
        });
        assertTrue(cut.isEmpty(), "toolbar buttons cut off at the minimum width: " + cut);
        Screenshots.save(gui.app.window(), "main-window-minimum");
        onEdt(() -> {
            gui.app.window().setSize(960, 620);
            return null;
        });

        gui.window.pressAndReleaseKey(ctrl(KeyEvent.VK_L));
        gui.window.comboBox("logSource").selectItem("office");
        await("the office tunnel's lines", () -> gui.window.table("logTable").target().getRowCount() >= 2);
        Screenshots.save(gui.app.window(), "main-window-log");

        gui.window.menuItemWithPath("Help", "About Warren").click();
        DialogFixture about = WindowFinder.findDialog(new org.assertj.swing.core.GenericTypeMatcher<JDialog>(JDialog.class) {
            @Override
            protected boolean isMatching(JDialog d) {
                return "About Warren".equals(d.getTitle()) && d.isShowing();
            }
        }).using(gui.robot);
        String text = onEdt(() -> aboutText(about.target()));
        assertTrue(text.contains("connected as root (admin)"), text);
        Screenshots.save(about.target(), "about");
        about.close();
    }

    private static String aboutText(Window w) {
        StringBuilder all = new StringBuilder();
        collect(w, all);
        return all.toString();
    }

    private static void collect(java.awt.Container c, StringBuilder all) {
        for (Component child : c.getComponents()) {
            if (child instanceof javax.swing.JLabel l && l.getText() != null) {
                all.append(l.getText()).append('\n');
            }
            if (child instanceof java.awt.Container inner) {
                collect(inner, all);
            }
        }
    }
}
