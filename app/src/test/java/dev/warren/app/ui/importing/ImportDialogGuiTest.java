package dev.warren.app.ui.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ui.ManagerSession;
import dev.warren.app.ui.testing.ClipboardPicture;
import dev.warren.app.ui.testing.Dialogs;
import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.testing.Screenshots;
import dev.warren.app.ui.theme.Theme;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JList;
import javax.swing.JScrollPane;
import javax.swing.SwingUtilities;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The import dialog's failures, which never reach the manager (so none runs here): every reason readable whole,
 * and the clipboard read and decoded off the event dispatch thread.
 */
@GuiTest
class ImportDialogGuiTest {

    @TempDir
    Path dir;
    private Robot robot;
    private DialogFixture dialog;

    @BeforeEach
    void setUp() {
        robot = BasicRobot.robotWithNewAwtHierarchy();
    }

    @AfterEach
    void tearDown() {
        robot.cleanUp();
    }

    private ImportDialog open(boolean dark) {
        ImportDialog d = GuiActionRunner.execute(() -> {
            Theme.install(dark);
            return new ImportDialog(null, new ManagerSession(dir.resolve("no-manager.sock")));
        });
        dialog = new DialogFixture(robot, d);
        Dialogs.showFocused(dialog);
        return d;
    }

    private void awaitSummary(String text) {
        Pause.pause(new Condition("the summary says " + text) {
            @Override
            public boolean test() {
                return GuiActionRunner.execute(() -> dialog.label("importSummary").target().getText().equals(text));
            }
        }, Timeout.timeout(10_000));
    }

    private List<String> lines(ImportDialog d) {
        return GuiActionRunner.execute(d::resultLines);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyReasonReadsWholeWithoutScrollingSideways(boolean dark) throws Exception {
        Path broken = Files.writeString(dir.resolve("office.conf"), "[Interface]\nPrivateKey = nope\n");
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path folder = Files.createDirectories(dir.resolve("configs"));
        ImportDialog d = open(dark);
        GuiActionRunner.execute(() -> d.importFiles(List.of(broken, notes, folder)));
        awaitSummary("Imported 0 of 3.");
        String longest = "✗ office.conf: line 2, column 14: 'PrivateKey' is not a valid key: a key is 44 base64 characters "
                + "ending in '=', this has 4 characters";
        assertEquals(longest, lines(d).getLast(), "failures of reading come first, then those of checking");

        @SuppressWarnings("unchecked")
        JList<String> list = (JList<String>) dialog.list("importResults").target();
        JScrollPane scroll = (JScrollPane) SwingUtilities.getAncestorOfClass(JScrollPane.class, list);
        assertFalse(GuiActionRunner.execute(() -> scroll.getHorizontalScrollBar().isShowing()), "no sideways scrolling");
        assertTrue(GuiActionRunner.execute(() -> list.getWidth() <= scroll.getViewport().getWidth()));
        int wrapped = GuiActionRunner.execute(() -> list.getCellBounds(2, 2).height);
        int single = GuiActionRunner.execute(() -> list.getCellBounds(0, 0).height);
        assertTrue(wrapped >= 2 * single - 4, "the long reason wraps onto more lines: " + wrapped + " vs " + single);
        Screenshots.save(d, "import-failures");

        // Wider, the lines wrap again at the new width: the long reason fits on one line.
        GuiActionRunner.execute(() -> {
            d.setSize(1200, d.getHeight());
            d.validate();
        });
        robot.waitForIdle();
        assertEquals(single, (int) GuiActionRunner.execute(() -> list.getCellBounds(2, 2).height));
        assertFalse(GuiActionRunner.execute(() -> scroll.getHorizontalScrollBar().isShowing()));
    }

    @Test
    void theClipboardIsReadAndAPictureDecodedOffTheEventThread() {
        ImportDialog d = open(false);
        AtomicReference<Boolean> readOnEdt = new AtomicReference<>();
        BufferedImage blank = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        GuiActionRunner.execute(() -> Toolkit.getDefaultToolkit().getSystemClipboard()
                .setContents(new ClipboardPicture(blank, readOnEdt::set), null));
        dialog.button("paste").click();
        awaitSummary("Imported 0 of 1.");
        assertEquals(List.of("✗ clipboard picture: contains no readable QR code"), lines(d));
        assertEquals(false, readOnEdt.get(), "the picture was read off the event dispatch thread");

        // Text is read in the background too, then named on the event dispatch thread and checked.
        GuiActionRunner.execute(() -> Toolkit.getDefaultToolkit().getSystemClipboard()
                .setContents(new StringSelection("[Interface]\nPrivateKey = nope\n"), null));
        dialog.button("paste").click();
        JOptionPaneFixture ask = JOptionPaneFinder.findOptionPane().using(robot);
        ask.textBox().enterText("pasted");
        ask.okButton().click();
        awaitSummary("Imported 0 of 2.");
        assertTrue(lines(d).getLast().startsWith("✗ clipboard: line 2, column 14: 'PrivateKey' is not a valid key"),
                lines(d).toString());
    }
}
