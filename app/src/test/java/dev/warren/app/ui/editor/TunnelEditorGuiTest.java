package dev.warren.app.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ui.testing.Dialogs;
import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.testing.Screenshots;
import dev.warren.app.ui.theme.Theme;
import dev.warren.app.ui.theme.UiPreferences;
import dev.warren.core.config.Key;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.prefs.Preferences;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JOptionPane;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.KeyPressInfo;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The editor alone (its saver records what it would send): highlighting, inline errors, name checks, the switch. */
@GuiTest
class TunnelEditorGuiTest {

    private static final Key PRIVATE = Key.generatePrivate();
    private static final String PEER_KEY = Key.generatePrivate().publicKey().toBase64();
    private static final String VALID = "[Interface]\nPrivateKey = " + PRIVATE.toBase64() + "\nAddress = 10.9.0.2/32\n"
            + "# the office\n[Peer]\nPublicKey = " + PEER_KEY + "\nAllowedIPs = 0.0.0.0/0, ::/0\nEndpoint = 192.0.2.1:51820\n";

    private Robot robot;
    private DialogFixture dialog;
    private final List<String> saved = new ArrayList<>();

    @BeforeEach
    void setUp() {
        robot = BasicRobot.robotWithNewAwtHierarchy();
    }

    @AfterEach
    void tearDown() {
        robot.cleanUp();
    }

    /** AssertJ Swing 3.17 reads the old-style modifier masks. */
    @SuppressWarnings("deprecation")
    private static KeyPressInfo ctrlS() {
        return KeyPressInfo.keyCode(KeyEvent.VK_S).modifiers(InputEvent.CTRL_MASK);
    }

    /** The checkbox's mnemonic, which also shows it is reachable from the keyboard. */
    @SuppressWarnings("deprecation")
    private static KeyPressInfo altB() {
        return KeyPressInfo.keyCode(KeyEvent.VK_B).modifiers(InputEvent.ALT_MASK);
    }

    @SuppressWarnings("deprecation")
    private static KeyPressInfo altL() {
        return KeyPressInfo.keyCode(KeyEvent.VK_L).modifiers(InputEvent.ALT_MASK);
    }

    private void open(boolean dark, String name, String text) {
        TunnelEditor editor = GuiActionRunner.execute(() -> {
            Theme.install(dark);
            return new TunnelEditor(null, "Edit tunnel", name, text, Set.of("home", "Office"), (n, t, done) -> {
                saved.add(n + "|" + t);
                done.accept(null);
            });
        });
        dialog = new DialogFixture(robot, editor);
        Dialogs.showFocused(dialog);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aValidConfigShowsItsPublicKeyAndSaves(boolean dark) {
        open(dark, "work", VALID);
        dialog.textBox("publicKey").requireText(PRIVATE.publicKey().toBase64());
        dialog.textBox("editorStatus").requireText("The configuration is valid.");
        dialog.checkBox("blockUntunneled").requireVisible().requireSelected();
        Screenshots.save(dialog.target(), "editor");
        dialog.button("save").click();
        robot.waitForIdle();
        assertEquals(List.of("work|" + VALID), saved, () -> dialog.textBox("editorStatus").text());
        assertFalse(GuiActionRunner.execute(() -> dialog.target().isDisplayable()), "the dialog closed after saving");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBadKeyIsUnderlinedWhereItIsAndSaveIsRefused(boolean dark) {
        open(dark, "new1", TunnelEditor.emptyConfig());
        var text = dialog.textBox("configText");
        text.setText("[Interface]\nPrivateKey = " + PRIVATE.toBase64() + "\n[Peer]\nAllowedIPs = 10.0.0.0/8\nPublicKey = not-a-ke");
        text.enterText("y");
        robot.waitForIdle();
        ConfigTextPane pane = (ConfigTextPane) text.target();
        List<ConfigProblem> problems = GuiActionRunner.execute(pane::problems);
        assertEquals(1, problems.size(), problems.toString());
        ConfigProblem p = problems.getFirst();
        assertEquals(5, p.line());
        String content = GuiActionRunner.execute(() -> pane.getText());
        assertEquals("not-a-key", content.substring(p.start(), p.end()));
        assertEquals(1, GuiActionRunner.execute(() -> pane.getHighlighter().getHighlights().length), "one squiggle");
        // Hovering the underline shows the parser's message.
        String tip = GuiActionRunner.execute((Callable<String>) () -> {
            Rectangle r = pane.modelToView2D(p.start() + 2).getBounds();
            return pane.getToolTipText(new MouseEvent(pane, MouseEvent.MOUSE_MOVED, 0, 0, r.x, r.y + r.height / 2, 0, false));
        });
        assertEquals(p.message(), tip);
        assertTrue(dialog.textBox("editorStatus").text().contains("Line 5, column 13: "), dialog.textBox("editorStatus").text());
        text.pressAndReleaseKey(ctrlS());
        String refused = dialog.textBox("editorStatus").text();
        assertTrue(refused.startsWith("Not saved: the configuration has an error."), refused);
        assertEquals(List.of(), saved);
        dialog.textBox("publicKey").requireText(PRIVATE.publicKey().toBase64());
    }

    /** The README's picture of the editor: a whole tunnel, with a mistake a user makes. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTypoInAFullTunnelIsUnderlinedAndExplained(boolean dark) {
        String office = "[Interface]\nPrivateKey = " + PRIVATE.toBase64() + "\nAddress = 10.8.0.2/24, fd00:8::2/64\n"
                + "DNS = 10.8.0.1\n\n[Peer]\n# the office gateway\nPublicKey = " + PEER_KEY + "\n"
                + "AllowedIPs = 0.0.0.0/0, ::/0\nEndpoint = 198.51.100.7:518200\nPersistentKeepalive = 25\n";
        open(dark, "branch", office);
        ConfigTextPane pane = (ConfigTextPane) dialog.textBox("configText").target();
        int port = office.indexOf("518200");
        GuiActionRunner.execute(() -> pane.setCaretPosition(port + 3));
        robot.waitForIdle();
        List<ConfigProblem> problems = GuiActionRunner.execute(pane::problems);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(10, problems.getFirst().line());
        String status = dialog.textBox("editorStatus").text();
        assertTrue(status.startsWith("Line 10, column "), status);
        dialog.checkBox("blockUntunneled").requireDisabled();
        Screenshots.save(dialog.target(), "editor-error");
    }

    @Test
    void namesAreCheckedAsTypedIncludingAgainstOtherTunnels() {
        open(false, "", VALID);
        dialog.textBox("tunnelName").enterText("bad name");
        assertEquals("A tunnel name has only the characters a-z, A-Z, 0-9, '_', '=', '+', '.' and '-'.",
                dialog.textBox("editorStatus").text());
        dialog.textBox("tunnelName").deleteText().enterText("office");
        assertEquals("Another tunnel is already called 'office'; choose another name.", dialog.textBox("editorStatus").text());
        dialog.button("save").click();
        assertEquals(List.of(), saved);
        dialog.textBox("tunnelName").deleteText().enterText("office-2");
        dialog.textBox("editorStatus").requireText("The configuration is valid.");
    }

    private String editorText() {
        return GuiActionRunner.execute(() -> ((ConfigTextPane) dialog.textBox("configText").target()).getText());
    }

    /** Types the whole text anew and has it checked now rather than after the typing pause. */
    private void retype(String text) {
        dialog.textBox("configText").setText(text);
        GuiActionRunner.execute(() -> ((ConfigTextPane) dialog.textBox("configText").target()).result());
        robot.waitForIdle();
    }

    @Test
    void blockingSwapsTheRoutesAsWireGuardForWindowsDoes() {
        open(false, "work", VALID);
        // One peer routing everything: on, as in WireGuard for Windows, without a line in the text.
        dialog.checkBox("blockUntunneled").requireSelected();
        dialog.checkBox("allowLocalNetwork").requireNotSelected().requireEnabled();
        dialog.textBox("configText").pressAndReleaseKey(altB());
        String halves = VALID.replace("0.0.0.0/0, ::/0", "0.0.0.0/1, 128.0.0.0/1, ::/1, 8000::/1");
        assertEquals(halves, editorText());
        dialog.checkBox("blockUntunneled").requireNotSelected();
        dialog.checkBox("allowLocalNetwork").requireDisabled();

        dialog.textBox("configText").pressAndReleaseKey(altB());
        assertEquals(VALID, editorText());
        dialog.checkBox("blockUntunneled").requireSelected();
        dialog.textBox("configText").pressAndReleaseKey(altL());
        String allowed = VALID.replace("[Interface]\n", "[Interface]\n# Warren: AllowLocalNetwork = true\n");
        assertEquals(allowed, editorText());
        dialog.checkBox("allowLocalNetwork").requireSelected();

        // An explicit directive (written by an older Warren) wins while there; toggling drops it for the routes.
        retype(allowed.replace("[Interface]\n", "[Interface]\n# Warren: BlockUntunneledTraffic = false\n"));
        dialog.checkBox("blockUntunneled").requireNotSelected();
        dialog.textBox("configText").pressAndReleaseKey(altB());
        assertEquals(allowed, editorText());
        dialog.checkBox("blockUntunneled").requireSelected();
        dialog.checkBox("allowLocalNetwork").requireSelected();

        // Edited by hand, the checkboxes follow the text; a bad value is an error on its line and disables them.
        retype(editorText().replace("AllowLocalNetwork = true", "AllowLocalNetwork = false"));
        dialog.checkBox("allowLocalNetwork").requireNotSelected();
        retype(editorText().replace("AllowLocalNetwork = false", "AllowLocalNetwork = yes"));
        String status = dialog.textBox("editorStatus").text();
        assertTrue(status.contains("Line 2") && status.contains("is true or false, not 'yes'"), status);
        dialog.checkBox("blockUntunneled").requireDisabled();
        dialog.checkBox("allowLocalNetwork").requireDisabled();
    }

    @Test
    void withASecondPeerTheSwitchIsWarrensDirectiveAndTheRoutesStay() {
        String twoPeers = VALID + "\n[Peer]\nPublicKey = " + Key.generatePrivate().publicKey().toBase64()
                + "\nAllowedIPs = 10.1.0.0/16\n";
        open(false, "work", twoPeers);
        // WireGuard for Windows does not block with two peers, so neither does the default.
        dialog.checkBox("blockUntunneled").requireNotSelected();
        dialog.textBox("configText").pressAndReleaseKey(altB());
        dialog.textBox("configText").pressAndReleaseKey(altL());
        String on = twoPeers.replace("[Interface]\n", "[Interface]\n# Warren: BlockUntunneledTraffic = true\n"
                + "# Warren: AllowLocalNetwork = true\n");
        assertEquals(on, editorText());
        dialog.textBox("configText").pressAndReleaseKey(altB());
        assertEquals(on.replace("BlockUntunneledTraffic = true", "BlockUntunneledTraffic = false"), editorText());
        dialog.checkBox("allowLocalNetwork").requireSelected().requireDisabled();
    }

    @Test
    void theSwitchIsOfferedForSplitTunnelsToo() {
        String split = VALID.replace("0.0.0.0/0, ::/0", "10.0.0.0/8");
        open(false, "work", split);
        dialog.checkBox("blockUntunneled").requireVisible().requireNotSelected();
        dialog.checkBox("allowLocalNetwork").requireDisabled();
        dialog.textBox("configText").pressAndReleaseKey(altB());
        assertEquals(split.replace("[Interface]\n", "[Interface]\n# Warren: BlockUntunneledTraffic = true\n"), editorText());
        dialog.checkBox("allowLocalNetwork").requireEnabled();
    }

    @Test
    void itsBoundsAreRememberedInThePreferencesOfTheWindowThatOpensIt() throws Exception {
        Preferences node = Preferences.userRoot().node("dev/warren/ui-test-editor-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        JFrame owner = GuiActionRunner.execute(() -> {
            Theme.install(false);
            JFrame f = new JFrame("owner");
            new UiPreferences(node).rememberBounds(f, "main");
            return f;
        });
        try {
            TunnelEditor first = GuiActionRunner.execute(() -> new TunnelEditor(owner, "Edit tunnel", "work", VALID, Set.of(),
                    (n, t, done) -> done.accept(null)));
            dialog = new DialogFixture(robot, first);
            dialog.show();
            GuiActionRunner.execute(() -> {
                first.setBounds(30, 40, 900, 650);
                return null;
            });
            robot.waitForIdle();
            dialog.button("cancel").click();
            assertFalse(GuiActionRunner.execute(first::isDisplayable));
            TunnelEditor second = GuiActionRunner.execute(() -> new TunnelEditor(owner, "Edit tunnel", "work", VALID,
                    Set.of(), (n, t, done) -> done.accept(null)));
            assertEquals(new Rectangle(30, 40, 900, 650), GuiActionRunner.execute(() -> second.getBounds()));
            GuiActionRunner.execute(second::dispose);

            // A size remembered from a smaller screen or an older layout never cuts the editor below its minimum.
            node.put("editor.bounds", "30,40,120,90");
            TunnelEditor third = GuiActionRunner.execute(() -> new TunnelEditor(owner, "Edit tunnel", "work", VALID,
                    Set.of(), (n, t, done) -> done.accept(null)));
            Dimension size = GuiActionRunner.execute(() -> third.getSize());
            Dimension min = GuiActionRunner.execute(() -> third.getMinimumSize());
            assertTrue(size.width >= min.width && size.height >= min.height && min.width >= 400, size + " / " + min);
            GuiActionRunner.execute(third::dispose);
        } finally {
            GuiActionRunner.execute(owner::dispose);
            node.removeNode();
        }
    }

    @SuppressWarnings("deprecation")
    private static KeyPressInfo alt(int key) {
        return KeyPressInfo.keyCode(key).modifiers(InputEvent.ALT_MASK);
    }

    private DialogFixture unsavedQuestion() {
        return WindowFinder.findDialog("unsavedChanges").using(robot);
    }

    private boolean editorOpen() {
        return GuiActionRunner.execute(() -> dialog.target().isDisplayable());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void closingWithUnsavedEditsAsksToSaveDiscardOrKeepEditing(boolean dark) {
        open(dark, "work", VALID);
        // Nothing edited: Esc just closes.
        dialog.textBox("configText").pressAndReleaseKeys(KeyEvent.VK_ESCAPE);
        assertFalse(editorOpen());

        open(dark, "work", VALID);
        dialog.textBox("tunnelName").deleteText().enterText("work2");
        dialog.textBox("tunnelName").pressAndReleaseKeys(KeyEvent.VK_ESCAPE);
        DialogFixture question = unsavedQuestion();
        assertEquals("Save the changes to 'work2' before closing?",
                GuiActionRunner.execute(() -> ((JOptionPane) ((JDialog) question.target()).getContentPane().getComponent(0)).getMessage()));
        Screenshots.save(question.target(), "editor-unsaved");
        question.pressAndReleaseKey(alt(KeyEvent.VK_C));
        assertTrue(editorOpen(), "Cancel keeps editing");
        dialog.textBox("tunnelName").requireText("work2");

        // The window's close button asks too; Discard closes without saving.
        dialog.close();
        unsavedQuestion().pressAndReleaseKey(alt(KeyEvent.VK_D));
        assertFalse(editorOpen());
        assertEquals(List.of(), saved);

        // The Cancel button (its mnemonic, from the keyboard) asks too; Save saves and closes.
        open(dark, "work", VALID);
        String edited = VALID.replace("Endpoint = 192.0.2.1:51820", "Endpoint = 192.0.2.9:51820");
        retype(edited);
        dialog.button("cancel").pressAndReleaseKey(alt(KeyEvent.VK_C));
        unsavedQuestion().pressAndReleaseKey(alt(KeyEvent.VK_S));
        robot.waitForIdle();
        assertEquals(List.of("work|" + edited), saved);
        assertFalse(editorOpen());
    }

    @Test
    void derivedPublicKeyIgnoresOtherSectionsAndBadValues() {
        assertEquals(PRIVATE.publicKey().toBase64(), TunnelEditor.derivePublicKey(VALID).orElseThrow());
        assertTrue(TunnelEditor.derivePublicKey("[Peer]\nPrivateKey = " + PRIVATE.toBase64()).isEmpty());
        assertTrue(TunnelEditor.derivePublicKey("[Interface]\nPrivateKey = abc").isEmpty());
    }
}
