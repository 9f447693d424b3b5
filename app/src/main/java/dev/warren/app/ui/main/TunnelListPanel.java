package dev.warren.app.ui.main;

import dev.warren.app.ipc.TunnelSummary;
import java.awt.BorderLayout;
import java.awt.Component;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.swing.BorderFactory;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The tunnel list: the manager's tunnels in natural order with a state icon each, several selectable at once,
 * narrowed by a filter box. Selection survives list updates by name.
 */
public final class TunnelListPanel extends JPanel {

    private final DefaultListModel<TunnelSummary> model = new DefaultListModel<>();
    private final JList<TunnelSummary> list = new JList<>(model);
    private final JTextField filter = new JTextField();
    private final List<Runnable> selectionListeners = new ArrayList<>();
    private List<TunnelSummary> all = List.of();
    private boolean refilling;

    public TunnelListPanel() {
        super(new BorderLayout(0, 6));
        list.setName("tunnelList");
        list.setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
        list.getAccessibleContext().setAccessibleName("Tunnels");
        list.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> l, Object value, int index, boolean selected, boolean focus) {
                TunnelSummary t = (TunnelSummary) value;
                JLabel label = (JLabel) super.getListCellRendererComponent(l, t.name(), index, selected, focus);
                label.setIcon(TunnelIcons.row(t.state()));
                label.setIconTextGap(8);
                label.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
                label.setToolTipText(StatusView.status(t));
                return label;
            }
        });
        filter.setName("tunnelFilter");
        filter.putClientProperty("JTextField.placeholderText", "Filter tunnels");
        filter.putClientProperty("JTextField.showClearButton", true);
        filter.getAccessibleContext().setAccessibleName("Filter tunnels");
        filter.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                refill();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                refill();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                refill();
            }
        });
        list.addListSelectionListener(e -> {
            if (!refilling && !e.getValueIsAdjusting()) {
                selectionListeners.forEach(Runnable::run);
            }
        });
        add(filter, BorderLayout.NORTH);
        add(new JScrollPane(list), BorderLayout.CENTER);
    }

    public JList<TunnelSummary> tunnelList() {
        return list;
    }

    public JTextField filterField() {
        return filter;
    }

    /** Shows a new tunnel list (already naturally sorted), keeping the selected names selected. */
    public void setTunnels(List<TunnelSummary> tunnels) {
        all = tunnels;
        refill();
    }

    /** Runs when the user (or a refill) changes which tunnels are selected; not for intermediate states. */
    public void onSelectionChange(Runnable r) {
        selectionListeners.add(r);
    }

    private void refill() {
        List<String> before = selectedNames();
        refilling = true;
        try {
            fill(new HashSet<>(before));
        } finally {
            refilling = false;
        }
        if (!before.equals(selectedNames())) {
            selectionListeners.forEach(Runnable::run);
        }
    }

    private void fill(Set<String> selected) {
        String needle = filter.getText().strip().toLowerCase(Locale.ROOT);
        List<TunnelSummary> shown = all.stream()
                .filter(t -> needle.isEmpty() || t.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
        int lead = list.getLeadSelectionIndex();
        model.clear();
        model.addAll(shown);
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            if (selected.contains(shown.get(i).name())) {
                indices.add(i);
            }
        }
        if (indices.isEmpty() && !shown.isEmpty()) {
            indices.add(Math.max(0, Math.min(lead, shown.size() - 1)));
        }
        list.setSelectedIndices(indices.stream().mapToInt(Integer::intValue).toArray());
    }

    public List<String> selectedNames() {
        return list.getSelectedValuesList().stream().map(TunnelSummary::name).toList();
    }

    public List<TunnelSummary> selected() {
        return list.getSelectedValuesList();
    }

    public void select(String name) {
        for (int i = 0; i < model.size(); i++) {
            if (model.get(i).name().equals(name)) {
                list.setSelectedIndex(i);
                list.ensureIndexIsVisible(i);
                return;
            }
        }
    }

    public void selectAll() {
        if (model.size() > 0) {
            list.setSelectionInterval(0, model.size() - 1);
        }
    }
}
