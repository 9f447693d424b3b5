package dev.warren.app.ui.log;

import dev.warren.app.ui.FileSaver;
import dev.warren.app.ui.Keys;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Insets;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.awt.event.ActionEvent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollBar;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.RowFilter;
import javax.swing.SwingUtilities;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.table.DefaultTableCellRenderer;
import javax.swing.table.TableRowSorter;

/**
 * The log viewer: the manager's log as a table that follows new lines live — scrolling along only while the user
 * is at the bottom, so reading older lines is never interrupted — with a source filter, a text filter, copying of
 * the selected lines and saving the shown lines to {@code warren-log-<timestamp>.txt}.
 */
public final class LogPanel extends JPanel {

    public static final String ALL_SOURCES = "All sources";
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final LogTableModel model;
    private final JTable table;
    private final JScrollPane scroll;
    private final TableRowSorter<LogTableModel> sorter;
    private final JComboBox<String> source = new JComboBox<>();
    private final JTextField text = new JTextField(18);
    private final JLabel count = new JLabel();
    private final Action copy;
    private final Action save;

    public LogPanel(LogTableModel model) {
        super(new BorderLayout(0, 6));
        this.model = model;
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));

        table = new JTable(model);
        table.setName("logTable");
        table.setFillsViewportHeight(true);
        table.setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
        table.setAutoResizeMode(JTable.AUTO_RESIZE_LAST_COLUMN);
        table.getTableHeader().setReorderingAllowed(false);
        // The time and source columns fit their content; the message takes the rest of the width.
        int timeWidth = table.getFontMetrics(table.getFont()).stringWidth("2026-12-31 23:59:59.999") + 16;
        table.getColumnModel().getColumn(0).setMinWidth(timeWidth);
        table.getColumnModel().getColumn(0).setMaxWidth(timeWidth);
        table.getColumnModel().getColumn(1).setMinWidth(120);
        table.getColumnModel().getColumn(1).setPreferredWidth(140);
        table.getColumnModel().getColumn(1).setMaxWidth(220);
        table.getColumnModel().getColumn(2).setPreferredWidth(600);
        table.getColumnModel().getColumn(2).setCellRenderer(new MessageRenderer());
        sorter = new TableRowSorter<>(model);
        for (int c = 0; c < model.getColumnCount(); c++) {
            sorter.setSortable(c, false);
        }
        table.setRowSorter(sorter);
        scroll = new JScrollPane(table);

        copy = Keys.action("Copy", 'C', Keys.ctrl('C'), this::copySelected);
        copy.putValue(Action.SHORT_DESCRIPTION, "Copy the selected lines");
        save = Keys.action("Save…", 'S', Keys.ctrl('S'), e -> saveShown());
        save.putValue(Action.SHORT_DESCRIPTION, "Save the lines shown to a text file");
        Action selectAll = Keys.action("Select all", 'A', Keys.ctrl('A'), e -> table.selectAll());
        // The table's own Ctrl+C would copy raw cells; route it to the formatted copy.
        table.getActionMap().put("copy", copy);
        Keys.bind(this, copy, save, selectAll);

        JPopupMenu popup = new JPopupMenu();
        popup.add(copy);
        popup.add(selectAll);
        popup.addSeparator();
        popup.add(save);
        table.setComponentPopupMenu(popup);

        source.setName("logSource");
        source.setModel(new DefaultComboBoxModel<>(new String[] {ALL_SOURCES}));
        source.addActionListener(e -> refilter());
        source.getAccessibleContext().setAccessibleName("Source");
        text.setName("logFilter");
        text.putClientProperty("JTextField.placeholderText", "Filter");
        text.putClientProperty("JTextField.showClearButton", true);
        text.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                refilter();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                refilter();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                refilter();
            }
        });
        JLabel sourceLabel = new JLabel("Source:");
        sourceLabel.setDisplayedMnemonic('u');
        sourceLabel.setLabelFor(source);
        JLabel textLabel = new JLabel("Find:");
        textLabel.setDisplayedMnemonic('F');
        textLabel.setLabelFor(text);

        JPanel filters = new JPanel(new FlowLayout(FlowLayout.LEADING, 6, 0));
        filters.add(sourceLabel);
        filters.add(source);
        filters.add(textLabel);
        filters.add(text);
        filters.add(count);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 0));
        JButton copyButton = new JButton(copy);
        copyButton.setName("logCopy");
        JButton saveButton = new JButton(save);
        saveButton.setName("logSave");
        buttons.add(copyButton);
        buttons.add(saveButton);
        JPanel top = new JPanel(new BorderLayout());
        top.add(filters, BorderLayout.WEST);
        top.add(buttons, BorderLayout.EAST);
        add(top, BorderLayout.NORTH);
        add(scroll, BorderLayout.CENTER);
        updateCount();
    }

    public JTable table() {
        return table;
    }

    /** Adds lines from the manager. Call on the event dispatch thread. */
    public void append(List<LogRow> lines) {
        if (lines.isEmpty()) {
            return;
        }
        boolean follow = atBottom();
        List<String> before = model.sources();
        model.append(lines);
        if (!before.equals(model.sources())) {
            Object chosen = source.getSelectedItem();
            List<String> choices = new ArrayList<>();
            choices.add(ALL_SOURCES);
            choices.addAll(model.sources());
            source.setModel(new DefaultComboBoxModel<>(choices.toArray(String[]::new)));
            source.setSelectedItem(chosen);
        }
        updateCount();
        if (follow) {
            SwingUtilities.invokeLater(this::scrollToEnd);
        }
    }

    /** Whether the view shows the last line — the only time new lines scroll it. */
    public boolean atBottom() {
        JScrollBar bar = scroll.getVerticalScrollBar();
        return bar.getValue() + bar.getVisibleAmount() >= bar.getMaximum() - 4;
    }

    private void scrollToEnd() {
        int last = table.getRowCount() - 1;
        if (last >= 0) {
            table.scrollRectToVisible(table.getCellRect(last, 0, true));
        }
    }

    private void refilter() {
        String chosen = (String) source.getSelectedItem();
        String needle = text.getText().strip().toLowerCase(Locale.ROOT);
        List<RowFilter<LogTableModel, Integer>> filters = new ArrayList<>();
        if (chosen != null && !chosen.equals(ALL_SOURCES)) {
            filters.add(new RowFilter<>() {
                @Override
                public boolean include(Entry<? extends LogTableModel, ? extends Integer> e) {
                    return e.getModel().row(e.getIdentifier()).source().equals(chosen);
                }
            });
        }
        if (!needle.isEmpty()) {
            filters.add(new RowFilter<>() {
                @Override
                public boolean include(Entry<? extends LogTableModel, ? extends Integer> e) {
                    LogRow r = e.getModel().row(e.getIdentifier());
                    return r.message().toLowerCase(Locale.ROOT).contains(needle)
                            || r.source().toLowerCase(Locale.ROOT).contains(needle);
                }
            });
        }
        sorter.setRowFilter(filters.isEmpty() ? null : RowFilter.andFilter(filters));
        updateCount();
    }

    private void updateCount() {
        count.setText(table.getRowCount() == model.getRowCount() ? model.getRowCount() + " lines"
                : table.getRowCount() + " of " + model.getRowCount() + " lines");
    }

    private List<LogRow> rows(int[] viewRows) {
        List<LogRow> out = new ArrayList<>(viewRows.length);
        for (int v : viewRows) {
            out.add(model.row(table.convertRowIndexToModel(v)));
        }
        return out;
    }

    private static String text(List<LogRow> rows) {
        StringBuilder sb = new StringBuilder();
        for (LogRow r : rows) {
            sb.append(r.toLine()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private void copySelected(ActionEvent e) {
        int[] selected = table.getSelectedRows();
        if (selected.length > 0) {
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(text(rows(selected))), null);
        }
    }

    /** The file name offered when saving: {@code warren-log-<local timestamp>.txt}. */
    public static String defaultFileName(LocalDateTime now) {
        return "warren-log-" + FILE_STAMP.format(now) + ".txt";
    }

    private void saveShown() {
        int[] all = new int[table.getRowCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        String content = text(rows(all));
        FileSaver saver = new FileSaver(this, "Save log", "logSaveChooser");
        saver.choose(defaultFileName(LocalDateTime.now()))
                .ifPresent(target -> saver.write(target, () -> content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Gives the text filter the focus (Ctrl+F). */
    public void focusFilter() {
        text.requestFocusInWindow();
    }

    /** Shows the whole message on hover when the cell cuts it off with "…". */
    private static final class MessageRenderer extends DefaultTableCellRenderer {
        private static final int TOOLTIP_WIDTH = 520;

        @Override
        public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focus,
                int row, int column) {
            super.getTableCellRendererComponent(table, value, selected, focus, row, column);
            String message = String.valueOf(value);
            Insets insets = getInsets();
            int room = table.getColumnModel().getColumn(column).getWidth() - insets.left - insets.right;
            boolean cut = getFontMetrics(getFont()).stringWidth(message) > room;
            // HTML so that a long message wraps instead of running off the screen.
            setToolTipText(cut ? "<html><p style='width:" + TOOLTIP_WIDTH + "px'>" + escape(message) + "</p></html>" : null);
            return this;
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
