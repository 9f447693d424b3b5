package dev.warren.app.ui.log;

import dev.warren.app.ui.format.NaturalOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.swing.table.AbstractTableModel;

/**
 * The log lines the viewer holds, oldest first, bounded like the manager's ring so a long-running GUI does not
 * grow without limit. Confined to the event dispatch thread.
 */
public final class LogTableModel extends AbstractTableModel {

    static final String[] COLUMNS = {"Time", "Source", "Message"};

    private final int capacity;
    private final List<LogRow> rows = new ArrayList<>();
    private final SortedSet<String> sources = new TreeSet<>(NaturalOrder.INSTANCE);

    public LogTableModel(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.capacity = capacity;
    }

    public void append(List<LogRow> lines) {
        if (lines.isEmpty()) {
            return;
        }
        int first = rows.size();
        for (LogRow r : lines) {
            rows.add(r);
            sources.add(r.source());
        }
        int excess = rows.size() - capacity;
        if (excess > 0) {
            // Dropping a batch from the front is one array copy; doing it per line would be quadratic.
            rows.subList(0, excess).clear();
            fireTableDataChanged();
        } else {
            fireTableRowsInserted(first, rows.size() - 1);
        }
    }

    public LogRow row(int index) {
        return rows.get(index);
    }

    /** Every source seen, naturally ordered, for the filter's choices. */
    public List<String> sources() {
        return List.copyOf(sources);
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return COLUMNS[column];
    }

    @Override
    public Object getValueAt(int rowIndex, int columnIndex) {
        LogRow r = row(rowIndex);
        return switch (columnIndex) {
            case 0 -> r.formattedTime();
            case 1 -> r.source();
            default -> r.message();
        };
    }
}
