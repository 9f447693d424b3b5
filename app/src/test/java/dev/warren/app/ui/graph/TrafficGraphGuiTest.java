package dev.warren.app.ui.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.testing.Screenshots;
import dev.warren.app.ui.theme.Theme;
import java.awt.BorderLayout;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@GuiTest
class TrafficGraphGuiTest {

    private Robot robot;

    @BeforeEach
    void setUp() {
        robot = BasicRobot.robotWithNewAwtHierarchy();
    }

    @AfterEach
    void tearDown() {
        robot.cleanUp();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void drawsBothDirectionsInEitherTheme(boolean dark) throws Exception {
        TrafficGraph graph = GuiActionRunner.execute(() -> {
            Theme.install(dark);
            TrafficHistory h = new TrafficHistory(60);
            for (int i = 0; i <= 60; i++) {
                h.sample(i * 1_000_000_000L, (long) i * i * 900, (long) i * 40_000);
            }
            TrafficGraph g = new TrafficGraph(h);
            JFrame f = new JFrame("graph");
            f.getContentPane().add(g, BorderLayout.CENTER);
            f.setSize(420, 160);
            return g;
        });
        FrameFixture frame = new FrameFixture(robot, (JFrame) GuiActionRunner.execute(() -> SwingUtilities.getWindowAncestor(graph)));
        frame.show();
        var file = Screenshots.save(graph, "traffic-graph");
        BufferedImage img = ImageIO.read(file.toFile());
        int background = img.getRGB(img.getWidth() / 2, 30);
        boolean sawCurve = false;
        for (int y = 25; y < img.getHeight() - 2 && !sawCurve; y++) {
            sawCurve = img.getRGB(img.getWidth() - 4, y) != background;
        }
        assertTrue(sawCurve, "the newest sample is drawn at the right edge");
        assertEquals(dark, GuiActionRunner.execute(Theme::isDark));
    }
}
