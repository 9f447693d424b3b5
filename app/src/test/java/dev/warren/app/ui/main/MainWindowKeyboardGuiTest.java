package dev.warren.app.ui.main;

import static dev.warren.app.ui.testing.RunningGui.await;
import static dev.warren.app.ui.testing.RunningGui.onEdt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.testing.Configs;
import dev.warren.app.testing.ManagerProcess;
import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.testing.RunningGui;
import dev.warren.app.ui.theme.ThemeChoice;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.AbstractButton;
import javax.swing.Action;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JPopupMenu;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import org.assertj.swing.core.KeyPressInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main window from the keyboard, against a real manager: every mnemonic unique where it can fire, the
 * commands on the selected tunnels off while their list is not on screen, and "Start at boot" from the Tunnel menu
 * and the list's context menu.
 */
@GuiTest
class MainWindowKeyboardGuiTest {

    @TempDir
    static Path dir;
    static ManagerProcess manager;
    static ManagerClient admin;
    RunningGui gui;

    @BeforeAll
    static void startManager() throws Exception {
        manager = new ManagerProcess(Files.createDirectories(dir.resolve("m"))).start();
        admin = ManagerClient.connect(manager.socket);
        ManagerClient.await(admin.createTunnel("office", Configs.tunnel("10.141.0.2/24", "10.141.0.0/24")));
        ManagerClient.await(admin.createTunnel("home-vpn", Configs.tunnel("10.142.0.2/24", "10.142.0.0/24")));
    }

    @AfterAll
    static void stopManager() throws Exception {
        admin.close();
        manager.close();
    }

    @AfterEach
    void closeGui() throws Exception {
        if (gui != null) {
            gui.close();
        }
    }

    private void open() {
        gui = new RunningGui(manager.socket, ThemeChoice.LIGHT);
        await("connected and listed", () -> gui.app.session().isConnected()
                && gui.window.list("tunnelList").target().getModel().getSize() == 2);
    }

    /** AssertJ Swing 3.17 reads the old-style modifier masks. */
    @SuppressWarnings("deprecation")
    private static KeyPressInfo ctrl(int key) {
        return KeyPressInfo.keyCode(key).modifiers(InputEvent.CTRL_MASK);
    }

    /** One mnemonic and what it fires: the same action reached from two buttons is one command, not a clash. */
    private record Mnemonic(int key, String label, Object command) {
    }

    @Test
    void everyMnemonicIsUniqueWithinTheScopeWhereItFires() {
        open();
        gui.window.list("tunnelList").selectItem("office");
        List<String> clashes = onEdt(() -> {
            MainWindow w = gui.app.window();
            Action toggle = w.actions().toggle;
            Map<String, List<Mnemonic>> scopes = new LinkedHashMap<>();
            // Buttons, labels, tabs and menus fire while showing, anywhere in the window: the window-wide ones with
            // the contents of each tab in turn.
            List<Mnemonic> windowWide = new ArrayList<>();
            JTabbedPane tabs = null;
            for (Component c : descendants(w.getRootPane(), JTabbedPane.class)) {
                if (c instanceof JTabbedPane t) {
                    tabs = t;
                    for (int i = 0; i < t.getTabCount(); i++) {
                        windowWide.add(new Mnemonic(t.getMnemonicAt(i), "tab " + t.getTitleAt(i), t.getComponentAt(i)));
                    }
                } else {
                    add(windowWide, c, toggle);
                }
            }
            for (int i = 0; i < tabs.getTabCount(); i++) {
                List<Mnemonic> scope = new ArrayList<>(windowWide);
                for (Component c : descendants((Container) tabs.getComponentAt(i), null)) {
                    add(scope, c, toggle);
                }
                scopes.put("window with the " + tabs.getTitleAt(i) + " tab", scope);
            }
            // Menu items fire only while their menu is open: one scope per menu and popup.
            JMenuBar bar = w.getJMenuBar();
            for (int i = 0; i < bar.getMenuCount(); i++) {
                addMenu(scopes, bar.getMenu(i), toggle);
            }
            addPopup(scopes, "tunnel list context menu", gui.window.list("tunnelList").target().getComponentPopupMenu(), toggle);
            JTable log = gui.robot.finder().findByName("logTable", JTable.class, false);
            addPopup(scopes, "log context menu", log.getComponentPopupMenu(), toggle);

            List<String> found = new ArrayList<>();
            scopes.forEach((scope, entries) -> {
                Map<Integer, Mnemonic> seen = new LinkedHashMap<>();
                for (Mnemonic m : entries) {
                    Mnemonic before = seen.putIfAbsent(m.key(), m);
                    if (before != null && before.command() != m.command()) {
                        found.add(scope + ": Alt+" + KeyEvent.getKeyText(m.key()) + " is both '" + before.label()
                                + "' and '" + m.label() + "'");
                    }
                }
            });
            assertTrue(scopes.size() >= 8 && scopes.values().stream().noneMatch(List::isEmpty), scopes.keySet().toString());
            return found;
        });
        assertEquals(List.of(), clashes);
    }

    private static void addMenu(Map<String, List<Mnemonic>> scopes, JMenu menu, Action toggle) {
        addPopup(scopes, menu.getText() + " menu", menu.getPopupMenu(), toggle);
        for (Component c : menu.getMenuComponents()) {
            if (c instanceof JMenu sub) {
                addMenu(scopes, sub, toggle);
            }
        }
    }

    private static void addPopup(Map<String, List<Mnemonic>> scopes, String name, JPopupMenu popup, Action toggle) {
        List<Mnemonic> entries = new ArrayList<>();
        for (Component c : popup.getComponents()) {
            add(entries, c, toggle);
        }
        scopes.put(name, entries);
    }

    /** Records {@code c}'s mnemonic; the Activate command's letter changes to Deactivate's while a tunnel runs. */
    private static void add(List<Mnemonic> out, Component c, Action toggle) {
        if (c instanceof AbstractButton b && b.getMnemonic() != 0) {
            Object command = b.getAction() != null ? b.getAction() : b;
            out.add(new Mnemonic(b.getMnemonic(), b.getText(), command));
            if (b.getAction() == toggle) {
                out.add(new Mnemonic(KeyEvent.VK_D, "Deactivate", command));
            }
        } else if (c instanceof JLabel l && l.getDisplayedMnemonic() != 0) {
            out.add(new Mnemonic(l.getDisplayedMnemonic(), l.getText(), l));
        }
    }

    /** Every component under {@code root}, not descending into components of type {@code stop} (listed themselves). */
    private static List<Component> descendants(Container root, Class<?> stop) {
        List<Component> all = new ArrayList<>();
        for (Component c : root.getComponents()) {
            all.add(c);
            if (c instanceof Container inner && (stop == null || !stop.isInstance(c))) {
                all.addAll(descendants(inner, stop));
            }
        }
        return all;
    }

    @Test
    void theCommandsOnTheSelectedTunnelsAreOffWhileTheLogIsShown() {
        open();
        gui.window.list("tunnelList").selectItem("office");
        TunnelActions actions = gui.app.window().actions();
        assertTrue(onEdt(() -> actions.remove.isEnabled() && actions.edit.isEnabled() && actions.toggle.isEnabled()));
        gui.window.pressAndReleaseKey(ctrl(KeyEvent.VK_L));
        gui.window.table("logTable").pressAndReleaseKeys(KeyEvent.VK_DELETE);
        gui.robot.waitForIdle();
        assertFalse(onEdt(() -> actions.remove.isEnabled() || actions.edit.isEnabled() || actions.toggle.isEnabled()
                || actions.exportOne.isEnabled() || actions.startAtBoot.isEnabled()));
        assertFalse(onEdt(MainWindowKeyboardGuiTest::aDialogIsShowing), "Delete in the log asked nothing");
        assertTrue(onEdt(() -> actions.add.isEnabled() && actions.importFiles.isEnabled()),
                "commands that need no selection stay on");
        gui.window.pressAndReleaseKey(ctrl(KeyEvent.VK_1));
        await("back on the list, the selection's commands are on again",
                () -> actions.remove.isEnabled() && actions.edit.isEnabled() && actions.toggle.isEnabled());
        assertEquals(List.of("office"), onEdt(() -> gui.window.list("tunnelList").target().getSelectedValuesList()
                .stream().map(t -> ((TunnelSummary) t).name()).toList()));
    }

    private static boolean aDialogIsShowing() {
        for (Window w : Window.getWindows()) {
            if (w instanceof JDialog && w.isShowing()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void startAtBootFromTheTunnelMenuAndTheContextMenu() {
        open();
        gui.window.list("tunnelList").selectItem("home-vpn");
        await("the status says it does not start at boot",
                () -> gui.window.textBox("interface.Start at boot").target().getText().equals("no"));
        gui.window.menuItemWithPath("Tunnel", "Start at boot").click();
        await("the manager marked it", () -> bootStart("home-vpn"));
        await("the status shows the mark",
                () -> gui.window.textBox("interface.Start at boot").target().getText().equals("yes"));
        JCheckBoxMenuItem inContext = onEdt(() -> contextItem("Start at boot"));
        assertTrue(onEdt(inContext::isSelected), "the context menu's item is checked");
        assertFalse(bootStart("office"), "only the selected tunnel is marked");

        gui.window.list("tunnelList").showPopupMenu().menuItemWithPath("Start at boot").click();
        await("the manager unmarked it", () -> !bootStart("home-vpn"));
        await("the status follows", () -> gui.window.textBox("interface.Start at boot").target().getText().equals("no"));
        assertFalse(onEdt(inContext::isSelected));
    }

    private JCheckBoxMenuItem contextItem(String text) {
        for (Component c : gui.window.list("tunnelList").target().getComponentPopupMenu().getComponents()) {
            if (c instanceof JCheckBoxMenuItem m && m.getText().equals(text)) {
                return m;
            }
        }
        throw new AssertionError("no context menu item " + text);
    }

    private static boolean bootStart(String name) {
        return ManagerClient.await(admin.listTunnels()).stream().filter(t -> t.name().equals(name))
                .anyMatch(TunnelSummary::bootStart);
    }
}
