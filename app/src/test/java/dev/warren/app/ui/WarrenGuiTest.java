package dev.warren.app.ui;

import static dev.warren.app.ui.testing.RunningGui.await;
import static dev.warren.app.ui.testing.RunningGui.onEdt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.formdev.flatlaf.FlatLaf;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.ManagerState;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.testing.Configs;
import dev.warren.app.testing.ManagerProcess;
import dev.warren.app.ui.editor.ConfigProblem;
import dev.warren.app.ui.editor.ConfigTextPane;
import dev.warren.app.ui.importing.ImportDialog;
import dev.warren.app.ui.importing.QrCode;
import dev.warren.app.ui.testing.ClipboardPicture;
import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.testing.PrivateNetns;
import dev.warren.app.ui.testing.RunningGui;
import dev.warren.app.ui.testing.Screenshots;
import dev.warren.app.ui.testing.TrayProbe;
import dev.warren.app.ui.theme.ThemeChoice;
import dev.warren.core.config.Key;
import java.awt.CheckboxMenuItem;
import java.awt.Label;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.Rectangle;
import java.awt.TrayIcon;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.ItemEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.event.MouseListener;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.swing.ImageIcon;
import javax.swing.JTable;
import javax.swing.TransferHandler;
import org.assertj.swing.core.KeyPressInfo;
import org.assertj.swing.finder.JFileChooserFinder;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.JFileChooserFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The GUI against a real manager process (temporary socket and store): creating in the editor, importing,
 * renaming, exporting, removing, the log viewer and the tray, each through the windows as a user would. The
 * manager runs in a network namespace of its own, so a tunnel a test asks it to start never touches the host.
 */
@GuiTest
@Tag("netns")
class WarrenGuiTest {

    /**
     * A tunnel with a script, which a manager started without {@code --allow-scripts} refuses to start: a start
     * that fails the same way on every machine, before anything is created.
     */
    static String unstartable(String address, String allowed) {
        return Configs.tunnel(address, allowed).replace("[Peer]", "PostUp = true\n\n[Peer]");
    }

    @TempDir
    static Path dir;
    static PrivateNetns netns;
    static ManagerProcess manager;
    static ManagerClient admin;
    RunningGui gui;

    @BeforeAll
    static void startManager() throws Exception {
        netns = new PrivateNetns("wgui");
        manager = new ManagerProcess(Files.createDirectories(dir.resolve("m"))).inNetns(netns.name).start();
        admin = ManagerClient.connect(manager.socket);
    }

    @AfterAll
    static void stopManager() throws Exception {
        admin.close();
        manager.close();
        netns.close();
    }

    @AfterEach
    void closeGui() throws Exception {
        if (gui != null) {
            gui.close();
        }
    }

    private RunningGui open(ThemeChoice theme) {
        gui = new RunningGui(manager.socket, theme);
        await("the GUI connects to the manager", () -> gui.app.session().isConnected());
        return gui;
    }

    /** AssertJ Swing 3.17 reads the old-style modifier masks. */
    @SuppressWarnings("deprecation")
    private static KeyPressInfo ctrl(int key) {
        return KeyPressInfo.keyCode(key).modifiers(InputEvent.CTRL_MASK);
    }

    private List<String> listedNames() {
        return onEdt(() -> {
            var model = gui.window.list("tunnelList").target().getModel();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < model.getSize(); i++) {
                names.add(((TunnelSummary) model.getElementAt(i)).name());
            }
            return names;
        });
    }

    /**
     * Saves to {@code target} through the open save dialog. The file is set on the chooser itself: typing into its
     * name field races with the chooser's own directory loading, which may reset the field.
     */
    private static void saveAs(JFileChooserFixture chooser, Path target) {
        onEdt(() -> {
            chooser.target().setCurrentDirectory(target.getParent().toFile());
            chooser.target().setSelectedFile(target.toFile());
            return null;
        });
        chooser.approve();
    }

    private static void create(String name, String text) {
        ManagerClient.await(admin.createTunnel(name, text));
    }

    @Test
    void createATunnelInTheEditorWithInlineErrorsForABadKey() {
        open(ThemeChoice.LIGHT);
        gui.window.pressAndReleaseKey(ctrl(KeyEvent.VK_N));
        DialogFixture editor = WindowFinder.findDialog("tunnelEditor").using(gui.robot);
        editor.textBox("tunnelName").enterText("office-1");
        String start = onEdt(() -> ((ConfigTextPane) editor.textBox("configText").target()).getText());
        assertTrue(start.startsWith("[Interface]\nPrivateKey = "), start);
        String publicKey = editor.textBox("publicKey").text();
        assertEquals(44, publicKey.length(), "the fresh private key's public key is shown");

        editor.textBox("configText").setText(start + "Address = 10.44.0.2/32\n[Peer]\nAllowedIPs = 10.44.0.0/24\nPublicKey = bad-ke");
        editor.textBox("configText").enterText("y");
        gui.robot.waitForIdle();
        List<ConfigProblem> problems = onEdt(() -> ((ConfigTextPane) editor.textBox("configText").target()).problems());
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(6, problems.getFirst().line());
        assertTrue(editor.textBox("editorStatus").text().startsWith("Line 6, column 13: 'PublicKey'"),
                editor.textBox("editorStatus").text());
        editor.button("save").click();
        assertTrue(editor.textBox("editorStatus").text().startsWith("Not saved"), editor.textBox("editorStatus").text());

        String peer = Key.generatePrivate().publicKey().toBase64();
        String fixed = start + "Address = 10.44.0.2/32\n[Peer]\nAllowedIPs = 10.44.0.0/24\nPublicKey = " + peer + "\n";
        editor.textBox("configText").setText(fixed);
        await("the fixed config is re-checked", () -> editor.textBox("editorStatus").target().getText()
                .equals("The configuration is valid."));
        editor.textBox("configText").pressAndReleaseKey(ctrl(KeyEvent.VK_S));
        await("the editor closes after the manager stored the tunnel", () -> !editor.target().isShowing());

        await("the new tunnel is listed", () -> listedNames().contains("office-1"));
        assertEquals(fixed, ManagerClient.await(admin.getConfig("office-1")).text());
        gui.window.list("tunnelList").selectItem("office-1");
        await("the status shows its public key", () -> publicKey.equals(
                gui.window.textBox("interface.Public key").target().getText()));
        gui.window.textBox("interface.Addresses").requireText("10.44.0.2/32");
        gui.window.textBox("peer0.Public key").requireText(peer);
        gui.window.textBox("peer0.Allowed IPs").requireText("10.44.0.0/24");
    }

    @Test
    void importFilesAZipTheClipboardAndADrop() throws Exception {
        Path files = Files.createDirectories(dir.resolve("import"));
        Path conf = Files.writeString(files.resolve("imp-conf.conf"), Configs.tunnel("10.51.0.2/24", "10.51.0.0/24"));
        Path bad = Files.writeString(files.resolve("imp-bad.conf"), "[Interface]\nPrivateKey = nope\n");
        Path zip = files.resolve("bundle.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("x/imp-zip1.conf"));
            z.write(Configs.tunnel("10.52.0.2/24", "10.52.0.0/24").getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("../imp-zip2.conf"));
            z.write(Configs.tunnel("10.53.0.2/24", "10.53.0.0/24").getBytes(StandardCharsets.UTF_8));
        }
        open(ThemeChoice.LIGHT);
        gui.window.pressAndReleaseKey(ctrl(KeyEvent.VK_O));
        DialogFixture dialog = WindowFinder.findDialog("importDialog").using(gui.robot);
        dialog.button("chooseFiles").click();
        JFileChooserFixture chooser = JFileChooserFinder.findFileChooser("importChooser").using(gui.robot);
        chooser.setCurrentDirectory(files.toFile());
        chooser.selectFiles(conf.toFile(), bad.toFile(), zip.toFile()).approve();
        await("the files are imported", () -> dialog.label("importSummary").target().getText().equals("Imported 3 of 4."));
        List<String> lines = onEdt(() -> ((ImportDialog) dialog.target()).resultLines());
        assertTrue(lines.contains("✗ imp-bad.conf: line 2, column 14: 'PrivateKey' is not a valid key: a key is 44 base64 characters ending in '=', this has 4 characters"),
                lines.toString());
        assertTrue(lines.contains("✓ bundle.zip › ../imp-zip2.conf: imported as 'imp-zip2'"), lines.toString());

        String pasted = Configs.tunnel("10.54.0.2/24", "10.54.0.0/24");
        onEdt(() -> {
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(pasted), null);
            return null;
        });
        dialog.button("paste").click();
        JOptionPaneFixture ask = JOptionPaneFinder.findOptionPane().using(gui.robot);
        ask.textBox().enterText("imp-pasted");
        ask.okButton().click();
        await("the pasted config is imported", () -> dialog.label("importSummary").target().getText().equals("Imported 4 of 5."));
        assertEquals(pasted, ManagerClient.await(admin.getConfig("imp-pasted")).text());

        // A copied picture of a QR code (as a phone screenshot would be) is decoded and imported.
        String scanned = Configs.tunnel("10.56.0.2/24", "10.56.0.0/24");
        BufferedImage code = QrCode.encode(scanned, 3);
        onEdt(() -> {
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new ClipboardPicture(code), null);
            return null;
        });
        dialog.button("paste").click();
        JOptionPaneFixture askQr = JOptionPaneFinder.findOptionPane().using(gui.robot);
        askQr.textBox().enterText("imp-qr");
        askQr.okButton().click();
        await("the QR code is imported", () -> dialog.label("importSummary").target().getText().equals("Imported 5 of 6."));
        assertEquals(scanned, ManagerClient.await(admin.getConfig("imp-qr")).text());

        // Again: every name is now taken, and the manager's refusal is reported per file.
        onEdt(() -> {
            ((ImportDialog) dialog.target()).importFiles(List.of(conf));
            return null;
        });
        await("the duplicate is refused", () -> dialog.label("importSummary").target().getText().equals("Imported 5 of 7."));
        String refusal = onEdt(() -> ((ImportDialog) dialog.target()).resultLines().getLast());
        assertTrue(refusal.startsWith("✗ imp-conf.conf: ") && refusal.contains("imp-conf"), refusal);
        Screenshots.save(dialog.target(), "import-dialog");
        dialog.close();

        // Dropping a file on the main window opens the dialog and imports it.
        Path dropped = Files.writeString(files.resolve("imp-dropped.conf"), Configs.tunnel("10.55.0.2/24", "10.55.0.0/24"));
        Transferable t = new Transferable() {
            @Override
            public DataFlavor[] getTransferDataFlavors() {
                return new DataFlavor[] {DataFlavor.javaFileListFlavor};
            }

            @Override
            public boolean isDataFlavorSupported(DataFlavor flavor) {
                return DataFlavor.javaFileListFlavor.equals(flavor);
            }

            @Override
            public Object getTransferData(DataFlavor flavor) {
                return List.of(dropped.toFile());
            }
        };
        boolean accepted = onEdt(() -> {
            var target = gui.app.window().getRootPane();
            TransferHandler h = gui.app.window().getTransferHandler();
            return h.importData(new TransferHandler.TransferSupport(target, t));
        });
        assertTrue(accepted);
        await("the dropped file is imported", () -> listedNames().contains("imp-dropped"));
        for (String n : List.of("imp-conf", "imp-zip1", "imp-zip2", "imp-pasted", "imp-dropped")) {
            assertTrue(listedNames().contains(n), n + " in " + listedNames());
        }
    }

    @Test
    void renameExportAsFileZipAndQrCodeThenRemove() throws Exception {
        create("rn-a", Configs.tunnel("10.61.0.2/24", "10.61.0.0/24"));
        create("rn-b", Configs.tunnel("10.62.0.2/24", "10.62.0.0/24"));
        open(ThemeChoice.LIGHT);
        await("listed", () -> listedNames().containsAll(List.of("rn-a", "rn-b")));

        gui.window.list("tunnelList").selectItem("rn-a");
        gui.window.list("tunnelList").pressAndReleaseKey(ctrl(KeyEvent.VK_E));
        DialogFixture editor = WindowFinder.findDialog("tunnelEditor").using(gui.robot);
        await("the stored config is loaded", () -> !editor.textBox("publicKey").target().getText().isEmpty());
        editor.textBox("tunnelName").deleteText().enterText("rn-renamed");
        editor.button("save").click();
        await("renamed", () -> listedNames().contains("rn-renamed") && !listedNames().contains("rn-a"));
        String stored = ManagerClient.await(admin.getConfig("rn-renamed")).text();

        Path out = Files.createDirectories(dir.resolve("export"));
        gui.window.list("tunnelList").selectItem("rn-renamed");
        gui.window.menuItemWithPath("Tunnel", "Export tunnel to file…").click();
        JFileChooserFixture save = JFileChooserFinder.findFileChooser("exportChooser").using(gui.robot);
        assertEquals("rn-renamed.conf", save.fileNameTextBox().text());
        saveAs(save, out.resolve("rn-renamed.conf"));
        await("the config file is written", () -> Files.exists(out.resolve("rn-renamed.conf")));
        assertEquals(stored, Files.readString(out.resolve("rn-renamed.conf")));

        gui.window.menuItemWithPath("Tunnel", "Show QR code…").click();
        DialogFixture qr = WindowFinder.findDialog("qrDialog").using(gui.robot);
        BufferedImage image = onEdt(() -> (BufferedImage) ((ImageIcon) qr.label("qrImage").target().getIcon()).getImage());
        assertEquals(stored, QrCode.decode(image).orElseThrow(), "the QR code decodes to the stored config");
        Screenshots.save(qr.target(), "qr-dialog");
        qr.close();

        gui.window.menuItemWithPath("Tunnel", "Export all tunnels to zip…").click();
        JFileChooserFixture zipChooser = JFileChooserFinder.findFileChooser("exportChooser").using(gui.robot);
        saveAs(zipChooser, out.resolve("all.zip"));
        await("the zip is written", () -> Files.exists(out.resolve("all.zip")));
        List<String> entries = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(out.resolve("all.zip")))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertTrue(entries.containsAll(List.of("rn-renamed.conf", "rn-b.conf")), entries.toString());

        gui.window.list("tunnelList").selectItems("rn-b", "rn-renamed");
        gui.window.list("tunnelList").pressAndReleaseKeys(KeyEvent.VK_DELETE);
        JOptionPaneFixture confirm = JOptionPaneFinder.findOptionPane().using(gui.robot);
        String question = onEdt(() -> String.valueOf(confirm.target().getMessage()));
        assertEquals("Remove the 2 tunnels 'rn-b', 'rn-renamed'? This cannot be undone.", question);
        confirm.okButton().click();
        await("both are removed", () -> !listedNames().contains("rn-b") && !listedNames().contains("rn-renamed"));
        assertFalse(ManagerClient.await(admin.listTunnels()).stream().anyMatch(t -> t.name().startsWith("rn-")));
    }

    @Test
    void theLogViewerFollowsFiltersAndSaves() throws Exception {
        create("log-a", Configs.tunnel("10.71.0.2/24", "10.71.0.0/24"));
        open(ThemeChoice.LIGHT);
        gui.window.pressAndReleaseKey(ctrl(KeyEvent.VK_L));
        JTable table = gui.window.table("logTable").target();
        await("the backlog is shown", () -> table.getRowCount() > 0);
        ManagerClient.await(admin.writeLog("marker from the test " + ProcessHandle.current().pid()));
        await("a new line arrives live", () -> {
            for (int i = 0; i < table.getRowCount(); i++) {
                if (String.valueOf(table.getValueAt(i, 2)).startsWith("marker from the test")) {
                    return true;
                }
            }
            return false;
        });
        gui.window.comboBox("logSource").selectItem("ui");
        await("only ui lines", () -> {
            for (int i = 0; i < table.getRowCount(); i++) {
                if (!"ui".equals(table.getValueAt(i, 1))) {
                    return false;
                }
            }
            return table.getRowCount() > 0;
        });
        gui.window.comboBox("logSource").selectItem("All sources");
        gui.window.textBox("logFilter").enterText("marker from");
        await("the text filter narrows to the marker", () -> table.getRowCount() == 1);
        Screenshots.save(gui.app.window(), "log-viewer");

        Path out = Files.createDirectories(dir.resolve("logs"));
        gui.window.table("logTable").pressAndReleaseKey(ctrl(KeyEvent.VK_S));
        JFileChooserFixture save = JFileChooserFinder.findFileChooser("logSaveChooser").using(gui.robot);
        String offered = save.fileNameTextBox().text();
        assertTrue(offered.matches("warren-log-\\d{8}-\\d{6}\\.txt"), offered);
        saveAs(save, out.resolve(offered));
        await("the log is saved", () -> Files.exists(out.resolve(offered)));
        List<String> saved = Files.readAllLines(out.resolve(offered));
        assertEquals(1, saved.size(), saved.toString());
        assertTrue(saved.getFirst().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\tui\tmarker from the test \\d+"), saved.getFirst());

        gui.window.table("logTable").selectRows(0);
        gui.window.table("logTable").pressAndReleaseKey(ctrl(KeyEvent.VK_C));
        String copied = onEdt(() -> (String) Toolkit.getDefaultToolkit().getSystemClipboard().getData(DataFlavor.stringFlavor));
        assertEquals(saved.getFirst() + System.lineSeparator(), copied);
    }

    @Test
    void theTrayMenuListsTunnelsAndTogglesThem() throws Exception {
        open(ThemeChoice.LIGHT);
        assertTrue(gui.app.tray().isPresent(), "trayer provides a system tray on the test display");
        await("the icon shows that nothing runs", () -> TrayProbe.showsStateIcon(ManagerState.INACTIVE));
        assertFalse(onEdt(() -> TrayProbe.showsStateIcon(ManagerState.ERROR)), "the states have pictures of their own");
        String first = "tray-1";
        create(first, unstartable("10.81.0.2/24", "10.81.0.0/24"));
        PopupMenu menu = gui.app.tray().orElseThrow().menu();
        await("the tunnel appears in the tray menu", () -> TrayProbe.tunnelItem(menu, first) != null);
        assertTrue(onEdt(() -> menu.getItem(0).getLabel()).startsWith("Status: "));
        CheckboxMenuItem item = onEdt(() -> TrayProbe.tunnelItem(menu, first));
        assertFalse(onEdt(item::getState));
        onEdt(() -> {
            item.setState(true);
            item.dispatchEvent(new ItemEvent(item, ItemEvent.ITEM_STATE_CHANGED, item.getLabel(), ItemEvent.SELECTED));
            return null;
        });
        // The manager refuses (scripts are not allowed), and the GUI says why.
        JOptionPaneFixture error = JOptionPaneFinder.findOptionPane().using(gui.robot);
        String message = onEdt(() -> String.valueOf(error.target().getMessage()));
        assertTrue(message.startsWith("Could not activate '" + first + "': "), message);
        error.okButton().click();
        await("the item is unchecked again", () -> !TrayProbe.tunnelItem(menu, first).getState());
        // A desktop notification pops up from the tray icon (on X11 AWT draws it as a window of its own).
        await("the failure is notified", () -> TrayProbe.notificationShowing("Warren: tunnel '" + first + "' failed"));
        // The failure shows in the tray itself: the status line and the icon's tooltip.
        await("the tray reports the failure", () -> menu.getItem(0).getLabel().equals("Status: Failed")
                && TrayProbe.icon().getToolTip().equals("Warren: Failed"));
        await("the icon shows the failure", () -> TrayProbe.showsStateIcon(ManagerState.ERROR));

        for (int i = 2; i <= 11; i++) {
            create("tray-" + i, Configs.tunnel("10.82." + i + ".2/24", "10.82." + i + ".0/24"));
        }
        await("past ten tunnels they move into a submenu", () -> {
            for (int i = 0; i < menu.getItemCount(); i++) {
                if (menu.getItem(i) instanceof Menu m && m.getLabel().equals("Tunnels")) {
                    return TrayProbe.tunnelItem(m, "tray-11") != null && TrayProbe.tunnelItem(menu, first) == null;
                }
            }
            return false;
        });
    }

    @Test
    void closingHidesToTheTrayAndManageTunnelsBringsItBack() {
        open(ThemeChoice.LIGHT);
        gui.window.close();
        await("hidden, not exited", () -> !gui.app.window().isShowing() && gui.app.window().isDisplayable());
        assertTrue(gui.app.session().isConnected(), "the GUI keeps its connection while in the tray");
        PopupMenu menu = gui.app.tray().orElseThrow().menu();
        MenuItem manage = onEdt(() -> {
            for (int i = 0; i < menu.getItemCount(); i++) {
                if (menu.getItem(i).getLabel().equals("Manage tunnels…")) {
                    return menu.getItem(i);
                }
            }
            throw new AssertionError("no Manage tunnels… item");
        });
        onEdt(() -> {
            manage.dispatchEvent(new ActionEvent(manage, ActionEvent.ACTION_PERFORMED, manage.getActionCommand()));
            return null;
        });
        await("the window is back", () -> gui.app.window().isShowing());

        // A left click on the icon brings it back too; a right click only opens the menu.
        gui.window.close();
        await("hidden again", () -> !gui.app.window().isShowing());
        clickTrayIcon(MouseEvent.BUTTON3);
        gui.robot.waitForIdle();
        assertFalse(onEdt(() -> gui.app.window().isShowing()), "a right click does not open the window");
        clickTrayIcon(MouseEvent.BUTTON1);
        await("a left click shows the window", () -> gui.app.window().isShowing());
    }

    /**
     * Hands the icon a click the way the toolkit does. The icon's place in trayer's panel is not known to the test,
     * so its mouse listeners get the event directly.
     */
    private static void clickTrayIcon(int button) {
        onEdt(() -> {
            TrayIcon icon = TrayProbe.icon();
            MouseEvent click = new MouseEvent(new Label(), MouseEvent.MOUSE_CLICKED, System.currentTimeMillis(), 0,
                    8, 8, 1, button == MouseEvent.BUTTON3, button);
            for (MouseListener l : icon.getMouseListeners()) {
                l.mouseClicked(click);
            }
            return null;
        });
    }

    @Test
    void theThemeChoiceAndWindowBoundsAreRemembered() throws Exception {
        Preferences node = Preferences.userRoot()
                .node("dev/warren/ui-test-remember-" + ProcessHandle.current().pid());
        RunningGui first = new RunningGui(manager.socket, ThemeChoice.LIGHT, node);
        try {
            assertFalse(onEdt(FlatLaf::isLafDark));
            first.window.menuItemWithPath("View", "Theme", "Dark").click();
            await("the whole window switched to dark", () -> FlatLaf.isLafDark()
                    && first.app.window().getContentPane().getBackground().getRed() < 100);
            onEdt(() -> {
                first.app.window().setBounds(40, 50, 1000, 700);
                return null;
            });
            first.robot.waitForIdle();
        } finally {
            first.closeKeepingPreferences();
        }
        assertEquals("DARK", node.get("theme", ""));
        gui = new RunningGui(manager.socket, ThemeChoice.DARK, node);
        assertEquals(new Rectangle(40, 50, 1000, 700), onEdt(() -> gui.app.window().getBounds()));
    }

    @Test
    void ctrlASelectsEveryTunnelAndEnterActivatesFromTheKeyboard() {
        String second = "kb-2";
        create("kb-1", Configs.tunnel("10.121.0.2/24", "10.121.0.0/24"));
        create(second, unstartable("10.122.0.2/24", "10.122.0.0/24"));
        open(ThemeChoice.LIGHT);
        await("listed", () -> listedNames().containsAll(List.of("kb-1", second)));
        gui.window.list("tunnelList").selectItem("kb-1");
        gui.window.list("tunnelList").pressAndReleaseKey(ctrl(KeyEvent.VK_A));
        assertEquals(listedNames().size(), onEdt(() -> gui.window.list("tunnelList").target().getSelectedIndices().length));
        gui.window.label("placeholder").requireText(listedNames().size() + " tunnels selected");
        gui.window.textBox("tunnelFilter").enterText("kb-2");
        await("the filter narrows the list", () -> listedNames().equals(List.of(second)));
        gui.window.list("tunnelList").selectItem(second).pressAndReleaseKeys(KeyEvent.VK_ENTER);
        // Enter asked the manager to start it; it refuses a tunnel with a script, which shows that it was asked.
        JOptionPaneFixture error = JOptionPaneFinder.findOptionPane().using(gui.robot);
        assertTrue(onEdt(() -> String.valueOf(error.target().getMessage())).startsWith("Could not activate '" + second + "': "));
        error.okButton().click();
    }

    @ParameterizedTest
    @EnumSource(value = ThemeChoice.class, names = {"LIGHT", "DARK"})
    void screenshotsOfEveryDialog(ThemeChoice theme) throws Exception {
        String name = "dlg-" + theme.name().toLowerCase(java.util.Locale.ROOT);
        create(name, Configs.tunnel("10.131.0.2/24", "10.131.0.0/24"));
        Path files = Files.createDirectories(dir.resolve("dialogs-" + name));
        Path bad = Files.writeString(files.resolve("broken.conf"), "[Interface]\nPrivateKey = nope\n");
        Path good = Files.writeString(files.resolve(name + "-i.conf"), Configs.tunnel("10.132.0.2/24", "10.132.0.0/24"));
        open(theme);
        await("listed", () -> listedNames().contains(name));

        gui.window.pressAndReleaseKey(ctrl(KeyEvent.VK_O));
        DialogFixture importing = WindowFinder.findDialog("importDialog").using(gui.robot);
        onEdt(() -> {
            ((ImportDialog) importing.target()).importFiles(List.of(good, bad));
            return null;
        });
        await("imported", () -> importing.label("importSummary").target().getText().equals("Imported 1 of 2."));
        Screenshots.save(importing.target(), "import-dialog");
        importing.close();

        gui.window.list("tunnelList").selectItem(name);
        gui.window.menuItemWithPath("Tunnel", "Show QR code…").click();
        DialogFixture qr = WindowFinder.findDialog("qrDialog").using(gui.robot);
        Screenshots.save(qr.target(), "qr-dialog");
        qr.close();

        gui.window.menuItemWithPath("Tunnel", "Edit…").click();
        DialogFixture editor = WindowFinder.findDialog("tunnelEditor").using(gui.robot);
        await("loaded", () -> !editor.textBox("publicKey").target().getText().isEmpty());
        String text = onEdt(() -> ((ConfigTextPane) editor.textBox("configText").target()).getText());
        editor.textBox("configText").setText(text.replace("Endpoint = 127.0.0.1:51820", "Endpoint = 127.0.0.1:518200"));
        await("the bad port is underlined", () -> !((ConfigTextPane) editor.textBox("configText").target()).problems().isEmpty());
        Screenshots.save(editor.target(), "editor-error");
        editor.close();
    }
}
