package dev.warren.app.ui;

import dev.warren.app.ui.testing.RunningGui;
import dev.warren.app.ui.testing.Screenshots;
import dev.warren.app.ui.theme.ThemeChoice;
import java.awt.Component;
import java.awt.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.swing.AbstractButton;
import javax.swing.JTextArea;

/**
 * Runs the GUI in a child JVM as an operator (a non-root user in the operator group) and writes down what it
 * shows, for {@link OperatorGuiTest}: the window title, the visible buttons and menu items, and the status rows
 * of the given tunnel. Arguments: socket, tunnel name, output directory, theme.
 */
public final class OperatorProbe {

    private OperatorProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        String tunnel = args[1];
        Path out = Path.of(args[2]);
        ThemeChoice theme = ThemeChoice.valueOf(args[3]);
        List<String> facts = new ArrayList<>();
        try (RunningGui gui = new RunningGui(socket, theme)) {
            RunningGui.await("connected", () -> gui.app.session().isConnected());
            RunningGui.await("listed", () -> gui.window.list("tunnelList").target().getModel().getSize() > 0);
            gui.window.list("tunnelList").selectItem(tunnel);
            RunningGui.await("status shown", () -> !gui.window.textBox("interface.Status").target().getText().isEmpty());
            RunningGui.await("stored config read", () -> gui.app.window().getTitle().contains("operator"));
            facts.add("title=" + RunningGui.onEdt(() -> gui.app.window().getTitle()));
            facts.add("role=" + gui.app.session().info().orElseThrow().role());
            TreeSet<String> buttons = new TreeSet<>();
            TreeSet<String> fields = new TreeSet<>();
            RunningGui.onEdt(() -> {
                collect(gui.app.window().getContentPane(), buttons, fields);
                for (int i = 0; i < gui.app.window().getJMenuBar().getMenuCount(); i++) {
                    collect(gui.app.window().getJMenuBar().getMenu(i).getPopupMenu(), buttons, fields);
                }
                return null;
            });
            buttons.forEach(b -> facts.add("button=" + b));
            fields.forEach(f -> facts.add("field=" + f));
            Screenshots.save(gui.app.window(), "operator", out);
        }
        Files.write(out.resolve("facts-" + theme + ".txt"), facts);
        System.exit(0);
    }

    private static void collect(Container c, TreeSet<String> buttons, TreeSet<String> fields) {
        for (Component child : c.getComponents()) {
            if (child instanceof AbstractButton b && b.isVisible() && b.getText() != null && !b.getText().isEmpty()) {
                buttons.add(b.getText() + (b.isEnabled() ? "" : " (disabled)"));
            }
            if (child instanceof JTextArea f && f.isShowing() && f.getName() != null && f.getName().contains(".")) {
                fields.add(f.getName());
            }
            if (child instanceof Container inner) {
                collect(inner, buttons, fields);
            }
        }
    }
}
