package dev.warren.app.ui.testing;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;

/** Showing a dialog so that the robot can drive it at once. */
public final class Dialogs {

    private Dialogs() {
    }

    /**
     * Shows the dialog and waits for its focus: showing on the Java side comes before the X server maps the window,
     * and a click before that goes to whatever was there. Focus arrives once it is mapped.
     */
    public static void showFocused(DialogFixture dialog) {
        dialog.show();
        Pause.pause(new Condition("the dialog has the focus") {
            @Override
            public boolean test() {
                return GuiActionRunner.execute(() -> dialog.target().isFocused());
            }
        }, Timeout.timeout(5_000));
    }
}
