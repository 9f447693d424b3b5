package dev.warren.app.ui;

import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.Locale;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JComponent;
import javax.swing.KeyStroke;

/** Actions with a mnemonic and an accelerator, the way every command in the GUI is built. */
public final class Keys {

    private Keys() {
    }

    /** The platform's shortcut modifier (Ctrl, or Cmd on macOS) with a letter key. */
    public static KeyStroke ctrl(char letter) {
        return KeyStroke.getKeyStroke(KeyEvent.getExtendedKeyCodeForChar(letter),
                Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx());
    }

    public static KeyStroke key(int keyCode) {
        return KeyStroke.getKeyStroke(keyCode, 0);
    }

    /** An action named {@code name}, underlining {@code mnemonic}, fired by {@code accelerator} (may be null). */
    public static Action action(String name, char mnemonic, KeyStroke accelerator, ActionListener listener) {
        Action a = new AbstractAction(name) {
            @Override
            public void actionPerformed(ActionEvent e) {
                listener.actionPerformed(e);
            }
        };
        a.putValue(Action.MNEMONIC_KEY, KeyEvent.getExtendedKeyCodeForChar(Character.toLowerCase(mnemonic)));
        int index = name.toLowerCase(Locale.ROOT).indexOf(Character.toLowerCase(mnemonic));
        if (index >= 0) {
            a.putValue(Action.DISPLAYED_MNEMONIC_INDEX_KEY, index);
        }
        if (accelerator != null) {
            a.putValue(Action.ACCELERATOR_KEY, accelerator);
        }
        return a;
    }

    /** How a shortcut reads in a tooltip, e.g. "Ctrl+N" or "Delete". */
    public static String describe(KeyStroke ks) {
        String modifiers = InputEvent.getModifiersExText(ks.getModifiers());
        String key = KeyEvent.getKeyText(ks.getKeyCode());
        return modifiers.isEmpty() ? key : modifiers + "+" + key;
    }

    /**
     * Makes each action's accelerator work anywhere inside {@code scope}, even where no menu shows the action
     * (menus handle their own accelerators, but a panel in a tab has none).
     */
    public static void bind(JComponent scope, Action... actions) {
        for (Action a : actions) {
            KeyStroke ks = (KeyStroke) a.getValue(Action.ACCELERATOR_KEY);
            if (ks != null) {
                Object id = a.getValue(Action.NAME);
                scope.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(ks, id);
                scope.getActionMap().put(id, a);
            }
        }
    }
}
