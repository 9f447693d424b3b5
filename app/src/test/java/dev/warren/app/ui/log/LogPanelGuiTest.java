package dev.warren.app.ui.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.theme.Theme;
import java.awt.Point;
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
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following the log: new lines scroll the view only while the user is at the bottom. */
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
}
