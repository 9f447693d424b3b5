package dev.warren.app.ui.editor;

import dev.warren.app.ui.Keys;
import dev.warren.app.ui.theme.UiPreferences;
import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.core.config.Key;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelName;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.UIManager;
import javax.swing.event.CaretEvent;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * Creates or edits one tunnel: its name (checked as typed, including against the other tunnels' names), the
 * public key derived live from the private key in the text, the config text with highlighting and inline
 * errors, and the kill-switch ("Block untunneled traffic", "Allow local network"). For a config WireGuard for
 * Windows offers the same checkbox for (one peer routing everything), blocking is toggled its way, by spelling the
 * routes as /0 or as two /1 halves ({@link FullTunnelRoutes}), so the file means the same in both; otherwise, and
 * for the local network, it is stored in the text as Warren's comment directives. Save refuses an invalid config or a taken name with a message saying what to fix; the save
 * itself goes to the manager through {@link Saver}, and the dialog closes only when the manager accepted it.
 */
public final class TunnelEditor extends JDialog {

    /** Stores the edit; reports back on the event dispatch thread with null on success or the manager's message. */
    @FunctionalInterface
    public interface Saver {
        void save(String name, String text, Consumer<String> done);
    }

    private final JTextField name = new JTextField(24);
    private final JTextField publicKey = new JTextField(44);
    private final ConfigTextPane text;
    private final JCheckBox blockUntunneled = new JCheckBox("Block untunneled traffic (kill-switch)");
    private final JCheckBox allowLocalNetwork = new JCheckBox("Allow local network");
    private final JTextArea status = new JTextArea(2, 40);
    private final JButton save = new JButton("Save");
    private final Set<String> takenNames;
    private final Saver saver;
    private boolean updatingCheckbox;
    /** Whether the text's routes carry the blocking setting, as in WireGuard for Windows, rather than a directive. */
    private boolean blockingInRoutes;
    private boolean saving;
    /** The name and text as opened, to tell whether closing would lose edits. */
    private String savedName;
    private String savedText;
    /** Why the last Save was refused; stays in the status line until the name or the text changes. */
    private String refusal;

    /**
     * @param title      window title ("Create new tunnel", "Edit tunnel")
     * @param takenNames the names of the other tunnels (not this one's own)
     */
    public TunnelEditor(Window owner, String title, String initialName, String initialText, Set<String> takenNames, Saver saver) {
        super(owner, title, ModalityType.APPLICATION_MODAL);
        this.takenNames = takenNames;
        this.saver = saver;
        setName("tunnelEditor");
        text = new ConfigTextPane(initialName.isEmpty() ? "tunnel.conf" : initialName + ".conf");

        name.setName("tunnelName");
        name.setText(initialName);
        publicKey.setName("publicKey");
        publicKey.setEditable(false);
        publicKey.getAccessibleContext().setAccessibleName("Public key");
        blockUntunneled.setName("blockUntunneled");
        blockUntunneled.setMnemonic(KeyEvent.VK_B);
        blockUntunneled.addActionListener(e -> toggleBlocking());
        allowLocalNetwork.setName("allowLocalNetwork");
        allowLocalNetwork.setMnemonic(KeyEvent.VK_L);
        allowLocalNetwork.setToolTipText("Printers, file shares and other machines on the networks this computer is "
                + "directly connected to stay reachable (DNS still goes through the tunnel).");
        allowLocalNetwork.addActionListener(e -> toggleAllowLocalNetwork());
        status.setName("editorStatus");
        // A read-only, wrapping, label-like area: long parser messages stay whole instead of being cut off.
        status.setEditable(false);
        status.setFocusable(false);
        status.setLineWrap(true);
        status.setWrapStyleWord(true);
        status.setOpaque(false);
        status.setBorder(BorderFactory.createEmptyBorder());
        status.setFont(UIManager.getFont("Label.font"));
        status.getAccessibleContext().setAccessibleName("Status");

        JLabel nameLabel = new JLabel("Name:");
        nameLabel.setDisplayedMnemonic('N');
        nameLabel.setLabelFor(name);
        JLabel keyLabel = new JLabel("Public key:");
        keyLabel.setDisplayedMnemonic('P');
        keyLabel.setLabelFor(publicKey);

        JPanel head = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(3, 0, 3, 8);
        c.anchor = GridBagConstraints.LINE_END;
        head.add(nameLabel, c);
        c.gridx = 1;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.anchor = GridBagConstraints.LINE_START;
        head.add(name, c);
        c.gridx = 0;
        c.gridy = 1;
        c.weightx = 0;
        c.fill = GridBagConstraints.NONE;
        c.anchor = GridBagConstraints.LINE_END;
        head.add(keyLabel, c);
        c.gridx = 1;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.anchor = GridBagConstraints.LINE_START;
        head.add(publicKey, c);

        JScrollPane scroll = new JScrollPane(text);
        scroll.setRowHeaderView(new LineNumbers(text));
        scroll.setPreferredSize(new Dimension(620, 360));

        JButton cancel = new JButton(Keys.action("Cancel", 'C', null, e -> close()));
        cancel.setName("cancel");
        save.setName("save");
        save.setMnemonic(KeyEvent.VK_S);
        save.addActionListener(e -> trySave());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 0));
        buttons.add(save);
        buttons.add(cancel);
        JPanel foot = new JPanel(new BorderLayout(8, 6));
        JPanel killSwitch = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        killSwitch.add(blockUntunneled);
        killSwitch.add(Box.createHorizontalStrut(16));
        killSwitch.add(allowLocalNetwork);
        foot.add(killSwitch, BorderLayout.NORTH);
        foot.add(status, BorderLayout.CENTER);
        foot.add(buttons, BorderLayout.EAST);

        JPanel content = new JPanel(new BorderLayout(0, 8));
        content.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        content.add(head, BorderLayout.NORTH);
        content.add(scroll, BorderLayout.CENTER);
        content.add(foot, BorderLayout.SOUTH);
        setContentPane(content);
        getRootPane().setDefaultButton(null);
        Action saveAction = Keys.action("Save", 'S', Keys.ctrl('S'), e -> trySave());
        Action close = Keys.action("Close", 'C', Keys.key(KeyEvent.VK_ESCAPE), e -> close());
        Keys.bind(getRootPane(), saveAction, close);
        getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(Keys.key(KeyEvent.VK_ESCAPE), "Close");

        name.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                nameEdited();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                nameEdited();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                nameEdited();
            }
        });
        text.onCheck(this::checked);
        text.addCaretListener((CaretEvent e) -> refreshStatus());
        text.setConfigText(initialText);
        text.setCaretPosition(0);
        savedName = initialName.strip();
        savedText = text.getText();
        setDefaultCloseOperation(DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                close();
            }
        });
        pack();
        setMinimumSize(new Dimension(Math.min(getWidth(), 560), Math.min(getHeight(), 400)));
        UiPreferences.rememberDialogBounds(this, "editor");
    }

    /** Esc, Cancel and the window's close button: closes, asking first when there are edits to lose. */
    private void close() {
        if (saving) {
            return;
        }
        boolean edited = !name.getText().strip().equals(savedName) || !text.getText().equals(savedText);
        if (!edited) {
            dispose();
            return;
        }
        switch (askSaveChanges()) {
            case SAVE -> trySave();
            case DISCARD -> dispose();
            case KEEP_EDITING -> { }
        }
    }

    private enum CloseChoice { SAVE, DISCARD, KEEP_EDITING }

    /** Save, Discard or Cancel, each with a mnemonic; Esc or closing the question keeps editing. */
    private CloseChoice askSaveChanges() {
        JOptionPane pane = new JOptionPane("Save the changes to '" + (name.getText().isBlank() ? "this tunnel"
                : name.getText().strip()) + "' before closing?", JOptionPane.WARNING_MESSAGE, JOptionPane.DEFAULT_OPTION);
        JButton saveChoice = choice(pane, "Save", KeyEvent.VK_S, CloseChoice.SAVE);
        JButton discard = choice(pane, "Discard", KeyEvent.VK_D, CloseChoice.DISCARD);
        JButton keep = choice(pane, "Cancel", KeyEvent.VK_C, CloseChoice.KEEP_EDITING);
        pane.setOptions(new Object[] {saveChoice, discard, keep});
        pane.setInitialValue(saveChoice);
        JDialog question = pane.createDialog(this, "Unsaved changes");
        question.setName("unsavedChanges");
        question.setVisible(true);
        question.dispose();
        return pane.getValue() instanceof CloseChoice c ? c : CloseChoice.KEEP_EDITING;
    }

    private static JButton choice(JOptionPane pane, String label, int mnemonic, CloseChoice value) {
        JButton b = new JButton(label);
        b.setName("unsaved" + label);
        b.setMnemonic(mnemonic);
        b.addActionListener(e -> pane.setValue(value));
        return b;
    }

    private void checked(ParseResult result) {
        refusal = null;
        publicKey.setText(derivePublicKey(text.getText()).orElse(""));
        updatingCheckbox = true;
        if (result instanceof ParseResult.Valid v) {
            // Valid here means the directives read too (the pane checks them with the parser).
            KillSwitchSetting setting = KillSwitchSetting.read(text.getText(), v.config());
            blockingInRoutes = FullTunnelRoutes.blocking(v.config()).isPresent();
            blockUntunneled.setSelected(setting.blockUntunneledTraffic());
            allowLocalNetwork.setSelected(setting.allowLocalNetwork());
            blockUntunneled.setEnabled(true);
            blockUntunneled.setToolTipText("<html>While the tunnel is up, nothing leaves or enters outside it except its "
                    + "own UDP, DHCP and neighbour discovery; DNS goes only through the tunnel.<br>" + (blockingInRoutes
                    ? "As in WireGuard for Windows, this routes everything as 0.0.0.0/0 and ::/0 (blocking) or as two /1 "
                    + "halves each (not blocking)." : "Stored as a Warren comment line, which other WireGuard apps ignore.")
                    + "</html>");
        } else {
            blockUntunneled.setEnabled(false);
            blockUntunneled.setToolTipText("Available once the configuration is valid.");
        }
        updatingCheckbox = false;
        allowLocalNetwork.setEnabled(blockUntunneled.isEnabled() && blockUntunneled.isSelected());
        refreshStatus();
    }

    private void nameEdited() {
        refusal = null;
        refreshStatus();
    }

    private void toggleBlocking() {
        if (updatingCheckbox) {
            return;
        }
        boolean block = blockUntunneled.isSelected();
        String current = text.getText();
        // With the routes carrying it, a directive would only make the file mean something else elsewhere.
        text.setConfigText(blockingInRoutes
                ? FullTunnelRoutes.withBlocking(KillSwitchSetting.withoutBlockDirective(current), block)
                : new KillSwitchSetting(block, allowLocalNetwork.isSelected()).writeTo(current));
    }

    private void toggleAllowLocalNetwork() {
        if (!updatingCheckbox) {
            text.setConfigText(KillSwitchSetting.writeAllowLocalNetwork(text.getText(), allowLocalNetwork.isSelected()));
        }
    }

    /**
     * The public key of the {@code PrivateKey} in the text's {@code [Interface]} section, when that value is a
     * valid key — derived from the text itself so it updates while the rest of the config is still invalid.
     */
    static Optional<String> derivePublicKey(String configText) {
        boolean inInterface = false;
        var tokens = ConfigLexer.tokens(configText);
        for (int i = 0; i < tokens.size(); i++) {
            SyntaxToken t = tokens.get(i);
            String s = configText.substring(t.start(), t.end());
            if (t.kind() == SyntaxToken.Kind.SECTION) {
                inInterface = s.equalsIgnoreCase("[Interface]");
            } else if (inInterface && t.kind() == SyntaxToken.Kind.KEY && s.equalsIgnoreCase("PrivateKey")
                    && i + 2 < tokens.size() && tokens.get(i + 2).kind() == SyntaxToken.Kind.VALUE) {
                SyntaxToken v = tokens.get(i + 2);
                try {
                    return Optional.of(Key.fromBase64(Key.Kind.PRIVATE, configText.substring(v.start(), v.end()))
                            .publicKey().toBase64());
                } catch (IllegalArgumentException notAKey) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Why the name cannot be saved, or null. */
    private String nameProblem() {
        String n = name.getText().strip();
        String p = TunnelName.problem(n);
        if (p != null) {
            return p.substring(0, 1).toUpperCase(Locale.ROOT) + p.substring(1) + ".";
        }
        boolean taken = takenNames.stream().anyMatch(t -> t.equalsIgnoreCase(n));
        return taken ? "Another tunnel is already called '" + n + "'; choose another name." : null;
    }

    private void refreshStatus() {
        if (saving) {
            return;
        }
        if (refusal != null) {
            showStatus(refusal, true);
            return;
        }
        String nameProblem = nameProblem();
        name.putClientProperty("JComponent.outline", nameProblem == null ? null : "error");
        var problems = text.problems();
        if (nameProblem != null) {
            showStatus(nameProblem, true);
        } else if (!problems.isEmpty()) {
            ConfigProblem shown = text.problemAt(text.getCaretPosition()).orElse(problems.getFirst());
            showStatus((problems.size() > 1 ? problems.size() + " errors. " : "") + shown.describe(), true);
        } else {
            showStatus("The configuration is valid.", false);
        }
    }

    private void refuse(String message) {
        refusal = message;
        showStatus(message, true);
    }

    private void showStatus(String message, boolean error) {
        status.setText(message);
        // The squiggle's red: readable on both themes' backgrounds, where FlatLaf's error border colour is too dark.
        Color c = error ? ConfigTextPane.errorColour() : UIManager.getColor("Label.disabledForeground");
        status.setForeground(c != null ? c : Color.GRAY);
    }

    private void trySave() {
        if (saving) {
            return;
        }
        String nameProblem = nameProblem();
        ParseResult result = text.result();
        if (nameProblem != null) {
            refuse("Not saved: " + nameProblem);
            name.requestFocusInWindow();
            return;
        }
        if (!result.errors().isEmpty()) {
            ConfigProblem first = text.problems().getFirst();
            refuse("Not saved: the configuration has " + (result.errors().size() == 1 ? "an error" : result.errors().size() + " errors")
                    + ". " + first.describe());
            text.requestFocusInWindow();
            text.setCaretPosition(first.start());
            return;
        }
        saving = true;
        save.setEnabled(false);
        showStatus("Saving…", false);
        saver.save(name.getText().strip(), text.getText(), error -> {
            saving = false;
            save.setEnabled(true);
            if (error == null) {
                dispose();
            } else {
                refuse("Not saved: " + error);
            }
        });
    }

    /** A new tunnel's starting text: an interface with a freshly generated private key, as WireGuard's UIs offer. */
    public static String emptyConfig() {
        return "[Interface]\nPrivateKey = " + Key.generatePrivate().toBase64() + "\n";
    }
}
