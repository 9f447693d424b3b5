package dev.warren.app.ui.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.theme.Theme;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JFrame;
import javax.swing.JScrollBar;
import javax.swing.JScrollPane;
import javax.swing.SwingUtilities;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JFileChooserFinder;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.fixture.JFileChooserFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following the log (new lines scroll the view only while the user is at the bottom), hover, saving. */
@GuiTest
class LogPanelGuiTest {

    private Robot robot;
    private LogPanel panel;

    @BeforeEach
    void setUp() {
        robot = BasicRobot.robotWithNewAwtHierarchy();
        panel = GuiActionRunner.execute(() -> {
            Theme.install(false);
            LogPanel p = new LogPanel(new LogTableModel(10_000));
            JFrame f = new JFrame("log");
            f.add(p);
            f.setSize(700, 300);
            return p;
        });
        new FrameFixture(robot, (JFrame) SwingUtilities.getWindowAncestor(panel)).show();
    }

    @AfterEach
    void tearDown() {
        robot.cleanUp();
    }

    private void append(int from, int count) {
        List<LogRow> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            rows.add(new LogRow(Instant.ofEpochSecond(1_800_000_000L + i), i % 2 == 0 ? "manager" : "wg0", "line " + i));
        }
        GuiActionRunner.execute(() -> panel.append(rows));
        robot.waitForIdle();
    }

    private JScrollBar bar() {
        return ((JScrollPane) SwingUtilities.getAncestorOfClass(JScrollPane.class, panel.table())).getVerticalScrollBar();
    }

    @Test
    void followsNewLinesOnlyWhileAtTheBottom() {
        append(0, 200);
        assertTrue(GuiActionRunner.execute(panel::atBottom), "a fresh view follows the log");
        append(200, 50);
        assertTrue(GuiActionRunner.execute(panel::atBottom), "still following");
        int lastVisible = GuiActionRunner.execute(() -> panel.table().rowAtPoint(
                new Point(0, panel.table().getVisibleRect().y + panel.table().getVisibleRect().height - 2)));
        assertEquals(249, lastVisible);

        GuiActionRunner.execute(() -> bar().setValue(0));
        robot.waitForIdle();
        append(250, 50);
        assertFalse(GuiActionRunner.execute(panel::atBottom), "reading older lines is not interrupted");
        assertEquals(0, (int) GuiActionRunner.execute(() -> bar().getValue()));
    }

    @Test
    void theSourceChoicesGrowAsSourcesAppear() {
        append(0, 2);
        var combo = new FrameFixture(robot, (JFrame) SwingUtilities.getWindowAncestor(panel)).comboBox("logSource");
        assertEquals(List.of(LogPanel.ALL_SOURCES, "manager", "wg0"), List.of(combo.contents()));
        combo.selectItem("wg0");
        append(2, 2);
        assertEquals("wg0", combo.selectedItem(), "a new source keeps the user's choice");
        assertEquals(2, (int) GuiActionRunner.execute(() -> panel.table().getRowCount()));
    }

    @Test
    void aCutMessageShowsWholeOnHover() {
        String longMessage = "handshake did not complete after 5 seconds, retrying with endpoint 192.0.2.44:51820 "
                + "because the peer did not answer; check that its <public key> & endpoint are right ".repeat(2);
        GuiActionRunner.execute(() -> panel.append(List.of(
                new LogRow(Instant.ofEpochSecond(1_800_000_000L), "wg0", "short"),
                new LogRow(Instant.ofEpochSecond(1_800_000_001L), "wg0", longMessage))));
        robot.waitForIdle();
        assertEquals(null, tooltipAt(0));
        String tip = tooltipAt(1);
        assertTrue(tip.startsWith("<html>") && tip.contains(longMessage.replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;")), tip);
    }

    private String tooltipAt(int row) {
        return GuiActionRunner.execute(() -> {
            Rectangle cell = panel.table().getCellRect(row, 2, true);
            return panel.table().getToolTipText(new MouseEvent(panel.table(), MouseEvent.MOUSE_MOVED, 0, 0,
                    cell.x + 4, cell.y + cell.height / 2, 0, false));
        });
    }

    @Test
    void savingAsksBeforeReplacingAFileAndReplacesItWhole(@TempDir Path dir) throws Exception {
        append(0, 3);
        Path target = Files.writeString(dir.resolve("old.txt"), "earlier content");
        FrameFixture frame = new FrameFixture(robot, (JFrame) SwingUtilities.getWindowAncestor(panel));

        frame.button("logSave").click();
        chooseFile(target);
        JOptionPaneFixture replace = JOptionPaneFinder.findOptionPane().using(robot);
        assertEquals("old.txt exists. Replace it?", GuiActionRunner.execute(() -> String.valueOf(replace.target().getMessage())));
        replace.noButton().click();
        robot.waitForIdle();
        assertEquals("earlier content", Files.readString(target));

        frame.button("logSave").click();
        chooseFile(target);
        JOptionPaneFinder.findOptionPane().using(robot).yesButton().click();
        String expected = "";
        for (int i = 0; i < 3; i++) {
            expected += new LogRow(Instant.ofEpochSecond(1_800_000_000L + i), i % 2 == 0 ? "manager" : "wg0", "line " + i)
                    .toLine() + System.lineSeparator();
        }
        String want = expected;
        Pause.pause(new Condition("the log is written") {
            @Override
            public boolean test() {
                try {
                    return Files.readString(target).equals(want);
                } catch (java.io.IOException e) {
                    return false;
                }
            }
        }, Timeout.timeout(10_000));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(target), left.toList(), "no temporary file is left behind");
        }
    }

    private void chooseFile(Path target) {
        JFileChooserFixture chooser = JFileChooserFinder.findFileChooser("logSaveChooser").using(robot);
        assertTrue(chooser.fileNameTextBox().text().matches("warren-log-\\d{8}-\\d{6}\\.txt"), chooser.fileNameTextBox().text());
        GuiActionRunner.execute(() -> {
            chooser.target().setCurrentDirectory(target.getParent().toFile());
            chooser.target().setSelectedFile(target.toFile());
            return null;
        });
        chooser.approve();
    }
}
