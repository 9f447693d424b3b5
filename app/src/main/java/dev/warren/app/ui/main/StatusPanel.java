package dev.warren.app.ui.main;

import java.awt.Dimension;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.Scrollable;
import javax.swing.SwingConstants;
import javax.swing.UIManager;

/**
 * Shows a {@link StatusView}: one titled group per interface or peer, labels on the left, values on the right.
 * Values are read-only, wrapping text areas so keys and addresses can be selected and copied and a long error
 * wraps instead of being cut off; the panel follows its viewport's width for that. A refresh with the same rows
 * only replaces the texts, so the once-a-second update neither flickers nor loses a selection.
 */
public final class StatusPanel extends JPanel implements Scrollable {

    private StatusView shown = new StatusView(List.of());
    private final List<List<JTextArea>> values = new ArrayList<>();

    public StatusPanel() {
        setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
        setName("statusPanel");
    }

    public void show(StatusView view) {
        if (view.sameShape(shown) && !values.isEmpty()) {
            for (int g = 0; g < view.groups().size(); g++) {
                List<StatusView.Field> fields = view.groups().get(g).fields();
                for (int i = 0; i < fields.size(); i++) {
                    JTextArea field = values.get(g).get(i);
                    if (!field.getText().equals(fields.get(i).value())) {
                        field.setText(fields.get(i).value());
                        field.setCaretPosition(0);
                    }
                }
            }
            shown = view;
            return;
        }
        removeAll();
        values.clear();
        List<JLabel> labels = new ArrayList<>();
        int peer = 0;
        for (int g = 0; g < view.groups().size(); g++) {
            StatusView.Group group = view.groups().get(g);
            String prefix = g == 0 ? "interface" : "peer" + peer++;
            add(group(group, prefix, labels));
        }
        // One label column across all groups, so the values line up from the interface down to the last peer.
        int width = labels.stream().mapToInt(l -> l.getPreferredSize().width).max().orElse(0);
        for (JLabel l : labels) {
            l.setPreferredSize(new Dimension(width, l.getPreferredSize().height));
            l.setHorizontalAlignment(JLabel.TRAILING);
        }
        shown = view;
        revalidate();
        repaint();
    }

    private JPanel group(StatusView.Group group, String prefix, List<JLabel> labels) {
        JPanel p = new JPanel(new GridBagLayout());
        p.setName(prefix);
        p.setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createTitledBorder(BorderFactory.createMatteBorder(1, 0, 0, 0,
                        UIManager.getColor("Separator.foreground")), group.title()),
                BorderFactory.createEmptyBorder(2, 4, 6, 4)));
        p.setAlignmentX(LEFT_ALIGNMENT);
        List<JTextArea> fields = new ArrayList<>();
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(2, 4, 2, 4);
        int row = 0;
        for (StatusView.Field f : group.fields()) {
            JLabel label = new JLabel(f.label() + ":");
            label.setFont(label.getFont().deriveFont(Font.BOLD));
            labels.add(label);
            c.gridx = 0;
            c.gridy = row;
            c.weightx = 0;
            c.anchor = GridBagConstraints.FIRST_LINE_END;
            c.fill = GridBagConstraints.NONE;
            p.add(label, c);
            JTextArea value = new JTextArea(f.value());
            value.setName(prefix + "." + f.label());
            value.setEditable(false);
            value.setLineWrap(true);
            value.setWrapStyleWord(false);
            value.setFont(UIManager.getFont("Label.font"));
            value.setBorder(BorderFactory.createEmptyBorder());
            value.setOpaque(false);
            value.setCaretPosition(0);
            value.getAccessibleContext().setAccessibleName(f.label());
            label.setLabelFor(value);
            c.gridx = 1;
            c.weightx = 1;
            c.anchor = GridBagConstraints.LINE_START;
            c.fill = GridBagConstraints.HORIZONTAL;
            p.add(value, c);
            fields.add(value);
            row++;
        }
        values.add(fields);
        return p;
    }

    @Override
    public Dimension getPreferredScrollableViewportSize() {
        return getPreferredSize();
    }

    @Override
    public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
        return 16;
    }

    @Override
    public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
        return Math.max(16, orientation == SwingConstants.VERTICAL ? visible.height - 16 : visible.width - 16);
    }

    /** Always as wide as the view, so values wrap rather than scroll sideways. */
    @Override
    public boolean getScrollableTracksViewportWidth() {
        return true;
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
        return false;
    }
}
