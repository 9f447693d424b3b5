package dev.warren.app.ui.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.swing.JFrame;
import javax.swing.JLabel;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.Test;

/** The checker every GUI test relies on must itself catch a background thread touching a showing component. */
@GuiTest
class EdtViolationsTest {

    @Test
    void aRepaintFromABackgroundThreadIsRecorded() throws Exception {
        JLabel label = GuiActionRunner.execute(() -> new JLabel("x"));
        JFrame frame = GuiActionRunner.execute(() -> {
            JFrame f = new JFrame("edt");
            f.add(label);
            f.pack();
            f.setVisible(true);
            return f;
        });
        try {
            EdtViolations checker = EdtViolations.install();
            checker.drain();
            Thread t = new Thread(() -> label.setText("changed off the EDT"), "background-worker");
            t.start();
            t.join();
            List<Throwable> found = checker.drain();
            assertTrue(!found.isEmpty(), "the off-EDT change was caught");
            assertEquals("Swing touched off the EDT on thread 'background-worker': javax.swing.JLabel",
                    found.getFirst().getMessage());
            GuiActionRunner.execute(() -> label.setText("changed on the EDT"));
            assertEquals(List.of(), checker.drain());
        } finally {
            GuiActionRunner.execute(frame::dispose);
        }
    }
}
